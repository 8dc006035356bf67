/* coreutils/gnulib programs set glibc's error_print_progname hook; here the hook builds the
 * program-name prefix once with the hotspot and caches it for later messages. error() is
 * called from inside the scope (a per-file check). */
#define _GNU_SOURCE
#include <errno.h>
#include <error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *prefix;

static char *make_prefix(const char *prog, const char *file)
{
	size_t n = strlen(prog) + strlen(file) + 4;
	char *p = malloc(n);
	snprintf(p, n, "%s(%s)", prog, file);
	return p;
}

static const char *current = "none";
static void print_prog(void)
{
	if (!prefix)
		prefix = make_prefix("chk", current);
	fprintf(stdout, "%s: ", prefix);
	fflush(stdout);
}

static void check(const char *file, int bad)
{
	current = file;
	if (bad) {
		fflush(stdout);
		error(0, 0, "bad file");
	}
	printf("checked %s\n", file);
}

int main(void)
{
	error_print_progname = print_prog;
	check("a.txt", 0);
	check("b.txt", 1);
	check("c.txt", 1);
	printf("prefix %s\n", prefix);
	free(prefix);
	return 0;
}
