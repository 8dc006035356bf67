/* Shape of statistics kept in static storage behind an accessor (nginx's ngx_stat_* counters,
 * redis's server.stat_* fields reached through a pointer to the server struct): the function
 * makes scratch tokens and adds their count to get_stats()->tokens. SAFE: what is stored through
 * the accessor's result is an integer, never an arena pointer. A tool that refuses any store
 * through an accessor in a hotspot is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stats {
	long tokens;
	long longest;
};

static struct stats the_stats;

static struct stats *get_stats(void)
{
	return &the_stats;
}

static int tokenize(const char *line)
{
	char *copy = strdup(line);
	int n = 0;
	for (char *t = strtok(copy, " "); t; t = strtok(NULL, " ")) {
		n++;
		if ((long)strlen(t) > get_stats()->longest)
			get_stats()->longest = (long)strlen(t);
	}
	get_stats()->tokens += n;
	free(copy);
	return n;
}

int main(void)
{
	tokenize("GET /index.html HTTP/1.1");
	tokenize("Host: example.org");
	printf("%ld tokens, longest %ld\n", get_stats()->tokens, get_stats()->longest);
	return 0;
}
