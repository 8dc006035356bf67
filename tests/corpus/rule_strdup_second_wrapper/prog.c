/* Idiom: xstrdup forwarding to a helper that also folds case (lighttpd's
 * buffer_copy_string_lc / http header names): the kind check must follow the second call. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_fold(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	return d;
}

static char *xstrdup(const char *s) { return dup_fold(s); }

static char *dup_name(const char *s) { return xstrdup(s); }

static void intern(const char **names, int n)
{
	for (int i = 0; i < n; i++) {
		char *d = dup_name(names[i]);
		printf("%s\n", d);
		free(d);
	}
}

int main(void)
{
	const char *n[] = {"Content-Type", "HOST"};
	intern(n, 2);
	return 0;
}
