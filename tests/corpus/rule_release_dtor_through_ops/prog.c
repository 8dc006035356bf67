/* Idiom: a release function that frees an object and calls its type's destructor through an
 * ops table (libxml2's xmlFreeNode -> deregister callback, GObject finalize); the destructor
 * keeps a global count of live objects that the program reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int live;
struct obj;
struct ops { void (*fini)(struct obj *); };
struct obj { const struct ops *ops; char name[8]; };
static void obj_fini(struct obj *o) { (void)o; live--; }
static const struct ops obj_ops = {obj_fini};
static struct obj *new_obj(const char *n)
{
	struct obj *o = malloc(sizeof *o);
	o->ops = &obj_ops;
	snprintf(o->name, sizeof o->name, "%s", n);
	live++;
	return o;
}
static void obj_release(struct obj *o)
{
	if (!o) return;
	o->ops->fini(o);
	free(o);
}
static void session(const char *n)
{
	struct obj *o = new_obj(n);
	printf("%s live=%d\n", o->name, live);
	obj_release(o);
}
int main(void)
{
	session("a");
	session("b");
	printf("live at end %d\n", live);
	return 0;
}
