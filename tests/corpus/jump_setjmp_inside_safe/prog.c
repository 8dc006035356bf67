/* Shape of Lua's luaD_rawrunprotected and libpng's setjmp(png_jmpbuf(png)) used inside the
 * function that owns the work: protected_sum sets its own jump point, then runs a checker that
 * longjmps back into protected_sum on a bad item; protected_sum recovers and returns normally.
 * SAFE: every longjmp lands in the function that owns the arena, which is still live, and the
 * function then leaves through its ordinary exits where the arena is released; the scratch
 * memory made before the jump is the arena's and is released with it. A tool that refuses every
 * reachable longjmp, even one that cannot leave the arena's function, is over-cautious. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_item(jmp_buf *jb, const char *item)
{
	if (strchr(item, '!'))
		longjmp(*jb, 1);
}

static long protected_sum(const char *const *items, int n)
{
	jmp_buf jb;
	char **copies = calloc((size_t)n, sizeof *copies);
	volatile long sum = 0;
	volatile int i = 0;
	if (setjmp(jb) != 0) {
		printf("bad item %d skipped\n", i);
		i++;
	}
	for (; i < n; i++) {
		copies[i] = strdup(items[i]);
		check_item(&jb, copies[i]);
		sum += (long)strlen(copies[i]);
	}
	for (int k = 0; k < n; k++)
		free(copies[k]);
	free(copies);
	return sum;
}

int main(void)
{
	const char *items[] = {"alpha", "be!ta", "gamma", "!", "delta"};
	printf("sum %ld\n", protected_sum(items, 5));
	return 0;
}
