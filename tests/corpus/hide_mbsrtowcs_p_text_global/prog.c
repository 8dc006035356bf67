/* mbsrtowcs(wbuf, &src, n, &st) (double-pointer source, like iconv) of the %p text into a global wide buffer */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <locale.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static wchar_t wbuf[32];
static int push_node(int v)
{
	struct node *n = make_node(v);
	char txt[32]; snprintf(txt, sizeof txt, "%p", (void *)n);
	const char *src = txt; mbstate_t st; memset(&st, 0, sizeof st); mbsrtowcs(wbuf, &src, 32, &st);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(uintptr_t)wcstoull(wbuf, NULL, 16);
	printf("%s\n", n->name);
	free(n);
	return 0;
}
