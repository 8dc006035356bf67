/* Shape of table loaders that fill a global table through a setter taking the slot's address
 * (busybox's applet/config tables, lua's luaL_Reg registration into a global table,
 * set_name(&names[i], s)): the setter is the allocation hotspot, the loading pass its scope.
 * UNSAFE: the slots are static storage, so the names are released when load_names returns and
 * the table keeps them. A wrong acceptance prints freed memory in main and frees it with libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *names[4];

static void set_name(char **slot, const char *s)
{
	char *n = strdup(s);
	for (char *c = n; *c; c++)
		if (*c == '-')
			*c = '_';
	*slot = n;
}

static int load_names(const char *const *src, int n)
{
	int i;
	for (i = 0; i < n && i < 4; i++)
		set_name(&names[i], src[i]);
	return i;
}

int main(void)
{
	const char *src[] = {"max-conn", "idle-timeout", "log-level"};
	int n = load_names(src, 3);
	for (int i = 0; i < n; i++) {
		printf("%s\n", names[i]);
		free(names[i]);
	}
	return 0;
}
