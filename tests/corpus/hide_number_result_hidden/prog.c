/*
 * A scoped hotspot that returns a number made from an arena pointer (uintptr_t), kept by
 * its scope in a global and used after: the number hides the pointer. Refused.
 */
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
static uintptr_t saved;
static uintptr_t make(int n)
{
	char *p = malloc(16);
	snprintf(p, 16, "n%d", n);
	return (uintptr_t)p;
}
static int scope(int n) { uintptr_t x = make(n); saved = x; return n; }
int main(void) { int r = scope(3); printf("%d %s\n", r, (char *)saved); free((void *)saved); return 0; }
