/* Idiom: a library whose node constructor relies on the installed allocator zeroing
 * (talloc_zero / xzalloc installed through a setter, like git's or libgit2's
 * git_allocator setup); the hook is installed from the setter's parameter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static void *zalloc(size_t n) { return calloc(1, n); }
static void set_allocator(void *(*a)(size_t), void (*f)(void *)) { H.allocate = a; H.deallocate = f; }
struct entry { char name[8]; int hits; int flags; };
static struct entry *new_entry(const char *n)
{
	struct entry *e = H.allocate(sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", n);
	return e;
}
static void work(const char *n)
{
	struct entry *e = new_entry(n);
	e->hits++;
	printf("%s hits=%d flags=%d\n", e->name, e->hits, e->flags);
	H.deallocate(e);
}
int main(void)
{
	set_allocator(zalloc, free);
	for (int i = 0; i < 3; i++) work("k");
	return 0;
}
