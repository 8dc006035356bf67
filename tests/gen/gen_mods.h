/*
 * gen_mods: the catalogue of program fragments the generator combines.
 *
 * A module is one self-contained allocation pattern (a linked list built by a constructor, a
 * buffer grown through a pointer to it, an allocator table holding libc's free, ...): a
 * template (gen_tmpl.h) that defines its types and functions and one entry function
 * `unsigned long ENTRY(void)` returning a digest of the data it built. Every module frees all
 * it allocates before its entry returns, so the original program is leak-free.
 *
 * Each module lists the hotspot choices that make sense for it. A choice is "safe by
 * construction" when all memory the rewritten function would take from an arena dies before
 * that arena does (its own return, or its scope's); the generator knows this because it wrote
 * the code. Flags switch on deliberate escapes (a global keeps a node past the scope, a callee
 * keeps it, a parameter keeps it) that are then used after the arena is gone, so a wrong
 * acceptance shows as a sanitizer report rather than passing silently.
 *
 * The table is static data: nothing here allocates. The module files fill gm_modules_a[] ..
 * gm_modules_f[].
 */
#ifndef GEN_MODS_H
#define GEN_MODS_H

#define GM_MAX_CHOICES 6
#define GM_MAX_RULES   3

struct gm_choice {
	const char *function; /* templated name, '@' = suffix */
	const char *scope;    /* NULL: the function's own arena */
	/* Flags that make the choice unsafe; "*" means always unsafe (the memory is returned
	 * or stored past the arena on every run). */
	const char *unsafe_if;
};

/* A --rules entry, written when its flag is set (or always for flag 0). */
struct gm_rule {
	char flag;
	const char *key; /* "name" or "field" */
	const char *value;
	const char *kind;
};

struct gm_module {
	const char *name;
	const char *flags; /* the flags this module may set, each on with flag_pct */
	int flag_pct;
	const char *entry;
	const char *text;
	struct gm_choice choices[GM_MAX_CHOICES];
	struct gm_rule rules[GM_MAX_RULES];
};

extern const struct gm_module gm_modules_a[];
extern const int gm_count_a;
extern const struct gm_module gm_modules_b[];
extern const int gm_count_b;
extern const struct gm_module gm_modules_c[];
extern const int gm_count_c;
extern const struct gm_module gm_modules_d[];
extern const int gm_count_d;
extern const struct gm_module gm_modules_e[];
extern const int gm_count_e;
extern const struct gm_module gm_modules_f[];
extern const int gm_count_f;

/* The text every program starts with: includes and the digest helpers. */
extern const char gm_prologue[];

#endif
