/* Shape of registration functions that consume their argument on every path, freeing it when
 * registration fails (libevent's evconnlistener and event_base_once argument handling,
 * systemd's sd_event_add_* with a destroy callback on failure): the caller builds a listener
 * record and gives it up. UNSAFE: listener_register frees the record when the port is taken and
 * keeps it in the global registry otherwise, so the record does not die on every path; with the
 * name in add_listener's arena, the registry keeps released memory. A wrong acceptance prints
 * freed memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct listener {
	int port;
	char *name;
};

static struct listener *registry[4];
static int nregistered;

static struct listener *listener_new(int port)
{
	struct listener *l = calloc(1, sizeof *l);
	l->port = port;
	return l;
}

static int listener_register(struct listener *l)
{
	for (int i = 0; i < nregistered; i++)
		if (registry[i]->port == l->port) {
			free(l->name);
			free(l);
			return -1;
		}
	registry[nregistered++] = l;
	return 0;
}

static int add_listener(const char *proto, int port)
{
	struct listener *l = listener_new(port);
	l->name = malloc(strlen(proto) + 8);
	sprintf(l->name, "%s:%d", proto, port);
	return listener_register(l);
}

int main(void)
{
	int a = add_listener("http", 80);
	int b = add_listener("https", 443);
	int c = add_listener("alt", 80);
	printf("%d %d %d\n", a, b, c);
	for (int i = 0; i < nregistered; i++) {
		printf("%s\n", registry[i]->name);
		free(registry[i]->name);
		free(registry[i]);
	}
	return 0;
}
