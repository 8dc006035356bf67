/* libevent/lighttpd-style plugin interface: the program fills a struct of its own type with
 * callbacks and passes it by address to a library (here plug_run, whose source is not in the
 * run). The item callback copies each item with the hotspot and keeps it in a global list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plug.h"

static char *kept[8];
static int nkept;

static char *save_item(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static int on_item(const char *item)
{
	if (item[0] == '+') {
		kept[nkept++] = save_item(item + 1);
		return 1;
	}
	return 0;
}

static int load(const char *const *items, int n)
{
	struct plug_ops ops = {on_item};
	return plug_run(&ops, items, n);
}

int main(void)
{
	const char *items[] = {"+mod_auth", "-mod_cgi", "+mod_proxy"};
	printf("%d kept\n", load(items, 3));
	for (int i = 0; i < nkept; i++) {
		printf("%s\n", kept[i]);
		free(kept[i]);
	}
	return 0;
}
