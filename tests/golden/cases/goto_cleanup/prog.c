#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The goto-cleanup idiom: frees at a label, one exit. */
static int join(const char *a, const char *b, char *out, size_t cap)
{
	int rc = -1;
	char *x = NULL, *y = NULL;
	x = malloc(strlen(a) + 1);
	if (!x)
		goto out;
	strcpy(x, a);
	y = malloc(strlen(x) + strlen(b) + 1);
	if (!y)
		goto out;
	strcpy(y, x);
	strcat(y, b);
	if (strlen(y) >= cap)
		goto out;
	strcpy(out, y);
	rc = 0;
out:
	free(x);
	free(y);
	return rc;
}

int main(void)
{
	char buf[32];
	int rc = join("arena", "-rewrite", buf, sizeof(buf));
	printf("%d %s\n", rc, rc ? "" : buf);
	rc = join("a very long string that", " does not fit at all", buf, 8);
	printf("%d\n", rc);
	return 0;
}
