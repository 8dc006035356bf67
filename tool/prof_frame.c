/*
 * prof_frame: one stack frame's text, as profilers write it, turned into a struct prof_frame.
 *
 * Both readers hand every frame string here, so a spelling learnt from one tool works for all.
 * Understood, in any combination (the order below is the order they are peeled off):
 *
 *   0x10916B: make_node (tree.c:12)    DHAT: address prefix, then (FILE:LINE)
 *   0x4848899: malloc (in /x/vg.so)    DHAT: (in OBJECT) when the object has no debug info
 *   7f3a1c2b malloc+0 (/lib/libc.so.6) bpftrace ustack(perf) / perf script: bare hex address
 *   make_node (tree.c)                 heaptrack_print -F: (FILE) without a line
 *   func_[k]  func_[i]  func_[j]       stackcollapse-perf --all annotations ([k]: kernel)
 *   libc.so.6`malloc+0x1a              DTrace/bpftrace MODULE`FUNC, +OFFSET
 *   malloc@plt  memcpy@@GLIBC_2.14     PLT stubs and symbol versions
 *   make_buf.constprop.0.isra.0        GCC/Clang clone suffixes
 *
 * Anything left that is not a plain C identifier ("???", "[unknown]", "(below main)", C++
 * "std::vector<...>::push_back", a bare address) keeps its name but gets func == NULL, so it
 * can never become a hotspot. Nothing here can fail: unparsable text is simply not a function.
 */
#include "prof_model.h"
#include "mem.h"

#include <ctype.h>
#include <string.h>

struct span {
	const char *p;
	size_t n;
};

static void trim(struct span *s)
{
	while (s->n && isspace((unsigned char)s->p[0])) {
		s->p++;
		s->n--;
	}
	while (s->n && isspace((unsigned char)s->p[s->n - 1]))
		s->n--;
}

