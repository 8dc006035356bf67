/*
 * rt_debug.c (part of arena_rt.c, see rt_core.c): bump mode's checking, both kinds. Debug mode
 * (ARENA_DEBUG, at run time) gives each block header a page of its own and seals released and
 * rewound memory with mprotect; what fails there must abort loudly. ASan (ARENA_ASAN, at compile
 * time) poisons what is not handed out and puts a redzone holding the size before each object.
 * The allocator's own code calls POISON/UNPOISON everywhere (no-ops without ASan) and tests
 * cfg.debug where debug mode takes another path; what is only checking lives here.
 */
#ifndef ARENA_USE_MALLOC
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* Under ASan each allocation is preceded by a poisoned slot holding its size: the redzone. */
#define REDZONE ARENA_ALIGN
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE        0
#endif

/*
 * Debug mode keeps every block it ever used, sealed, as a mapping of its own (two once its
 * header page is apart): a program that makes arenas by the ten thousand reaches the kernel's
 * limit on mappings. A failed mmap or mprotect there would silently stop the checking (a
 * released block left readable), so it aborts, naming the limit.
 */
static void debug_die(const char *what, size_t len)
{
	fprintf(stderr,
	        "arena_rt: ARENA_DEBUG: %s of %zu bytes failed (%s): debug mode keeps every "
	        "released block mapped and sealed, and the process has reached the kernel's limit "
	        "on mappings (vm.max_map_count, see /proc/sys/vm/max_map_count) or on memory "
	        "(ulimit -v); raise it, or check fewer arenas at once\n",
	        what, len, strerror(errno));
	abort();
}

/* mprotect(PROT_NONE) of a debug mode range, or a loud abort. */
static void debug_seal(void *p, size_t len)
{
	if (len && mprotect(p, len, PROT_NONE))
		debug_die("mprotect", len);
}

#ifdef ARENA_ASAN
/* The size slot sits in the poisoned redzone before each object: read it without a report. */
__attribute__((no_sanitize_address)) static size_t asan_size(const char *p)
{
	return *(const size_t *)(const void *)(p - REDZONE);
}

static void asan_set_size(char *p, size_t n)
{
	UNPOISON(p - REDZONE, REDZONE);
	*(size_t *)(void *)(p - REDZONE) = n;
	POISON(p - REDZONE, REDZONE);
	UNPOISON(p, n);
}
#endif
#endif /* !ARENA_USE_MALLOC */
