/*
 * rtapi: the table (see rtapi.h). Order follows runtime/arena_rt.h; the test compares the two.
 */
#include "rtapi.h"

#include <string.h>

#define SL    (1u << RS_LOCAL)
#define SS    (1u << RS_SCOPED)
#define SO    (1u << RS_OWNER)
#define NAME  RT_VIA_NAME
#define FIELD RT_VIA_FIELD
#define STR   RT_VIA_STR

/* A function the rewriter does not write for a call: name, role, arena, hook, pointer args. */
#define F(n, role, ar, hk, pt)                                                                     \
	{                                                                                          \
		n, role, ar, hk, pt, RE_NONE, RK__COUNT, 0, 0                                      \
	}
/* One it writes for some other reason (rt_emit). */
#define U(n, role, ar, emit)                                                                       \
	{                                                                                          \
		n, role, ar, -1, -1, emit, RK__COUNT, 0, 0                                         \
	}
/* One a call of allocator kind k becomes, in the styles and call shapes given. */
#define C(n, role, ar, hk, pt, k, styles, via)                                                     \
	{                                                                                          \
		n, role, ar, hk, pt, RE_CALL, k, styles, via                                       \
	}

static const struct rt_func table[] = {
    F("arena_init", RT_LIFE, 0, -1, -1),
    U("arena_release", RT_RELEASE, 0, RE_LOCAL_END),
    F("arena_reset", RT_RELEASE, 0, -1, -1),
    F("arena_reset_keep", RT_RELEASE, 0, -1, -1),
    F("arena_create", RT_LIFE, -1, -1, -1),
    F("arena_destroy", RT_DESTROY, 0, -1, -1),
    F("arena_save", RT_MARK, 0, -1, -1),
    F("arena_rewind", RT_REWIND, 0, -1, -1),
    F("arena_alloc_slow", RT_ALLOC, 0, -1, -1),
    C("arena_calloc", RT_ALLOC, 0, -1, -1, RK_CALLOC, SL, NAME),
    C("arena_realloc", RT_ALLOC, 0, -1, 1, RK_REALLOC, SL, NAME),
    C("arena_realloc_any", RT_RESIZE_ANY, -1, -1, 0, RK_REALLOC, SO, NAME),
    C("arena_free", RT_FREE, -1, -1, 0, RK_FREE, SL | SS | SO, NAME),
    C("arena_strdup", RT_ALLOC, 0, -1, -1, RK_STRDUP, SL, NAME),
    C("arena_strndup", RT_ALLOC, 0, -1, -1, RK_STRNDUP, SL, NAME),
    F("arena_memdup", RT_ALLOC, 0, -1, -1),
    C("arena_memdupz", RT_ALLOC, 0, -1, -1, RK_MEMDUP, SL, NAME),
    F("arena_clone", RT_CLONE, -1, -1, -1),
    F("arena_clone_str", RT_CLONE, -1, -1, -1),
    F("arena_owns", RT_QUERY, 0, -1, -1),
    U("arena_owner", RT_QUERY, -1, RE_OWNER_TEST),
    F("arena_get_stats", RT_QUERY, 0, -1, -1),
    U("arena_push", RT_SCOPE_PUSH, 0, RE_SCOPE_PUSH),
    F("arena_pop", RT_SCOPE_POP, 0, -1, -1),
    U("arena_scope_end", RT_SCOPE_END, 0, RE_SCOPE_END),
    C("arena_cur_calloc", RT_CUR_ALLOC, -1, -1, -1, RK_CALLOC, SS, NAME),
    C("arena_cur_realloc", RT_CUR_ALLOC, -1, -1, 0, RK_REALLOC, SS, NAME),
    C("arena_cur_strdup", RT_CUR_ALLOC, -1, -1, -1, RK_STRDUP, SS, NAME),
    C("arena_cur_strndup", RT_CUR_ALLOC, -1, -1, -1, RK_STRNDUP, SS, NAME),
    F("arena_cur_memdup", RT_CUR_ALLOC, -1, -1, -1),
    C("arena_cur_memdupz", RT_CUR_ALLOC, -1, -1, -1, RK_MEMDUP, SS, NAME),
    C("arena_cur_alloc_with", RT_CUR_ALLOC, -1, 0, -1, RK_MALLOC, SS, FIELD),
    C("arena_cur_calloc_with", RT_CUR_ALLOC, -1, 0, -1, RK_CALLOC, SS, FIELD),
    C("arena_cur_realloc_with", RT_CUR_ALLOC, -1, 0, 1, RK_REALLOC, SS, FIELD),
    C("arena_realloc_any_with", RT_RESIZE_ANY, -1, 0, 1, RK_REALLOC, SO, FIELD),
    C("arena_free_with", RT_FREE, -1, 0, 1, RK_FREE, SL | SS | SO, FIELD),
    C("arena_cur_strdup_with", RT_CUR_ALLOC, -1, 0, -1, RK_STRDUP, SS, FIELD),
    C("arena_cur_strndup_with", RT_CUR_ALLOC, -1, 0, -1, RK_STRNDUP, SS, FIELD),
    C("arena_cur_memdupz_with", RT_CUR_ALLOC, -1, 0, -1, RK_MEMDUP, SS, FIELD),
    C("arena_cur_strdupz_with", RT_CUR_ALLOC, -1, 0, -1, RK_MEMDUP, SS, FIELD | STR),
    C("arena_calloc_with", RT_ALLOC, 0, 1, -1, RK_CALLOC, SL, FIELD),
    C("arena_realloc_with", RT_ALLOC, 0, 1, 2, RK_REALLOC, SL, FIELD),
    C("arena_strdup_with", RT_ALLOC, 0, 1, -1, RK_STRDUP, SL, FIELD),
    C("arena_strndup_with", RT_ALLOC, 0, 1, -1, RK_STRNDUP, SL, FIELD),
    C("arena_memdupz_with", RT_ALLOC, 0, 1, -1, RK_MEMDUP, SL, FIELD),
    C("arena_strdupz_with", RT_ALLOC, 0, 1, -1, RK_MEMDUP, SL, FIELD | STR),
    F("arena_hot_take_", RT_ALLOC, 0, -1, -1), /* arena_alloc's inline first allocation */
    F("arena_bump_", RT_ALLOC, 0, -1, -1),     /* arena_alloc's inline bump of its pointer */
    C("arena_alloc", RT_ALLOC, 0, -1, -1, RK_MALLOC, SL, NAME),
    F("arena_alloc_aligned", RT_ALLOC, 0, -1, -1),
    C("arena_alloc_with", RT_ALLOC, 0, 1, -1, RK_MALLOC, SL, FIELD),
    F("arena_current", RT_QUERY, -1, -1, -1),
    C("arena_cur_alloc", RT_CUR_ALLOC, -1, -1, -1, RK_MALLOC, SS, NAME),
    /* inline fast paths behind the function-like macros of the same names without `_fast_` */
    F("arena_free_fast_", RT_FREE, -1, -1, 0),
    F("arena_cur_calloc_fast_", RT_CUR_ALLOC, -1, -1, -1),
    F("arena_cur_realloc_fast_", RT_CUR_ALLOC, -1, -1, 0),
    F("arena_cur_strndup_fast_", RT_CUR_ALLOC, -1, -1, -1),
    /* the inline path behind the object-like macro arena_release */
    F("arena_release_fast_", RT_RELEASE, 0, -1, -1),
    U("ARENA_INIT", RT_MACRO, -1, RE_INIT),
    U("ARENA_INIT_UNTRACKED", RT_MACRO, -1, RE_INIT_UNTRACKED),
    U("ARENA_MALLOC_MODE", RT_MACRO, -1, RE_MALLOC_MODE),
    U("ARENA_TEARDOWN", RT_MACRO, -1, RE_TEARDOWN),
};

