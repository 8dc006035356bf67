/* A parser's error path longjmps out of the scope (parse_doc) back to main's setjmp: the
 * scope's release would be skipped and the scope stack left pointing at a dead frame. The
 * scope is refused [arena-escape-nonlocal], through the callee that may jump. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct parser { jmp_buf on_error; const char *s; int depth; };
static void fail(struct parser *p) { longjmp(p->on_error, 1); }
static char *dup_tok(struct parser *p) { char *t = malloc(8); if (*p->s == '!') fail(p); strcpy(t, "tok"); p->s++; return t; }
static int parse_doc(struct parser *p)
{
	int n = 0;
	for (int i = 0; i < 3; i++) { char *t = dup_tok(p); n += (int)strlen(t); free(t); }
	return n;
}
int main(void)
{
	const char *docs[] = {"abc", "a!c", "xyz"};
	int total = 0;
	for (int i = 0; i < 3; i++) {
		struct parser p = {.s = docs[i]};
		if (setjmp(p.on_error)) { total += 100; continue; }
		total += parse_doc(&p);
	}
	printf("%d\n", total);
	return 0;
}
