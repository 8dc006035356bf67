/* Default deny, hidden pointers: arena pointers whose bytes or integer value leave the analysis'
 * sight (memcpy of a pointer's bytes, a store through uintptr_t *, a union's integer member, an
 * integer return, a byte loop), next to integer uses that keep nothing (no mark). Linted by
 * tests/lint/run_corpus.sh. */
#include "arena_rt.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct mark {
	unsigned beg, end;
};

struct mark g_marks[4];
uintptr_t g_slots[4];

union ev_data {
	void *ptr;
	uint64_t u64;
};

struct event {
	union ev_data data;
};

struct event g_events[4];

struct msg {
	int kind;
	char *text;
};

struct msg g_outbox[4];

void pointer_bytes_to_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *span = arena_strdup(&a, "span");
	memcpy(&g_marks[0], &span, sizeof span); /* expect: arena-escape-hidden */
}

static void push_bytes(char *dst, const void *elem, size_t n)
{
	memcpy(dst, elem, n);
}

void pointer_bytes_through_helper(char *vec)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *w = arena_strdup(&a, "word");
	push_bytes(vec, &w, sizeof w); /* expect: arena-escape-call */
}

void store_through_uintptr(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "session");
	uintptr_t *slot = &g_slots[1];
	*slot = (uintptr_t)s; /* expect: arena-escape-hidden */
}

void union_integer_member(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *conn = arena_alloc(&a, 32);
	g_events[0].data.u64 = (uint64_t)(uintptr_t)conn; /* expect: arena-escape-hidden */
}

intptr_t handle_as_integer(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *obj = arena_alloc(&a, 16);
	return (intptr_t)obj; /* expect: arena-escape-hidden */
}

void byte_loop_copy(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct msg m = {1, arena_strdup(&a, "hello")};
	unsigned char *d = (unsigned char *)&g_outbox[0];
	const unsigned char *s = (const unsigned char *)&m;
	for (size_t i = 0; i < sizeof m; i++)
		d[i] = s[i]; /* expect: arena-escape-hidden */
}

/* Integer values of arena addresses that are only compared or subtracted: no finding. */
size_t harmless_integer_uses(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 64);
	char *q = arena_alloc(&a, 8);
	size_t misaligned = ((uintptr_t)p & 15u) != 0;
	size_t gap = (size_t)(q - p);
	struct msg m = {2, p};
	struct msg copy;
	memcpy(&copy, &m, sizeof m);
	return misaligned + gap + (size_t)copy.kind;
}

/* A number made from the pointer, kept in a local, then its bytes handed out (sd-event's and
 * glib's wakeup pipes pass a job pointer as a uint64_t). */
void uintptr_local_written(int fd)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	uint64_t v = (uintptr_t)job;
	if (write(fd, &v, sizeof v) < 0) /* expect: arena-escape-hidden */
		return;
}

/* The pointer's bytes staged in a local char array, then copied to static storage. */
static unsigned char g_slot[sizeof(void *)];
void staged_bytes_to_global(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	unsigned char tmp[sizeof job];
	memcpy(tmp, &job, sizeof job);
	memcpy(g_slot, tmp, sizeof tmp); /* expect: arena-escape-hidden */
}

/* A message whose number member holds the pointer, written whole (dbus's and evdns's cookies). */
struct cookie_msg {
	int kind;
	uint64_t cookie;
};
void cookie_member_written(int fd)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct cookie_msg m;
	m.kind = 1;
	m.cookie = (uintptr_t)arena_strdup(&a, "job");
	if (write(fd, &m, sizeof m) < 0) /* expect: arena-escape-hidden */
		return;
}

/* The pointer's bytes read through a char-array member of a union (a wire message's view). */
union wire {
	char *p;
	unsigned char b[sizeof(char *)];
};
void union_bytes_written(int fd)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	union wire w;
	w.p = arena_strdup(&a, "job");
	if (write(fd, w.b, sizeof w.b) < 0) /* expect: arena-escape-hidden */
		return;
}

