/* Shape of libraries whose globals are reached through accessor functions (libxml2's globals.c:
 * xmlLastError is the macro (*(__xmlLastError())), and every global has such an accessor; git's
 * the_repository points at a static the_repo): get_state()->title = p is a store into static
 * storage written through the result of a call. UNSAFE: g->s = p is refused but the accessor's
 * result is not known to be static storage; with the title in set_title's arena, the static
 * state keeps released memory. A wrong acceptance prints freed memory in main and frees it with
 * libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state {
	char *title;
	int changes;
};

static struct state the_state;

static struct state *get_state(void)
{
	return &the_state;
}

static void set_title(const char *base, int version)
{
	size_t n = strlen(base) + 16;
	char *t = malloc(n);
	snprintf(t, n, "%s v%d", base, version);
	free(get_state()->title);
	get_state()->title = t;
	get_state()->changes++;
}

int main(void)
{
	set_title("report", 1);
	set_title("report", 2);
	printf("%s after %d changes\n", get_state()->title, get_state()->changes);
	free(get_state()->title);
	return 0;
}
