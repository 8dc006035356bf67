/*
 * heap: the process's malloc set up for one large, short run, before anything is allocated.
 *
 * A rewrite or a lint of a large unit touches some hundred megabytes of fresh heap (libclang's
 * AST and preprocessing record, the raw tokens, struct ast), and each first touch of a 4 KiB
 * page is a page fault: 29,000 of them for a rewrite of 4,000 functions against 9,000 for
 * `clang -fsyntax-only` of the same file, and where faults are dear (a virtual machine) they
 * cost more than the instructions. heap_tune makes them few: every thread allocates from the
 * one main heap, which grows and shrinks in large steps, and whose first stretch is marked for
 * transparent huge pages (2 MiB pages; the kernel's "madvise" mode, its default). Nothing is
 * committed in advance: untouched memory stays virtual.
 *
 * glibc only; elsewhere (and when a step fails) malloc is left as it is. Call it once, first
 * thing in main, while the process has one thread.
 */
#ifndef ARW_HEAP_H
#define ARW_HEAP_H

void heap_tune(void);

#endif
