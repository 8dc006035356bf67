/* Two candidates in one scope (issue 22): parse_command tokenises each command into
 * xstrdup'd words it frees itself, and on an error hands a message out through *cause (tmux's
 * cmd-parse). The message escapes the scope; the words do not. The check refuses
 * format_cause and still suggests xstrdup under parse_command: a scope refused for one
 * hotspot's memory refuses only that one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xstrdup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (!d)
		abort();
	return strcpy(d, s);
}

static char *format_cause(const char *w, int line)
{
	char *s = malloc(strlen(w) + 40);
	if (!s)
		abort();
	sprintf(s, "line %d: unknown command: %s", line, w);
	return s;
}

static int parse_command(const char *cmd, int line, char **cause)
{
	char *words[16];
	int n = 0;
	char *copy = xstrdup(cmd);
	for (char *t = strtok(copy, " "); t && n < 16; t = strtok(NULL, " "))
		words[n++] = xstrdup(t);
	int ok = n > 0 && (!strcmp(words[0], "set") || !strcmp(words[0], "bind"));
	if (!ok && n > 0)
		*cause = format_cause(words[0], line);
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(copy);
	return ok ? n : -1;
}

int main(void)
{
	const char *cmds[] = {"set -g status on", "bind x kill-pane", "set -s escape-time 0",
	                      "frob it"};
	long total = 0;
	for (int i = 0; i < 400; i++) {
		char *cause = NULL;
		int r = parse_command(cmds[i % 4], i + 1, &cause);
		if (r < 0) {
			if (i < 8)
				printf("%s\n", cause);
			free(cause);
		} else {
			total += r;
		}
	}
	printf("%ld\n", total);
	return 0;
}
