/* Plain free()/realloc() of arena memory and uses after the arena is freed or reset. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void free_arena_memory(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "x");
	free(p); /* expect: arena-heap-free */
}

void realloc_arena_memory(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 8);
	char *q = realloc(p, 64); /* expect: arena-heap-free */
	free(q);
}

void free_alias_in_struct(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair pr;
	pr.first = arena_strdup(&a, "pair");
	free(pr.first); /* expect: arena-heap-free */
}

void free_through_helper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	frees_it(arena_strdup(&a, "helper frees")); /* expect: arena-heap-free */
}

void free_param_arena_memory(arena_t *a)
{
	char *p = arena_alloc(a, 10);
	free(p); /* expect: arena-heap-free */
}

void free_scope_memory(void)
{
	char *p = arena_cur_strdup("scope");
	free(p); /* expect warning: arena-heap-free */
}

void use_after_release(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_strdup(&a, "x");
	arena_release(&a);
	printf("%s\n", p); /* expect: arena-use-after-free */
}

void use_after_reset_via_alias(void)
{
	arena_t a = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	struct node *m = n;
	arena_reset(&a);
	m->value = 1; /* expect: arena-use-after-free */
	arena_release(&a);
}

void use_after_destroy(void)
{
	arena_t *h = arena_create();
	char *p = arena_strdup(h, "h");
	arena_destroy(h);
	puts(p); /* expect: arena-use-after-free */
}

void use_after_release_field(void)
{
	arena_t a = ARENA_INIT;
	struct pair pr;
	pr.first = arena_strdup(&a, "f");
	pr.count = 0;
	arena_release(&a);
	puts(pr.first); /* expect: arena-use-after-free */
}

void use_after_reset_in_loop(int n)
{
	arena_t a = ARENA_INIT;
	char *keep = arena_strdup(&a, "first");
	for (int i = 0; i < n; i++) {
		puts(keep); /* expect warning: arena-use-after-free */
		arena_reset(&a);
	}
	arena_release(&a);
}

void use_after_conditional_release(int c)
{
	arena_t a = ARENA_INIT;
	char *p = arena_strdup(&a, "c");
	if (c)
		arena_release(&a);
	puts(p); /* expect warning: arena-use-after-free */
	arena_release(&a);
}

/* ---- safe ---- */

void safe_arena_free(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "x");
	arena_free(p);
}

void safe_free_heap(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *scratch = arena_alloc(&a, 16);
	char *h = malloc(16);
	memcpy(h, scratch, 16);
	free(h);
}

void safe_realloc_any(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 8);
	p = arena_realloc(&a, p, 64);
	p[0] = 0;
}

void safe_reset_per_iteration(int n)
{
	arena_t a = ARENA_INIT;
	for (int i = 0; i < n; i++) {
		char *line = arena_alloc(&a, 128);
		snprintf(line, 128, "%d", i);
		puts(line);
		arena_reset(&a);
	}
	arena_release(&a);
}

void safe_realloc_after_reset(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_strdup(&a, "old");
	puts(p);
	arena_reset(&a);
	p = arena_strdup(&a, "new");
	puts(p);
	arena_release(&a);
}

void safe_use_before_release(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_strdup(&a, "before");
	size_t n = strlen(p);
	arena_release(&a);
	printf("%zu\n", n);
}

void safe_other_arena_released(void)
{
	arena_t a = ARENA_INIT, b = ARENA_INIT;
	char *p = arena_strdup(&a, "a");
	char *q = arena_strdup(&b, "b");
	arena_release(&b);
	puts(p);
	(void)q;
	arena_release(&a);
}

void safe_free_clone(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "x");
	char *h = arena_clone_str(p);
	free(h);
}

void allowed_free(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "x");
	free(p); /* arena-lint: allow(arena-heap-free) ARENA_USE_MALLOC builds only */
}

