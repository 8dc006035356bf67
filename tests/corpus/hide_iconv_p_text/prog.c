/* g09 probe: iconv ASCII->UTF-8 of the %p text with a constant input length (sizeof txt, the text zero-padded),
 * into a global: is iconv's copy of text modelled, or was g09 refused only for il = strlen(txt)? */
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
static char gbuf[64];
static int push_node(int v)
{
	struct node *n = make_node(v);
	char txt[32]; memset(txt, 0, sizeof txt); snprintf(txt, sizeof txt, "%p", (void *)n);
	iconv_t cd = iconv_open("UTF-8", "ASCII");
	char *in = txt, *out = gbuf; size_t il = sizeof txt, ol = sizeof gbuf;
	iconv(cd, &in, &il, &out, &ol); iconv_close(cd);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(uintptr_t)strtoull(gbuf, NULL, 16);
	printf("%s\n", n->name);
	free(n);
	return 0;
}
