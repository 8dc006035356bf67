/* The "current file" of a compiler or config loader (gcc's input_filename, git's config source):
 * kept in a global while the file is read, so that a fatal error reports where it happened. A
 * fatal error calls exit(); an atexit handler reports the file and frees the name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *cur_name;

static void report_at_exit(void)
{
	if (cur_name) {
		printf("fatal while reading %s\n", cur_name);
		free(cur_name);
		cur_name = NULL;
	}
}

static int load(const char *name, const char *text)
{
	int n = 0;
	cur_name = strdup(name);
	for (const char *p = text; *p; p++) {
		if (*p == '!') {
			printf("bad byte at %d\n", n);
			exit(3);
		}
		n++;
	}
	free(cur_name);
	cur_name = NULL;
	return n;
}

int main(void)
{
	atexit(report_at_exit);
	printf("%d\n", load("a.conf", "abc"));
	printf("%d\n", load("b.conf", "de!f"));
	return 0;
}
