#include "store.h"

#include <stdio.h>
#include <stdlib.h>

extern int app_verbose; /* app/conf.c: part of the program through this object only */

/* app/ops.c: part of the program through this table only */
int op_up(char *s);
static const struct {
	const char *name;
	int (*fn)(char *);
} ops[] = {{"up", op_up}};

static int calls;

void report_oom(void)
{
	fputs("app: out of memory\n", stderr);
	exit(1);
}

void app_init(void)
{
	calls = 0;
}

int app_work(const char *word)
{
	char *copy = store_dup(word);
	char *line = malloc(64);
	if (!line)
		report_oom();
	int n = ops[0].fn(copy);
	snprintf(line, 64, "%s %s %d", ops[0].name, copy, n);
	if (app_verbose)
		puts(line);
	free(line);
	store_free(copy);
	calls++;
	return n;
}
