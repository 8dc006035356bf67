/* A custom printf conversion (glibc's register_printf_specifier, used for %B-style object
 * printers): the handler prints the object and remembers the last one printed, for a later
 * "again" command of the console, which frees it. */
#include <printf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct obj { int id; char name[12]; };
static const struct obj *last_printed;

static int print_obj(FILE *f, const struct printf_info *info, const void *const *args)
{
	(void)info;
	const struct obj *o = *(const struct obj *const *)args[0];
	last_printed = o;
	return fprintf(f, "<obj %d %s>", o->id, o->name);
}

static int arginfo_obj(const struct printf_info *info, size_t n, int *types, int *size)
{
	(void)info; (void)size;
	if (n > 0)
		types[0] = PA_POINTER;
	return 1;
}

static void show(int id, const char *name)
{
	struct obj *o = malloc(sizeof *o);
	o->id = id;
	snprintf(o->name, sizeof o->name, "%s", name);
	printf("show %O\n", o);
}

int main(void)
{
	register_printf_specifier('O', print_obj, arginfo_obj);
	struct obj keep = {0, "static"};
	printf("first %O\n", &keep);
	show(7, "seven");
	printf("again: id %d %s\n", last_printed->id, last_printed->name);
	free((void *)last_printed);
	return 0;
}
