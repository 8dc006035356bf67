/* Shape of registries indexed through an accessor that returns the address of a slot in a
 * static table (nginx's ngx_get_conf(conf_ctx, module), lua's registry slots, busybox's applet
 * tables): *handler_slot(i) = p stores into static storage through a returned pointer. UNSAFE:
 * the slot's address comes from a call, so the store is not seen as one into a global; with the
 * handler name in register_handler's arena, the table keeps released memory. A wrong acceptance
 * prints freed memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *handlers[8];

static char **handler_slot(int i)
{
	return &handlers[i & 7];
}

static void register_handler(int sig, const char *name)
{
	size_t n = strlen(name) + 10;
	char *label = malloc(n);
	snprintf(label, n, "%s/%d", name, sig);
	*handler_slot(sig) = label;
}

int main(void)
{
	register_handler(1, "reload");
	register_handler(2, "stop");
	for (int i = 0; i < 8; i++)
		if (handlers[i]) {
			printf("%d: %s\n", i, handlers[i]);
			free(handlers[i]);
		}
	return 0;
}
