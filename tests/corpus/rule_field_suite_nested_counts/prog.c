/* Shape of expat's XML_Memory_Handling_Suite (malloc_fcn, realloc_fcn, free_fcn) held by value
 * in the parser and filled by a nested positional initializer, `{{counting_malloc, realloc,
 * free}}`, with an application allocator that counts its calls (expat's tests count the
 * suite's calls the same way). The count inside collect_names would change in arena mode;
 * the program hides it by resetting the count, but the hook is no malloc: the rules file
 * contradicts the code (exit 2, the hook named where it is installed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mem_suite {
	void *(*malloc_fcn)(size_t size);
	void *(*realloc_fcn)(void *ptr, size_t size);
	void (*free_fcn)(void *ptr);
};

struct parser {
	struct mem_suite mem;
};

static int counted;

static void *counting_malloc(size_t n)
{
	counted++;
	return malloc(n);
}

static int collect_names(struct parser *p, const char *doc)
{
	size_t cap = 2, n = 0;
	char **names = p->mem.malloc_fcn(cap * sizeof *names);
	for (const char *s = strchr(doc, '<'); s; s = strchr(s + 1, '<')) {
		if (s[1] == '/')
			continue;
		if (n == cap) {
			cap *= 2;
			names = p->mem.realloc_fcn(names, cap * sizeof *names);
		}
		size_t len = strcspn(s + 1, " />");
		names[n] = p->mem.malloc_fcn(len + 1);
		memcpy(names[n], s + 1, len);
		names[n][len] = '\0';
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		printf("%s%c", names[i], i + 1 < n ? ',' : '\n');
		p->mem.free_fcn(names[i]);
	}
	p->mem.free_fcn(names);
	return (int)n;
}

int main(void)
{
	struct parser libc_parser = {{malloc, realloc, free}};
	struct parser app_parser = {{counting_malloc, realloc, free}};
	int a = collect_names(&libc_parser, "<a><b/><c x='1'></c></a>");
	int b = collect_names(&app_parser, "<root><leaf/></root>");
	counted = 0; /* inside collect_names the arena serves the suite's calls (documented) */
	char *outside = app_parser.mem.malloc_fcn(4);
	app_parser.mem.free_fcn(outside);
	printf("%d %d, %d counted outside the arena\n", a, b, counted);
	return 0;
}
