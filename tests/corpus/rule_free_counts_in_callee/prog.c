/* Idiom: xfree forwarding to an accounting free (sqlite's sqlite3_free -> measured free):
 * the count change lives in the second function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long frees;
static void counted_free(void *p) { frees++; free(p); }
static void xfree(void *p) { counted_free(p); }

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void work(const char *s)
{
	char *a = dup_str(s);
	printf("%s\n", a);
	xfree(a);
	printf("frees=%ld\n", frees);
}

int main(void)
{
	work("a");
	work("b");
	return 0;
}
