/* Globals, statics, thread-locals and stores through parameters at any depth. */
#include "common.h"
#include <stdlib.h>
#include <string.h>

char *g_name;
static struct pair g_pair;
static struct node *g_nodes[16];
static _Thread_local char *t_last;
struct registry g_registry;
static struct registry *g_current = &g_registry;
static char *g_cur;

void to_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	g_name = arena_strdup(&a, "global"); /* expect: arena-escape-global */
}

void to_static_local(void)
{
	static char *cache;
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 8);
	cache = p; /* expect: arena-escape-global */
}

void to_thread_local(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "tls");
	t_last = p; /* expect: arena-escape-global */
}

void to_global_field(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "field");
	g_pair.second = p; /* expect: arena-escape-global */
}

void to_global_array(int i)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	g_nodes[i & 15] = n; /* expect: arena-escape-global */
}

void to_global_nested(int i)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "nested");
	g_registry.slots[i & 7] = p; /* expect: arena-escape-global */
}

void to_memory_of_global_pointer(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	g_current->list = n; /* expect: arena-escape-global */
}

void struct_copied_into_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair local;
	local.first = arena_strdup(&a, "copy");
	local.second = NULL;
	local.count = 1;
	g_pair = local; /* expect: arena-escape-global */
}

void nested_struct_copied_into_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct outer o;
	memset(&o, 0, sizeof o);
	o.inner.first = arena_strdup(&a, "deep");
	struct pair tmp = o.inner;
	g_pair = tmp; /* expect: arena-escape-global */
}

void global_in_branch(int c)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "sometimes");
	if (c > 3)
		g_name = p; /* expect warning: arena-escape-global */
}

void global_in_switch(int c)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "case");
	switch (c) {
	case 1:
		g_name = p; /* expect warning: arena-escape-global */
		break;
	default:
		break;
	}
}

void scope_memory_to_global(void)
{
	char *p = arena_cur_strdup("scoped");
	g_name = p; /* expect: arena-escape-global */
}

void out_param(char **out)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "out");
	*out = p; /* expect: arena-escape-param */
}

void param_field(struct pair *o)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	o->first = arena_strdup(&a, "field"); /* expect: arena-escape-param */
}

void param_double_deref(struct outer **po)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	(*po)->head = n; /* expect: arena-escape-param */
}

void param_slots(char **slots, int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	for (int i = 0; i < n; i++)
		slots[i] = arena_alloc(&a, 4); /* expect: arena-escape-param */
}

void param_nested_member(struct outer *o)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	o->inner.second = arena_strdup(&a, "inner"); /* expect: arena-escape-param */
}

void param_through_local_pointer(struct registry *r)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct registry *cur = r;
	char **slot = &cur->slots[2];
	*slot = arena_strdup(&a, "via local"); /* expect: arena-escape-param */
}

void param_struct_copy(struct pair *dst)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair src = {0};
	src.first = arena_strdup(&a, "src");
	*dst = src; /* expect: arena-escape-param */
}

void param_list_push(struct node **head)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	n->next = *head;
	*head = n; /* expect: arena-escape-param */
}

/* ---- safe ---- */

void safe_store_into_arena_object(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	n->name = arena_strdup(&a, "inside");
	n->next = NULL;
}

void safe_store_param_value(struct pair *o, char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tmp = arena_strdup(&a, s);
	o->count = (int)strlen(tmp);
	o->first = s;
}

void safe_store_caller_arena(arena_t *a, struct pair *o)
{
	o->first = arena_strdup(a, "caller owns the arena");
}

void safe_store_scope_into_param(struct pair *o)
{
	o->second = arena_cur_strdup("the scope outlives this call");
}

void safe_global_arena(void)
{
	static arena_t forever;
	g_name = arena_strdup(&forever, "lives forever");
}

void safe_clone_to_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "clone");
	g_name = arena_clone_str(p);
}

void safe_global_count(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair *pr = arena_alloc(&a, sizeof *pr);
	pr->count = 3;
	g_pair.count = pr->count;
}

void allowed_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	g_name = arena_strdup(&a, "x"); // arena-lint: allow(arena-escape-global) reset before use
}

void via_heap_array(void)
{
	char **words = malloc(2 * sizeof(*words));
	if (!words)
		return;
	words[0] = arena_cur_strdup("first");
	words[1] = NULL;
	g_name = words[0]; /* expect warning: arena-escape-global */
	free(words);
}

void via_arena_array(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char **slots = arena_alloc(&a, 2 * sizeof(*slots));
	slots[1] = arena_strdup(&a, "second");
	char **alias = slots;
	g_name = alias[1]; /* expect warning: arena-escape-global */
}

/* A global holding scope memory only while the scope runs (cleared before it ends). */
void safe_scope_global_cleared(void)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	g_cur = arena_cur_strdup("current");
	only_measures(g_cur);
	g_cur = NULL;
}

void scope_global_kept(int c)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	g_cur = arena_cur_strdup("kept"); /* expect: arena-escape-global */
	if (c)
		g_cur = NULL;
}
