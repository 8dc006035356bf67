/*
 * rt_api.c (part of arena_rt.c, see rt_core.c): the functions both modes share, written on
 * the mode's primitives (arena_alloc, arena_release, ...): creation, copies, the current-arena
 * stack and the _with forms that fall back to the program's own allocator.
 */

void arena_init(arena_t *a)
{
	memset(a, 0, sizeof(*a));
}

arena_t *arena_create(void)
{
	arena_t *a = malloc(sizeof(*a));

	if (a)
		arena_init(a);
	return a;
}

void arena_destroy(arena_t *a)
{
	if (!a)
		return;
	arena_release(a);
	free(a);
}

void *arena_memdup(arena_t *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

/* Whether a is an arena that serves allocations itself: not NULL, and not untracked (malloc
 * mode: an untracked arena's objects are what the original program's calls gave). */
#ifdef ARENA_USE_MALLOC
#define ARENA_APPLIES(a) ((a) && !untracked(a))
#else
#define ARENA_APPLIES(a) ((a) != NULL)
#endif

/* Copies at most n bytes of s, NUL-terminated, into alloc(a, len + 1) (strndup if a does not
 * apply: the program's own call, at libc's speed). */
static char *copy_strn(arena_t *a, const char *s, size_t n)
{
	size_t len = 0;
	char *q;

	if (!ARENA_APPLIES(a))
		return strndup(s, n);

	while (len < n && s[len]) /* strnlen is not C11 */
		len++;
	q = arena_alloc(a, len + 1);
	if (q) {
		memcpy(q, s, len);
		q[len] = '\0';
	}
	return q;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
	return copy_strn(a, s, n);
}

char *arena_strdup(arena_t *a, const char *s)
{
	return arena_memdup(a, s, strlen(s) + 1);
}

/* Fills q (n + 1 bytes, or NULL) with the n bytes at p and a NUL. */
static void *put_z(char *q, const void *p, size_t n)
{
	if (q) {
		if (n)
			memcpy(q, p, n);
		q[n] = '\0';
	}
	return q;
}

void *arena_memdupz(arena_t *a, const void *p, size_t n)
{
	/* n == SIZE_MAX: n + 1 bytes is no object */
	return n == SIZE_MAX ? NULL : put_z(arena_alloc(a, n + 1), p, n);
}

void *arena_clone(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *arena_clone_str(const char *s)
{
	return arena_clone(s, strlen(s) + 1);
}

/* The thread's stack of arenas is linked through the arenas: push and pop never allocate. */
void arena_push(arena_t *a)
{
	a->up = arena_top_;
	arena_top_ = a;
}

void arena_pop(arena_t *a)
{
	arena_t **pp = &arena_top_;

	while (*pp && *pp != a) /* O(1) when scopes nest, as cleanup attributes make them */
		pp = &(*pp)->up;
	if (*pp)
		*pp = a->up;
	a->up = NULL;
}

void arena_scope_end(arena_t *a)
{
	arena_pop(a);
	arena_release(a);
}

void *(arena_cur_calloc)(size_t n, size_t size)
{
	arena_t *a = arena_top_;

	return a ? arena_calloc(a, n, size) : calloc(n, size);
}

void *(arena_cur_realloc)(void *p, size_t n)
{
	arena_t *a = arena_top_;

	return a ? arena_realloc(a, p, n) : arena_realloc_any(p, n);
}

char *arena_cur_strdup(const char *s)
{
	return arena_cur_memdup(s, strlen(s) + 1);
}

char *(arena_cur_strndup)(const char *s, size_t n)
{
	return copy_strn(arena_top_, s, n);
}

void *arena_cur_memdup(const void *p, size_t n)
{
	arena_t *a = arena_top_;

	return a ? arena_memdup(a, p, n) : arena_clone(p, n);
}

void *arena_cur_memdupz(const void *p, size_t n)
{
	arena_t *a = arena_top_;

	if (a)
		return arena_memdupz(a, p, n);
	return n == SIZE_MAX ? NULL : put_z(malloc(n + 1), p, n);
}

/*
 * Hook-aware variants: `fallback` is the library's own hook (hooks->allocate...), used wherever
 * the arena does not apply, so a program that installs its own allocator keeps it outside
 * scopes and for the memory it allocated itself. An untracked arena in malloc mode is the
 * original program: the hook serves it too.
 */
void *arena_cur_alloc_with(void *(*fallback)(size_t), size_t n)
{
	arena_t *a = arena_top_;

	return ARENA_APPLIES(a) ? arena_alloc(a, n) : fallback(n);
}

void *arena_cur_calloc_with(void *(*fallback)(size_t, size_t), size_t n, size_t size)
{
	arena_t *a = arena_top_;

	return ARENA_APPLIES(a) ? arena_calloc(a, n, size) : fallback(n, size);
}

/*
 * Whether p (not NULL) is an arena object that the _with functions hand to the arena rather than
 * to the program's fallback. Malloc mode: a start in the map, and nothing but one load and a
 * branch while no arena of the program ever tracked an object (the revert build, whose arenas
 * are all untracked: the original program's cost). Bump mode: a block's owner.
 */
#ifdef ARENA_USE_MALLOC
#define ARENA_MEMORY(p) (LOAD(&map_any, RELAXED) && obj_at(p))
#else
#define ARENA_MEMORY(p) (arena_owner(p) != NULL)
#endif

void *arena_realloc_any_with(void *(*fallback)(void *, size_t), void *p, size_t n)
{
	return p && ARENA_MEMORY(p) ? arena_realloc_any(p, n) : fallback(p, n);
}

void *arena_cur_realloc_with(void *(*fallback)(void *, size_t), void *p, size_t n)
{
	arena_t *a = arena_top_;

	if (!p && ARENA_APPLIES(a))
		return arena_alloc(a, n);
	return arena_realloc_any_with(fallback, p, n);
}

void arena_free_with(void (*fallback)(void *), void *p)
{
	if (!p)
		return;
	if (ARENA_MEMORY(p))
		arena_free(p);
	else
		fallback(p);
}

char *arena_cur_strdup_with(char *(*fallback)(const char *), const char *s)
{
	return arena_strdup_with(arena_top_, fallback, s);
}

char *arena_cur_strndup_with(char *(*fallback)(const char *, size_t), const char *s, size_t n)
{
	return arena_strndup_with(arena_top_, fallback, s, n);
}

void *arena_cur_memdupz_with(void *(*fallback)(const void *, size_t), const void *p, size_t n)
{
	return arena_memdupz_with(arena_top_, fallback, p, n);
}

char *arena_cur_strdupz_with(char *(*fallback)(const char *, size_t), const char *s, size_t n)
{
	return arena_strdupz_with(arena_top_, fallback, s, n);
}

#ifdef ARENA_USE_MALLOC
void *arena_alloc_with(arena_t *a, void *(*fallback)(size_t), size_t n)
{
	return ARENA_APPLIES(a) ? arena_alloc(a, n) : fallback(n);
}
#endif

void *arena_calloc_with(arena_t *a, void *(*fallback)(size_t, size_t), size_t n, size_t size)
{
	return ARENA_APPLIES(a) ? arena_calloc(a, n, size) : fallback(n, size);
}

void *arena_realloc_with(arena_t *a, void *(*fallback)(void *, size_t), void *p, size_t n)
{
	if (!p && ARENA_APPLIES(a))
		return arena_alloc(a, n);
	return arena_realloc_any_with(fallback, p, n);
}

char *arena_strdup_with(arena_t *a, char *(*fallback)(const char *), const char *s)
{
	return ARENA_APPLIES(a) ? arena_strdup(a, s) : fallback(s);
}

char *arena_strndup_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n)
{
	return ARENA_APPLIES(a) ? copy_strn(a, s, n) : fallback(s, n);
}

void *arena_memdupz_with(arena_t *a, void *(*fallback)(const void *, size_t), const void *p,
                         size_t n)
{
	return ARENA_APPLIES(a) ? arena_memdupz(a, p, n) : fallback(p, n);
}

char *arena_strdupz_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n)
{
	return ARENA_APPLIES(a) ? (char *)arena_memdupz(a, s, n) : fallback(s, n);
}
