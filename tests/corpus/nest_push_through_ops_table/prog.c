/* apr/talloc-like pool ops table holding the runtime's own functions: ops.begin = arena_push, ops.end = arena_pop; keep_name called between */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
struct scratch_ops { void (*begin)(arena_t *); void (*end)(arena_t *); };
static const struct scratch_ops ops = { .begin = arena_push, .end = arena_pop };
static char *keep_name(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static void collect(char **names, int i, const char *s) {
    arena_t scratch = ARENA_INIT;
    ops.begin(&scratch);
    char *tmp = arena_cur_strdup(s);
    names[i] = keep_name(tmp);
    ops.end(&scratch);
    arena_release(&scratch);
}
int main(void) {
    char *names[4];
    collect(names, 0, "alpha"); collect(names, 1, "beta");
    printf("%s %s\n", names[0], names[1]);
    free(names[0]); free(names[1]);
    return 0;
}
