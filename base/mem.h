/*
 * mem: allocation helpers for the tool (not the arena runtime).
 *
 * The tool treats running out of memory as fatal: xmalloc and friends print one line and exit
 * with status 2 (bad input, nothing written), because every caller would otherwise need an
 * error path for a condition it cannot recover from, and no file is ever half written (files
 * are written only after every edit is planned, see fsio.h).
 *
 * GROW(ptr, nr, alloc) makes room for ptr[nr] in an array whose capacity is `alloc`, growing it
 * geometrically; `nr` and `alloc` are size_t lvalues.
 */
#ifndef ARW_MEM_H
#define ARW_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define GROW(ptr, nr, alloc)                                                                       \
	do {                                                                                       \
		if ((nr) >= (alloc)) {                                                             \
			(alloc) = (alloc) ? (alloc)*2 : 16;                                        \
			if ((alloc) <= (nr))                                                       \
				(alloc) = (nr) + 1;                                                \
			(ptr) = xrealloc((ptr), (alloc) * sizeof(*(ptr)));                         \
		}                                                                                  \
	} while (0)

#endif
