/* GNU programs built on argp set argp_program_version_hook; the hook here builds the version
 * banner with the hotspot and remembers it for the summary line printed at the end. The
 * argument parse is the scope. */
#include <argp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *banner;

static char *fmt_banner(const char *name, int major, int minor)
{
	char *b = malloc(64);
	snprintf(b, 64, "%s %d.%d", name, major, minor);
	return b;
}

static void version_hook(FILE *stream, struct argp_state *state)
{
	(void)state;
	banner = fmt_banner("mytool", 1, 4);
	fprintf(stream, "%s\n", banner);
}

static int parse_args(int argc, char **argv)
{
	static const struct argp argp = {0, 0, 0, "a tool", 0, 0, 0};
	int idx = 0;
	argp_parse(&argp, argc, argv, ARGP_NO_EXIT, &idx, NULL);
	return idx;
}

int main(void)
{
	char *argv[] = {"mytool", "--version", NULL};
	argp_program_version_hook = version_hook;
	int idx = parse_args(2, argv);
	printf("idx %d banner %s\n", idx, banner ? banner : "(none)");
	free(banner);
	return 0;
}
