#ifndef APP_H
#define APP_H
#include <setjmp.h>
#include <stddef.h>
#include "arena_rt.h"

struct kv {
	char *key;
	char *value;
};

char *kv_dup(const char *s, size_t n);
struct kv *kv_parse(const char *text);
void kv_free(struct kv *kv);
/* Keeps its argument (keep.c): what other units pass it escapes. */
void keep(void *p);
/* Facts only keep.c's summaries carry to the other units: reads before its argument's start,
 * frees what its argument points to, jumps through its argument's buffer. */
size_t peek_header(const void *p);
void drop_through(char **pp);
void bail(jmp_buf *env);
char *name_new(const char *s);
extern void *last_header;

/* Seen by every unit: its finding lies in this header, and only one shard may report it. */
static inline void remember(void)
{
	arena_t a = ARENA_INIT;
	last_header = arena_alloc(&a, 16);
	arena_release(&a);
}
#endif
