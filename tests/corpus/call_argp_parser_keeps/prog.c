/* GNU argp (tar, cpio, many GNU tools): argp_parse calls the program's parse_opt for every option,
 * and parse_opt keeps copies of the arguments in the global configuration. The argument
 * handling function is a scope for the string duplicator, which it also uses for its own
 * temporary strings. */
#include <argp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *opt_output;
static char *opt_name;

static char *xstrdup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	(void)state;
	switch (key) {
	case 'o': opt_output = xstrdup(arg); break;
	case 'n': opt_name = xstrdup(arg); break;
	default: return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static struct argp_option options[] = {
	{"output", 'o', "FILE", 0, "output file", 0},
	{"name", 'n', "NAME", 0, "a name", 0},
	{0},
};
static struct argp argp = {options, parse_opt, NULL, "test", NULL, NULL, NULL};

static int parse_args(int argc, char **argv)
{
	char *prog = xstrdup(argv[0]);
	int r = argp_parse(&argp, argc, argv, ARGP_NO_EXIT, NULL, NULL);
	printf("parsed options of %s\n", strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog);
	free(prog);
	return r;
}

int main(void)
{
	char *argv[] = {"/usr/bin/tool", "-o", "out.txt", "--name", "alpha", NULL};
	parse_args(5, argv);
	printf("output %s name %s\n", opt_output, opt_name);
	free(opt_output);
	free(opt_name);
	return 0;
}
