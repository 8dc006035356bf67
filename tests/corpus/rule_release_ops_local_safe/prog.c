/* Idiom: a release function that calls its object's type destructor through an ops table
 * before freeing it (GObject's finalize, libxml2's per-node deregistration), where the
 * destructor only clears and frees what the object owns. SAFE: nothing outside the object
 * changes, so dropping the release on arena memory (the arena frees it all at once) changes
 * no output. A tool that refuses every release calling through a pointer is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct obj;
struct ops { void (*fini)(struct obj *); };
struct obj { const struct ops *ops; char *name; };
static void obj_fini(struct obj *o)
{
	free(o->name);
	o->name = NULL;
}
static const struct ops obj_ops = {obj_fini};
static struct obj *new_obj(const char *n)
{
	struct obj *o = malloc(sizeof *o);
	o->ops = &obj_ops;
	o->name = malloc(strlen(n) + 1);
	strcpy(o->name, n);
	return o;
}
static void obj_release(struct obj *o)
{
	if (!o)
		return;
	o->ops->fini(o);
	free(o);
}
static void session(const char *n)
{
	struct obj *o = new_obj(n);
	printf("%s\n", o->name);
	obj_release(o);
}
int main(void)
{
	session("a");
	session("b");
	return 0;
}
