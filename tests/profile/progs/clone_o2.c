/*
 * clone_o2: a profiling target built with gcc -O2 -g (tests/profile/run_dhat.sh), where GCC
 * specialises two functions and inlines a third:
 *
 *   fill_sum    120 blocks  a constant argument at every call: fill_sum.constprop.0
 *   cfg_sum      40 blocks  constant mode + one field of a struct used: cfg_sum.constprop.0.isra.0
 *   tiny_sum     30 blocks  a small static inline function, inlined into main
 *
 * The empty asm keeps GCC from deleting a malloc/free pair whose memory it could prove unused;
 * it is no escape. noinline keeps the clones out of main, and work after each malloc keeps
 * them from being tail calls (which would hide the frame).
 */
#include <stdlib.h>
#include <string.h>

#define USE(p) __asm__ volatile("" : : "r"(p) : "memory")

struct cfg {
	int id;
	int flags;
	size_t size;
	char pad[64];
};

static __attribute__((noinline)) int fill_sum(size_t n, int fill)
{
	unsigned char *p = malloc(n);
	if (!p)
		return -1;
	memset(p, fill, n);
	USE(p);
	int s = p[0] + p[n - 1];
	free(p);
	return s;
}

static __attribute__((noinline)) int cfg_sum(const struct cfg *c, int mode)
{
	unsigned char *p = malloc(c->size);
	if (!p)
		return -1;
	p[0] = (unsigned char)mode;
	USE(p);
	int s = p[0];
	free(p);
	return s;
}

static inline int tiny_sum(size_t n)
{
	unsigned char *p = calloc(1, n);
	if (!p)
		return -1;
	USE(p);
	int s = p[n / 2];
	free(p);
	return s;
}

int main(int argc, char **argv)
{
	(void)argv;
	struct cfg c = {1, 2, 24 + (size_t)argc, {0}};
	int s = 0;
	for (int i = 0; i < 70; i++)
		s += fill_sum(32 + (size_t)i, 'x');
	for (int i = 0; i < 50; i++)
		s += fill_sum(64, 'x');
	for (int i = 0; i < 40; i++)
		s += cfg_sum(&c, 1);
	for (int i = 0; i < 30; i++)
		s += tiny_sum(8 + (size_t)i);
	return s == 42;
}
