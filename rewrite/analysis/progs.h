/*
 * progs: which units form each program of the sources when the build left no link information
 * (--program MAIN.c, and the notes of a run over several programs; docs/rewrite.md, "Programs").
 *
 * A compile database from a make build (Bear records compile steps only) holds every program's
 * units and says nothing of which executable links which. A program is what its link needs: the
 * unit defining its `main`, then every unit defining a function or an object that a unit of the
 * program references (a call, a function's address, an extern variable read or written, in a
 * body or in a global initializer, a variable's cleanup function), transitively. A unit is
 * linked whole, so every reference in it counts, reached from main or not: that is what the
 * linker needs resolved. A unit no unit of the program references is not part of it, and units
 * defining another `main` never are.
 *
 * A symbol several units define (two programs' own `out_of_memory`, which a shared library
 * unit calls) is resolved by the unit already in the program that defines it; the references
 * that cannot be resolved so are put off until nothing else grows the program, and then every
 * candidate unit is taken (the linker would have taken one: the analysis sees more code, never
 * less). Symbols are matched by clang's USR: functions and variables with external linkage
 * only, so two `static` functions of one name stay apart.
 *
 * Limits (what the sources cannot show): a function reached only through a name looked up at
 * run time (dlsym), a weak definition overridden by a strong one, a unit linked for a side
 * effect no reference names (a constructor), an archive member the linker would skip.
 *
 * Ownership: a struct progs owns its arrays (progs_free); it keeps no pointer into the asts,
 * which may be freed once progs_build returns.
 */
#ifndef ARW_PROGS_H
#define ARW_PROGS_H

#include <stddef.h>

struct ast;

struct progs {
	size_t n;          /* programs: one per unit defining main, in unit order */
	size_t nunits;     /* units of the run */
	size_t *main_unit; /* main_unit[p]: the unit defining program p's main */
	unsigned char *in; /* in[p * nunits + u]: unit u is part of program p */
};

/* The programs of the mains[0..nmains) units (unit indexes, ascending) over asts[0..nunits). */
void progs_build(struct progs *ps, struct ast *const *asts, size_t nunits, const size_t *mains,
                 size_t nmains);
/* Whether unit u is part of program p. */
int progs_has(const struct progs *ps, size_t p, size_t u);
/* The program whose main is unit u, or -1. */
int progs_of_main(const struct progs *ps, size_t u);
void progs_free(struct progs *ps);

#endif