/* An offset from a static base: base + off is the arena pointer again. */
static char g_base[16];
static long g_off;
void offset_from_static_base(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "job");
	g_off = s - g_base; /* expect: arena-escape-hidden */
}

/* The pointer spelled in hex through a digit table (lighttpd's li_tohex), into a global. */
static char g_cookie[2 * sizeof(uintptr_t) + 1];
static void to_hex(char *out, uintptr_t v)
{
	for (int i = 2 * (int)sizeof v - 1; i >= 0; i--) {
		out[i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
}
void cookie_in_hex(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	to_hex(g_cookie, (uintptr_t)arena_strdup(&a, "session")); /* expect: arena-escape-hidden */
}

/* A printf-like logger (nginx's ngx_log_error, tmux's log_debug) that formats into a global
 * buffer: "%p" of arena memory is its address as text, parsed back later; "%s" copies characters. */
static char g_lastmsg[64];
static void log_to_buf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g_lastmsg, sizeof g_lastmsg, fmt, ap);
	va_end(ap);
}
void logged_address(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	log_to_buf("queued %p", (void *)job); /* expect: arena-escape-call */
}
void logged_text(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	log_to_buf("queued %s", job);
}

/* A handle's name made from its address and duplicated (Tcl's handle names). */
static char *g_handle_name;
static char *name_of(const void *o)
{
	char b[32];
	snprintf(b, sizeof b, "h%p", o);
	return strdup(b);
}
void named_handle(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	g_handle_name = name_of(arena_strdup(&a, "obj")); /* expect: arena-escape-call */
}

/* A callee that mangles the handle it is given (Boehm's HIDE_POINTER, a negated Lua key). */
static uintptr_t g_mangled;
static uintptr_t mangle(const void *p)
{
	return ~(uintptr_t)p;
}
void mangled_by_callee(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	g_mangled = mangle(arena_strdup(&a, "key")); /* expect: arena-escape-hidden */
}

/* Checked arithmetic that writes its result through a pointer (a biased handle). */
static uintptr_t g_biased;
void biased_by_overflow_builtin(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "obj");
	if (__builtin_add_overflow((uintptr_t)s, 16, &g_biased)) /* expect: arena-escape-hidden */
		g_biased = 0;
}

/* Atomic stores of a pointer into a global, (void)-cast or by address (liburcu, a Treiber
 * stack), and an atomic read into a local that stays here. */
static char *g_live;
void atomic_exchange_voided(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "cfg");
	(void)__atomic_exchange_n(&g_live, s, __ATOMIC_SEQ_CST); /* expect: arena-escape-global */
}
void atomic_store_by_address(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "cfg");
	__atomic_store(&g_live, &s, __ATOMIC_SEQ_CST); /* expect: arena-escape-global */
}
void atomic_local_only(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "cfg");
	char *mine = NULL;
	(void)__atomic_exchange_n(&mine, s, __ATOMIC_SEQ_CST);
	puts(mine);
}

/* A packed handle built with compound assignments (a tagged word, an FNV-style fold of the
 * pointer's bytes), and a statement-expression macro that tracks the last address. */
static uintptr_t g_word;
void handle_or_assigned(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "obj");
	uintptr_t h = 1;
	h |= (uintptr_t)s;
	g_word = h; /* expect: arena-escape-hidden */
}
void handle_bytes_folded(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "obj");
	unsigned char b[sizeof s];
	memcpy(b, &s, sizeof s);
	uintptr_t acc = 0;
	for (int i = (int)sizeof s - 1; i >= 0; i--) {
		acc <<= 8;
		acc += b[i];
	}
	g_word = acc; /* expect: arena-escape-hidden */
}
void length_folded_safe(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = arena_strdup(&a, "obj");
	uintptr_t n = 0;
	n += strlen(s);
	g_word = n;
}
#define TRACKED_DUP(ar, str)                                                                       \
	({                                                                                         \
		char *_d = arena_strdup((ar), (str));                                              \
		g_word = (uintptr_t)_d;                                                            \
		_d;                                                                                \
	})
void tracked_by_macro(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *s = TRACKED_DUP(&a, "obj"); /* expect: arena-escape-hidden */
	puts(s);
}
