/* Shape of libxml2's memory globals (globals.c: xmlFreeFunc xmlFree = free; xmlMallocFunc
 * xmlMalloc = malloc) and of its string API (xmlGetProp returns a copy the caller must release
 * with xmlFree, a call through that global variable). xml_get_prop copies with malloc and is a
 * hotspot scoped to handle_element, which releases the copies with xml_free as documented.
 * SAFE only if the rewrite follows free's address into the variable's initialiser: the
 * documented rename makes it the ownership-aware free, which leaves the scope's copies to the
 * arena and frees heap copies made outside the scope (main's). A tool that leaves the variable
 * as libc free hands arena memory to libc; one that refuses the scope is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*xml_free_func)(void *);
xml_free_func xml_free = free;

struct attr {
	const char *name, *value;
};

static char *xml_get_prop(const struct attr *attrs, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(attrs[i].name, name) == 0) {
			size_t len = strlen(attrs[i].value);
			char *s = malloc(len + 1);
			memcpy(s, attrs[i].value, len + 1);
			return s;
		}
	return NULL;
}

static int handle_element(const struct attr *attrs, int n)
{
	char *href = xml_get_prop(attrs, n, "href");
	char *title = xml_get_prop(attrs, n, "title");
	printf("link %s (%s)\n", href ? href : "-", title ? title : "untitled");
	int ok = href != NULL;
	xml_free(href);
	xml_free(title);
	return ok;
}

int main(void)
{
	struct attr a[] = {{"href", "/index.html"}, {"title", "Home"}};
	struct attr b[] = {{"class", "x"}};
	int ok = handle_element(a, 2) + handle_element(b, 1);
	char *outside = xml_get_prop(a, 2, "href");
	printf("%d links, outside %s\n", ok, outside);
	xml_free(outside);
	return 0;
}
