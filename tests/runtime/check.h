/* The runtime tests' assertion: counts, reports, goes on. */
#ifndef ARENA_TEST_CHECK_H
#define ARENA_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (c) {                                                                           \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c);      \
		}                                                                                  \
	} while (0)

#endif
