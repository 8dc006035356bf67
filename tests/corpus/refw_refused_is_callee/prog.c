/* Shape of logging helpers that are hotspots themselves and are also called by other hotspots
 * (busybox's bb_error_msg keeping the last message, a daemon's error recorder): record_error
 * keeps its formatted message in a global (refused) and frees the string it is handed;
 * report_all (accepted) formats each report in its arena and hands it to record_error to be
 * logged and freed. The right output refuses record_error and writes no arena of its own for
 * it, but makes its free ownership-aware, since report_all's arena memory reaches it. A tool
 * that drops every edit of the refused hotspot hands report_all's memory to libc free (crash). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *last_error;

static void record_error(char *detail)
{
	char *msg = malloc(strlen(detail) + 8);
	sprintf(msg, "error: %s", detail);
	puts(msg);
	free(last_error);
	last_error = msg;
	free(detail);
}

static int report_all(const char *const *what, int n)
{
	for (int i = 0; i < n; i++) {
		char *d = malloc(strlen(what[i]) + 16);
		sprintf(d, "%s (#%d)", what[i], i);
		record_error(d);
	}
	return n;
}

int main(void)
{
	const char *w[] = {"disk full", "no route"};
	printf("%d reported\n", report_all(w, 2));
	record_error(strdup("late"));
	printf("last: %s\n", last_error);
	free(last_error);
	return 0;
}
