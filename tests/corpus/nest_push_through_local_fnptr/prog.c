/* a local function-pointer variable holding arena_push (chosen at run time between push and a no-op in real code); keep_name runs under it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
static char *keep_name(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static void collect(char **names, int i, const char *s) {
    arena_t scratch = ARENA_INIT;
    void (*begin)(arena_t *) = arena_push;
    begin(&scratch);
    char *tmp = arena_cur_strdup(s);
    names[i] = keep_name(tmp);
    arena_pop(&scratch);
    arena_release(&scratch);
}
int main(void) {
    char *names[4];
    collect(names, 0, "alpha"); collect(names, 1, "beta");
    printf("%s %s\n", names[0], names[1]);
    free(names[0]); free(names[1]);
    return 0;
}
