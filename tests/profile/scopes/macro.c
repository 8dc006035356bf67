/* Allocation calls spelled in a macro (libyaml's STRING_INIT): the rewrite makes the macro's
 * definition scope-aware only for a hotspot with a caller's scope, and fill's only caller is
 * main, so --profile refuses fill, naming the macro. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_INIT(b, n) ((b) = malloc(n))

static size_t fill(int i)
{
	char *b;
	if (!BUF_INIT(b, 40))
		abort();
	snprintf(b, 40, "item-%d", i);
	size_t n = strlen(b);
	free(b);
	return n;
}

int main(void)
{
	size_t t = 0;
	for (int i = 0; i < 300; i++)
		t += fill(i);
	printf("%zu\n", t);
	return 0;
}