/* A block's own arena, released where the block ends by its cleanup attribute. */
void block_arena_then_use(void)
{
	char *p;
	{
		arena_t tmp __attribute__((cleanup(arena_release))) = ARENA_INIT;
		p = arena_strdup(&tmp, "x");
	}
	printf("%s\n", p); /* expect: arena-use-after-free */
}

/* A long-lived arena's node given a string of a block's arena, read back after the block
 * (a document arena and a scratch arena, as yajl keeps its tree and its buffers apart). */
struct named {
	char *name;
};
void node_field_from_block_arena(void)
{
	arena_t doc __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct named *n = arena_alloc(&doc, sizeof *n);
	{
		arena_t tmp __attribute__((cleanup(arena_release))) = ARENA_INIT;
		n->name = arena_strdup(&tmp, "title");
	}
	printf("%s\n", n->name); /* expect warning: arena-use-after-free */
}

/* A scratch mark (mawk's and flex's temporaries): what was made after arena_save is gone after
 * arena_rewind; what was made before it stays. */
void rewind_then_use(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *keep = arena_strdup(&a, "kept");
	arena_mark_t m = arena_save(&a);
	char *tmp = arena_strdup(&a, "temporary");
	arena_rewind(&a, m);
	printf("%s\n", keep);
	printf("%s\n", tmp); /* expect: arena-use-after-free */
}

/* The same through a setter whose member the walk does not name. */
static void set_name(struct named *n, char *s)
{
	n->name = s;
}
void node_setter_from_block_arena(void)
{
	arena_t doc __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct named *n = arena_alloc(&doc, sizeof *n);
	{
		arena_t tmp __attribute__((cleanup(arena_release))) = ARENA_INIT;
		set_name(n, arena_strdup(&tmp, "title"));
	}
	printf("%s\n", n->name); /* expect warning: arena-use-after-free */
}

/* The scratch mark behind helpers (obstack_free to a mark, apr's pool clear in a
 * tmp_begin/tmp_end pair): the helpers save, rewind and release the arena they are given. */
static arena_mark_t tmp_begin(arena_t *a)
{
	return arena_save(a);
}
static void tmp_end(arena_t *a, arena_mark_t m)
{
	arena_rewind(a, m);
}
static void scratch_done(arena_t *a)
{
	arena_release(a);
}
void rewind_through_helpers(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *keep = arena_strdup(&a, "kept");
	arena_mark_t m = tmp_begin(&a);
	char *tmp = arena_strdup(&a, "temporary");
	tmp_end(&a, m);
	printf("%s\n", keep);
	printf("%s\n", tmp); /* expect: arena-use-after-free */
}
void release_through_helper(void)
{
	arena_t a = ARENA_INIT;
	char *s = arena_strdup(&a, "gone");
	scratch_done(&a);
	printf("%s\n", s); /* expect: arena-use-after-free */
}
void helpers_used_in_order(void)
{
	arena_t a = ARENA_INIT;
	char *keep = arena_strdup(&a, "kept");
	arena_mark_t m = tmp_begin(&a);
	char *tmp = arena_strdup(&a, "temporary");
	printf("%s %s\n", keep, tmp);
	tmp_end(&a, m);
	printf("%s\n", keep);
	scratch_done(&a);
}

/* arena_free of an object that is not the newest keeps its bytes in arena mode, but malloc
 * mode frees it: a read after it is a use after free in the revert build. */
void read_after_arena_free(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "freed");
	arena_free(s);
	printf("%s\n", s); /* expect: arena-use-after-free */
}
void reassigned_after_arena_free(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "first");
	arena_free(s);
	s = arena_strdup(&a, "second");
	printf("%s\n", s);
}

/* The arena named through a local pointer that always holds its address. */
void release_through_local_alias(void)
{
	arena_t a = ARENA_INIT;
	arena_t *ap = &a;
	char *p = arena_strdup(ap, "via alias");
	arena_release(ap);
	printf("%s\n", p); /* expect: arena-use-after-free */
}
