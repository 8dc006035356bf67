/* Calls that keep the pointer: threads, registrations, helpers with bodies (same file and
 * other files, transitively), and calls that do not. */
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <threads.h>

static char *c_saved;

static void save_here(char *s)
{
	c_saved = s;
}

static void save_indirect(char *s)
{
	save_here(s);
}

static void *worker(void *arg)
{
	return arg;
}

static int c11_worker(void *arg)
{
	return arg != NULL;
}

void to_detached_thread(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	pthread_t t;
	pthread_create(&t, NULL, worker, job); /* expect: arena-escape-call */
	pthread_detach(t);
}

void to_thread_via_struct(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair *ctx = arena_alloc(&a, sizeof *ctx);
	pthread_t t;
	pthread_create(&t, NULL, worker, ctx); /* expect: arena-escape-call */
	pthread_detach(t);
}

void to_c11_thread(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "c11");
	thrd_t t;
	thrd_create(&t, c11_worker, job); /* expect: arena-escape-call */
	thrd_detach(t);
}

void to_setvbuf(FILE *f)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, BUFSIZ);
	setvbuf(f, buf, _IOFBF, BUFSIZ); /* expect: arena-escape-call */
}

void to_thread_specific(pthread_key_t key)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	pthread_setspecific(key, arena_strdup(&a, "tsd")); /* expect: arena-escape-call */
}

void to_same_file_helper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "helper");
	save_here(s); /* expect: arena-escape-call */
}

void to_same_file_helper_indirect(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "helper2");
	save_indirect(s); /* expect: arena-escape-call */
}

void to_other_file_helper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	keep_in_global(arena_strdup(&a, "other file")); /* expect: arena-escape-call */
}

void to_other_file_chain(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "chain");
	char *t = s;
	keep_via_chain(t); /* expect: arena-escape-call */
}

void helper_stores_through_my_param(struct pair *out)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	store_through(out, arena_strdup(&a, "through")); /* expect: arena-escape-call */
}

void helper_chain_stores_through_param(struct pair *out)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "forward");
	forward_store(out, s); /* expect: arena-escape-call */
}

void helper_result_returned_alias(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = identity(arena_strdup(&a, "id"));
	keep_in_global(s); /* expect: arena-escape-call */
}

char *ret_from_arena_helper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *n = make_name(&a, "made by a helper");
	return n; /* expect: arena-escape-return */
}

void struct_with_arena_pointer_to_thread(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	static struct pair ctx;
	ctx.first = arena_strdup(&a, "in ctx"); /* expect: arena-escape-global */
	pthread_t t;
	pthread_create(&t, NULL, worker, &ctx);
	pthread_detach(t);
}

void conditional_keep(int c)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "if");
	if (c)
		save_here(s); /* expect warning: arena-escape-call */
}

void to_joined_thread(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "joined");
	pthread_t t;
	pthread_create(&t, NULL, worker, job); /* expect warning: arena-escape-call */
	pthread_join(t, NULL);
}

/* ---- safe ---- */

size_t safe_helper_measures(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "measure");
	return only_measures(s);
}

void safe_helper_stores_into_local(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair local = {0};
	store_through(&local, arena_strdup(&a, "local"));
	printf("%s\n", local.first);
}

void safe_helper_copies_bytes(char *out, size_t n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_alloc(&a, n);
	copy_into(out, s, n);
}

void safe_keep_heap_copy(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "copy first");
	save_here(arena_clone_str(s));
}

void safe_thread_gets_heap(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "scratch");
	char *h = arena_clone_str(s);
	pthread_t t;
	pthread_create(&t, NULL, worker, h);
	pthread_join(t, NULL);
}

void safe_signal_handler(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "unrelated");
	(void)s;
	signal(SIGINT, SIG_IGN);
}

void safe_param_arena_helper(arena_t *a, struct pair *out)
{
	out->first = make_name(a, "caller's");
}

void allowed_call(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "x");
	// arena-lint: allow(arena-escape-call) cleared by the caller before the release
	save_here(s);
}
