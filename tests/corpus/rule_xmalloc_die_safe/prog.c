/* Shape of git's and busybox's allocation wrappers (xmalloc, xrealloc, xstrdup die on failure;
 * free stays free) named in a rules file with their kinds. build_argv, a hotspot with its own
 * arena, splits a command line into an argv it grows with xrealloc, prints it and frees it.
 * SAFE: the wrappers' argument shapes match their kinds (a size, a pointer and a size, a string),
 * nothing leaves build_argv, and the frees are ownership-aware. The wrappers' abort on NULL is not
 * kept in the arena build, which the documentation states. A tool that refuses correct wrapper
 * rules is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

static int build_argv(const char *cmdline)
{
	char *copy = xstrdup(cmdline);
	int argc = 0, alloc = 2;
	char **argv = xmalloc((size_t)alloc * sizeof *argv);
	for (char *t = strtok(copy, " "); t; t = strtok(NULL, " ")) {
		if (argc + 1 >= alloc) {
			alloc *= 2;
			argv = xrealloc(argv, (size_t)alloc * sizeof *argv);
		}
		argv[argc++] = t;
	}
	argv[argc] = NULL;
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	free(argv);
	free(copy);
	return argc;
}

int main(void)
{
	printf("%d\n", build_argv("git log --oneline -n 5"));
	char *keep = xstrdup("outside");
	printf("%s\n", keep);
	free(keep);
	return 0;
}
