/* Arena memory stored into an object the hotspot did not allocate (make_box's heap object),
 * directly and through a callee, and the object kept in a global: after the arena is gone,
 * main would read and free() arena memory. Both hotspots are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
	char *s;
};

static struct box *g_keep[2];

static struct box *make_box(void)
{
	struct box *b = malloc(sizeof(*b));
	b->s = NULL;
	return b;
}

static void put(struct box *b, char *s)
{
	b->s = s;
}

static void keep_direct(const char *t)
{
	struct box *b = make_box();
	char *s = malloc(strlen(t) + 1);
	strcpy(s, t);
	b->s = s;
	g_keep[0] = b;
}

static void keep_by_callee(const char *t)
{
	struct box *b = make_box();
	char *s = malloc(strlen(t) + 1);
	strcpy(s, t);
	put(b, s);
	g_keep[1] = b;
}

int main(void)
{
	keep_direct("hello");
	keep_by_callee("world");
	for (int i = 0; i < 2; i++) {
		printf("%s\n", g_keep[i]->s);
		free(g_keep[i]->s);
		free(g_keep[i]);
	}
	return 0;
}
