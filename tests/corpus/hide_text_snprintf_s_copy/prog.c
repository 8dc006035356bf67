/* Idiom: an object's handle spelled as "%p" text, then copied into a registry key with "%s"
 * (Tcl's handle names, D-Bus object paths built from an address): the key spells the pointer,
 * and sscanf gives it back after the request. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
};

static char key[64];

static struct obj *obj_new(int v)
{
	struct obj *o = malloc(sizeof *o);
	o->v = v;
	return o;
}

static int reg(int v)
{
	struct obj *o = obj_new(v);
	char b[32];
	snprintf(b, sizeof b, "%p", (void *)o);
	snprintf(key, sizeof key, "obj:%s", b);
	return o->v;
}

int main(void)
{
	printf("%d\n", reg(3));
	void *p = NULL;
	if (sscanf(key, "obj:%p", &p) != 1)
		return 1;
	struct obj *o = p;
	printf("%d\n", o->v);
	free(o);
	return 0;
}
