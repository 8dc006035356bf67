/* Shape of /proc and config readers (busybox's procps, systemd's read_line users): lines are read
 * with fgets into a heap buffer and parsed with sscanf into a caller's struct of numbers. SAFE:
 * fgets writes into the buffer and returns it, but the returned pointer is only tested; only
 * numbers reach the caller. A tool that refuses it does not know fgets' effect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct limits {
	long soft, hard;
	int lines;
};

static int load_limits(FILE *f, struct limits *out)
{
	char *line = malloc(64);
	out->lines = 0;
	while (fgets(line, 64, f) != NULL) {
		char name[16];
		long s, h;
		out->lines++;
		if (sscanf(line, "%15s %ld %ld", name, &s, &h) == 3 &&
		    strcmp(name, "nofile") == 0) {
			out->soft = s;
			out->hard = h;
		}
	}
	free(line);
	return out->lines;
}

int main(void)
{
	static char input[] = "core 0 0\nnofile 1024 4096\nnproc 63 63\n";
	FILE *f = fmemopen(input, strlen(input), "r");
	if (!f)
		return 1;
	struct limits l = {0, 0, 0};
	load_limits(f, &l);
	fclose(f);
	printf("%d lines, nofile %ld/%ld\n", l.lines, l.soft, l.hard);
	return 0;
}
