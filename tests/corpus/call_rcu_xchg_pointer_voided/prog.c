/* liburcu rcu_xchg_pointer / a config reload publishing a new config with (void) on the atomic
 * exchange; the old config is freed, the new one is read by main after reload() returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct cfg { int workers; char name[16]; };
static struct cfg *live;
#define rcu_xchg_pointer(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
static struct cfg *new_cfg(int w, const char *n) { struct cfg *c = malloc(sizeof *c); c->workers = w; snprintf(c->name, sizeof c->name, "%s", n); return c; }
static int reload(int w)
{
	struct cfg *c = new_cfg(w, "reloaded");
	struct cfg *old = live;
	(void)rcu_xchg_pointer(&live, c);
	free(old);
	return c->workers;
}
int main(void)
{
	live = NULL;
	printf("%d\n", reload(4));
	printf("%s %d\n", live->name, live->workers);
	free(live);
	return 0;
}
