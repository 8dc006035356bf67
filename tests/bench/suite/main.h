/*
 * main.h: what every suite program shares. bench_main() calls the program's round function
 * ROUNDS times (argv[1], else the program's default), folds the results into a checksum and
 * prints it, so that the four builds of a program can be checked against each other.
 * put_text() and put_uint() build keys and pieces of text without snprintf, whose cost would
 * otherwise hide the allocator's.
 */
#ifndef MAIN_H
#define MAIN_H
#include <stdio.h>
#include <stdlib.h>

/* Copies s to dst; returns the end (no NUL written). */
static inline char *put_text(char *dst, const char *s)
{
	while (*s)
		*dst++ = *s++;
	return dst;
}

/* Writes v in decimal at dst; returns the end (no NUL written). */
static inline char *put_uint(char *dst, unsigned v)
{
	char tmp[12];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*dst++ = tmp[--n];
	return dst;
}

static int bench_main(int argc, char **argv, unsigned rounds, unsigned long (*round)(unsigned))
{
	unsigned long sum = 0;

	if (argc > 1)
		rounds = (unsigned)atoi(argv[1]);
	for (unsigned i = 0; i < rounds; i++)
		sum = sum * 31 + round(i);
	printf("%lx\n", sum);
	return 0;
}
#endif
