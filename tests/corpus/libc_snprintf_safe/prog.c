/* Shape of table printers (systemd's format-table.c, coreutils' ls columns): each cell is
 * formatted with snprintf into a scratch buffer sized by a first snprintf(NULL, 0, ...) call,
 * printed, and freed. SAFE: snprintf only writes into the buffer and returns a count; nothing
 * keeps the buffer after format_row returns, so an arena for format_row is correct. A tool that
 * refuses it is over-cautious about the commonest libc call on a buffer. */
#include <stdio.h>
#include <stdlib.h>

static int format_row(const char *unit, int pid, double mem)
{
	int n = snprintf(NULL, 0, "%-12s %6d %8.1fK", unit, pid, mem);
	char *line = malloc((size_t)n + 1);
	snprintf(line, (size_t)n + 1, "%-12s %6d %8.1fK", unit, pid, mem);
	int len = printf("%s|\n", line);
	free(line);
	return len;
}

int main(void)
{
	int total = format_row("sshd.service", 412, 5120.5);
	total += format_row("cron.service", 77, 812.25);
	printf("%d bytes printed\n", total);
	return 0;
}
