/* lua ltable.c-like: a light userdata key is hashed and the table stores the NEGATED address as
 * the key's payload (a sentinel-free encoding); done by a helper setkey(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
struct tkey { int tt; intptr_t payload; };
static struct tkey keys[8];
static int nkeys;
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static void setkey(struct tkey *k, void *p) { k->tt = 2; k->payload = -(intptr_t)p; }
static int push_node(int v)
{
	struct node *n = make_node(v);
	setkey(&keys[nkeys++], n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)-keys[0].payload;
	printf("%d tt=%d\n", n->v, keys[0].tt);
	free(n);
	return 0;
}
