/* exit() inside a scope: the process ends with the arena, in both exit styles and both
 * modes; nothing leaks that the original did not leave allocated. Accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char *word(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static int doc(int i)
{
	char *a = word("alpha"), *b = word("beta");
	int n = (int)(strlen(a) + strlen(b));
	if (i == 3) { printf("fatal at %d\n", n); fflush(stdout); free(a); free(b); exit(0); }
	free(a);
	free(b);
	return n;
}
int main(void) { int t = 0; for (int i = 0; i < 5; i++) t += doc(i); printf("%d\n", t); return 0; }
