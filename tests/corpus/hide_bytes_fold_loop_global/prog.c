/* a hash-style loop folds the pointer's bytes into a local accumulator (acc = acc * 256 + b, written as acc <<= 8;
 * acc += b) then stores it globally: FNV-like loops over &p */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static uint64_t acc_g;
static int push_node(int v)
{
	struct node *n = make_node(v);
	unsigned char b[8]; memcpy(b, &n, 8);
	uint64_t acc = 0;
	for (int i = 7; i >= 0; i--) { acc <<= 8; acc += b[i]; }
	acc_g = acc;
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(uintptr_t)acc_g;
	printf("%s\n", n->name);
	free(n);
	return 0;
}
