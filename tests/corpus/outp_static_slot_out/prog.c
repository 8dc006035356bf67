/* libevent's evutil "get the slot" helpers / tmux's options_get_array: a lookup hands back,
 * through an out-parameter, the address of a slot in static storage, and the caller stores
 * its value there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slots[4];

static int lookup_slot(const char *name, char ***out)
{
	int i = (int)(strlen(name) % 4);
	*out = &slots[i];
	return i;
}

static char *val_dup(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void set_option(const char *name, const char *value)
{
	char **slot;
	int i = lookup_slot(name, &slot);
	char *v = val_dup(value);
	free(*slot);
	*slot = v;
	printf("slot %d = %s\n", i, v);
}

int main(void)
{
	set_option("status", "on");
	set_option("mouse", "off");
	set_option("history-limit", "2000");
	for (int i = 0; i < 4; i++) {
		if (slots[i])
			printf("[%d] %s\n", i, slots[i]);
		free(slots[i]);
	}
	return 0;
}
