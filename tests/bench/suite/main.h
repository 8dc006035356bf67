/*
 * main.h: the driver every suite program shares: calls its round function ROUNDS times
 * (argv[1], else the program's default), folds the results into a checksum and prints it, so
 * that the four builds of a program can be checked against each other.
 */
#ifndef MAIN_H
#define MAIN_H
#include <stdio.h>
#include <stdlib.h>

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
