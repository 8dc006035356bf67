/* pointer bytes themselves fed to iconv (ISO-8859-1 -> UTF-8 keeps them recoverable) by a callee into a global */
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static char wire[32]; static size_t wire_len;
static void ship(const void *p)
{
	char raw[8]; memcpy(raw, &p, 8);
	iconv_t cd = iconv_open("UTF-8", "ISO-8859-1");
	char *in = raw, *out = wire; size_t il = 8, ol = sizeof wire;
	iconv(cd, &in, &il, &out, &ol); iconv_close(cd);
	wire_len = sizeof wire - ol;
}
static int push_node(int v)
{
	struct node *n = make_node(v);
	ship(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	char raw[8]; void *p;
	iconv_t cd = iconv_open("ISO-8859-1", "UTF-8");
	char *in = wire, *out = raw; size_t il = wire_len, ol = 8;
	iconv(cd, &in, &il, &out, &ol); iconv_close(cd);
	memcpy(&p, raw, 8);
	struct node *n = p;
	printf("%s\n", n->name);
	free(n);
	return 0;
}