static int ends_with(struct span s, const char *suffix)
{
	size_t k = strlen(suffix);
	return s.n >= k && !memcmp(s.p + s.n - k, suffix, k);
}

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static int is_ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* A leading instruction address: "0x1234:" or "0x1234 " (DHAT, valgrind), or a bare hex word of
 * at least 8 digits followed by a blank (perf script, bpftrace's perf mode). The bare form needs
 * that length so that a function called "add" or "deadbeef" is not mistaken for an address. */
static void strip_address(struct span *s)
{
	size_t i = 0, hex0;
	int prefixed = s->n > 2 && s->p[0] == '0' && (s->p[1] == 'x' || s->p[1] == 'X');
	if (prefixed)
		i = 2;
	hex0 = i;
	while (i < s->n && isxdigit((unsigned char)s->p[i]))
		i++;
	size_t digits = i - hex0;
	if (!digits || (!prefixed && digits < 8))
		return;
	if (i < s->n && s->p[i] == ':')
		i++;
	else if (!prefixed && !(i < s->n && s->p[i] == ' '))
		return;
	if (i >= s->n || !isspace((unsigned char)s->p[i]))
		return;
	struct span rest = {s->p + i, s->n - i};
	trim(&rest);
	/* "bad (x.c:3)": the word was the name, not an address. */
	if (rest.n && rest.p[0] != '(')
		*s = rest;
}

/* Whether an object path names a shared library, the kernel or the vDSO: code that is not the
 * project's. A path without ".so" is taken for the program itself. */
static int object_is_lib(struct span o)
{
	if (o.n && o.p[0] == '[')
		return 1; /* [kernel.kallsyms], [vdso], [libc.so.6] */
	const char *base = o.p;
	for (size_t i = 0; i < o.n; i++)
		if (o.p[i] == '/')
			base = o.p + i + 1;
	size_t bn = (size_t)(o.p + o.n - base);
	for (size_t i = 0; i + 3 <= bn; i++)
		if (!memcmp(base + i, ".so", 3) && (i + 3 == bn || base[i + 3] == '.'))
			return 1;
	return 0;
}

/* A trailing " (...)" group: (FILE:LINE), (FILE), (in OBJECT) or (OBJECT). The group must follow
 * a blank, which keeps "operator new(unsigned long)" and "(below main)" whole. */
static void strip_location(struct span *s, struct span *file, int *lib)
{
	if (!ends_with(*s, ")"))
		return;
	size_t depth = 0, i = s->n, open = 0;
	while (i-- > 0) {
		if (s->p[i] == ')') {
			depth++;
		} else if (s->p[i] == '(' && depth && --depth == 0) {
			open = i;
			break;
		}
	}
	if (!open || !isspace((unsigned char)s->p[open - 1]))
		return;
	i = open;
	struct span c = {s->p + i + 1, s->n - i - 2};
	trim(&c);
	s->n = i;
	trim(s);
	if (c.n > 3 && !memcmp(c.p, "in ", 3)) {
		c.p += 3;
		c.n -= 3;
		*lib = object_is_lib(c);
		return;
	}
	/* FILE:LINE (and FILE:LINE:COL): drop the numbers. */
	for (int k = 0; k < 2; k++) {
		size_t j = c.n;
		while (j && isdigit((unsigned char)c.p[j - 1]))
			j--;
		if (j < c.n && j > 1 && c.p[j - 1] == ':')
			c.n = j - 1;
	}
	while (c.n && c.p[c.n - 1] == ':')
		c.n--;
	/* A source file has an extension; "/usr/bin/prog" or "libc.so.6" is an object. */
	const char *dot = NULL;
	for (size_t j = 0; j < c.n; j++)
		if (c.p[j] == '.')
			dot = c.p + j;
		else if (c.p[j] == '/')
			dot = NULL;
	if (object_is_lib(c))
		*lib = 1;
	else if (dot && c.n)
		*file = c;
}

/* "func_[k]" and friends from stackcollapse-perf.pl --all: [k] kernel, [j] JIT, [i] inlined,
 * [w] waker. Only [k] and [j] say the code is not the project's C. */
static void strip_annotation(struct span *s, int *lib)
{
	static const char *const tags[] = {"_[k]", "_[j]", "_[i]", "_[w]"};
	for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		if (s->n > 4 && ends_with(*s, tags[t])) {
			s->n -= 4;
			if (t < 2)
				*lib = 1;
			return;
		}
}

/* "module`func": DTrace and bpftrace name the object before a backquote. */
static void strip_module(struct span *s, int *lib)
{
	const char *bq = memchr(s->p, '`', s->n);
	if (!bq || bq == s->p)
		return;
	struct span mod = {s->p, (size_t)(bq - s->p)};
	if (object_is_lib(mod))
		*lib = 1;
	s->n -= (size_t)(bq + 1 - s->p);
	s->p = bq + 1;
}

/* "+0x1a" or "+26" after a symbol: the offset into it (bpftrace, DTrace, gdb). */
static void strip_offset(struct span *s)
{
	const char *plus = NULL;
	for (size_t i = 1; i < s->n; i++)
		if (s->p[i] == '+')
			plus = s->p + i;
	if (!plus)
		return;
	const char *q = plus + 1, *end = s->p + s->n;
	int hex = end - q > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
	if (hex)
		q += 2;
	if (q == end)
		return;
	for (const char *c = q; c < end; c++)
		if (!(hex ? isxdigit((unsigned char)*c) : isdigit((unsigned char)*c)))
			return;
	s->n = (size_t)(plus - s->p);
}

/* Segments GCC and Clang append to a function's symbol for a specialised or split copy:
 * .constprop.N, .isra.N, .part.N, .cold, .lto_priv.N, .localalias, .clone.N (old GCC),
 * .llvm.N (ThinLTO), .specialized.N, .__uniq.N (Clang unique internal names), .cfi. */
static int clone_segment(const char *p, size_t n)
{
	static const char *const tags[] = {"constprop", "isra",        "part",   "cold",
	                                   "lto_priv",  "localalias",  "clone",  "llvm",
	                                   "cfi",       "specialized", "__uniq", "cfi_jt"};
	size_t i = 0;
	while (i < n && isdigit((unsigned char)p[i]))
		i++;
	if (n && i == n)
		return 1;
	for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		if (strlen(tags[t]) == n && !memcmp(tags[t], p, n))
			return 1;
	return 0;
}

/* The C function a symbol names, or a zero-length span when it names none. */
static struct span c_function(struct span s)
{
	struct span none = {s.p, 0};
	const char *at = memchr(s.p, '@', s.n);
	if (at)
		s.n = (size_t)(at - s.p); /* malloc@plt, memcpy@@GLIBC_2.14 */
	size_t i = 0;
	if (!s.n || !is_ident_start((unsigned char)s.p[0]))
		return none;
	while (i < s.n && is_ident_char((unsigned char)s.p[i]))
		i++;
	struct span id = {s.p, i};
	/* Itanium-mangled C++ ("_ZN3foo3barEv"): reserved in C, so never a project's C function. */
	if (i >= 2 && s.p[0] == '_' && s.p[1] == 'Z')
		return none;
	while (i < s.n) {
		if (s.p[i] != '.')
			return none;
		size_t j = ++i;
		while (i < s.n && s.p[i] != '.')
			i++;
		if (!clone_segment(s.p + j, i - j))
			return none;
	}
	return id;
}

size_t prof_add_frame(struct prof_data *d, const char *text, size_t n)
{
	struct span s = {text, n}, file = {NULL, 0};
	int lib = 0;
	trim(&s);
	strip_address(&s);
	strip_annotation(&s, &lib);
	strip_location(&s, &file, &lib);
	strip_module(&s, &lib);
	strip_offset(&s);
	trim(&s);
	struct span fn = c_function(s);

	GROW(d->frames, d->nframes, d->frames_cap);
	struct prof_frame *f = &d->frames[d->nframes];
	f->name = prof_intern(d, s.p, s.n);
	f->func = fn.n ? prof_intern(d, fn.p, fn.n) : NULL;
	f->file = file.n ? prof_intern(d, file.p, file.n) : NULL;
	f->lib = lib && !f->file;
	return d->nframes++;
}
