/* libc l64a base-64 text of the two 32-bit halves (old crypt/passwd code) into global buffers, a64l back */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static char hi_txt[8], lo_txt[8];
static void stash(const void *p) { uintptr_t u = (uintptr_t)p; strcpy(hi_txt, l64a((long)(u >> 32))); strcpy(lo_txt, l64a((long)(u & 0xffffffffu))); }
static int push_node(int v)
{
	struct node *n = make_node(v);
	stash(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(7));
	struct node *scratch = make_node(99);
	struct node *n = (struct node *)(((uintptr_t)a64l(hi_txt) << 32) | (uintptr_t)(uint32_t)a64l(lo_txt));
	printf("%s\n", n->name);
	free(n);
	free(scratch);
	return 0;
}
