/* Shape of command-line tools that die from deep inside their work (git's die(), busybox's
 * bb_error_msg_and_die, coreutils' error(EXIT_FAILURE, ...)): load_table, the scope, copies
 * fields with field_dup and calls die() on a malformed row, which prints and exits; an atexit
 * handler reports what was loaded from counters. exit() runs atexit handlers and ends the
 * process without returning through load_table, so the arena is never released, in either exit
 * style, exactly as the original never frees the rows it was holding: they stay reachable from
 * the live stack frames until the process ends. SAFE: nothing is used after a release, and
 * nothing leaks that the original did not hold; the handlers touch no arena memory. A tool that
 * refuses a scope because exit() is reachable is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rows_loaded;

static void report(void)
{
	printf("%d rows loaded\n", rows_loaded);
	fflush(stdout);
}

static void die(const char *msg, const char *row)
{
	printf("fatal: %s: '%s'\n", msg, row);
	exit(3);
}

static char *field_dup(const char *s, size_t n)
{
	char *f = malloc(n + 1);
	memcpy(f, s, n);
	f[n] = '\0';
	return f;
}

static int load_table(const char *const *rows, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++) {
		const char *comma = strchr(rows[i], ',');
		if (!comma)
			die("missing comma", rows[i]);
		char *key = field_dup(rows[i], (size_t)(comma - rows[i]));
		char *val = field_dup(comma + 1, strlen(comma + 1));
		printf("%s => %s\n", key, val);
		sum += atoi(val);
		rows_loaded++;
		free(key);
		free(val);
	}
	return sum;
}

int main(void)
{
	atexit(report);
	const char *good[] = {"a,1", "b,2"};
	const char *bad[] = {"c,3", "oops", "d,4"};
	printf("sum %d\n", load_table(good, 2));
	printf("sum %d\n", load_table(bad, 3));
	return 0;
}