#define NTABLE (sizeof(table) / sizeof(*table))

static const char prefix[] = "arena_", macro_prefix[] = "ARENA_";

const struct rt_func *rtapi_table(size_t *n)
{
	*n = NTABLE;
	return table;
}

const struct rt_func *rtapi_find(const char *name)
{
	/* Most callees in a program are not the runtime's: one compare rejects them. */
	if (strncmp(name, prefix, sizeof(prefix) - 1) &&
	    strncmp(name, macro_prefix, sizeof(macro_prefix) - 1))
		return NULL;
	for (size_t i = 0; i < NTABLE; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

const struct rt_func *rtapi_call(enum rule_kind k, enum rule_style s, int via)
{
	unsigned want = via == RTAPI_BY_NAME ? RT_VIA_NAME : RT_VIA_FIELD;
	const struct rt_func *found = NULL;
	for (size_t i = 0; i < NTABLE; i++) {
		const struct rt_func *f = &table[i];
		if (f->emit != RE_CALL || f->kind != k || !(f->styles & (1u << s)) ||
		    !(f->via & want))
			continue;
		/* The variant for a fallback returning char *, where the kind has one. */
		if (!(f->via & RT_VIA_STR) == (via != RTAPI_HOOK_STR))
			return f;
		if (!found)
			found = f;
	}
	return found;
}

const char *rtapi_emit(enum rt_emit what)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].emit == what)
			return table[i].name;
	return NULL;
}

const char *rtapi_nth(enum rt_role role, int i)
{
	for (size_t k = 0; k < NTABLE; k++)
		if (table[k].role == role && i-- == 0)
			return table[k].name;
	return NULL;
}

static const char header[] = "arena_rt.h";

const char *rtapi_header(void)
{
	return header;
}

int rtapi_is_header(const char *path)
{
	size_t l = strlen(path), h = sizeof(header) - 1;
	return l >= h && !strcmp(path + l - h, header) && (l == h || path[l - h - 1] == '/');
}

int rtapi_is_source(const char *path)
{
	static const char src[] = "arena_rt.c";
	size_t l = strlen(path), h = sizeof(src) - 1;
	return rtapi_is_header(path) ||
	       (l >= h && !strcmp(path + l - h, src) && (l == h || path[l - h - 1] == '/'));
}

const char *rtapi_arena_type(void)
{
	return "arena_t";
}

const char *rtapi_prefix(void)
{
	return prefix;
}

const char *rtapi_marker(void)
{
	return "ARENA_RT_RUNTIME_FILE_";
}

const char *rtapi_local_name(enum rt_local which)
{
	switch (which) {
	case RL_SCOPE_ARENA:
		return "arena_scope";
	case RL_RETURN:
		return "arena_ret";
	default:
		return "arena";
	}
}
