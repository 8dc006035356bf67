/* Shape of SAX-style parsers whose element callback receives a string it owns from then on
 * (expat's XML_SetElementHandler users that keep the name they are given, libxml2's SAX2 handler
 * tables): the parser copies each element name and hands it to handler->start_element through
 * the handler table; the application's handler keeps it in its own list and frees it at the end.
 * UNSAFE: the names are parse_elements' allocations, made arena memory by the rewrite, and the
 * call through the handler table is not followed, so the handler's keeping is not seen. A wrong
 * acceptance reads freed arena memory when main prints the list, then frees it with libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct handler {
	void *ud;
	void (*start_element)(void *ud, char *name); /* takes ownership of name */
};

struct names {
	char *v[8];
	int n;
};

static void keep_name(void *ud, char *name)
{
	struct names *l = ud;
	if (l->n < 8)
		l->v[l->n++] = name;
	else
		free(name);
}

static int parse_elements(const char *doc, const struct handler *h)
{
	int count = 0;
	const char *p = doc;
	while ((p = strchr(p, '<')) != NULL) {
		p++;
		if (*p == '/')
			continue;
		size_t len = strcspn(p, " />");
		char *name = malloc(len + 1);
		memcpy(name, p, len);
		name[len] = '\0';
		h->start_element(h->ud, name);
		count++;
	}
	return count;
}

int main(void)
{
	struct names l = {{NULL}, 0};
	struct handler h = {&l, keep_name};
	int n = parse_elements("<doc><item id='1'/><item/><note>x</note></doc>", &h);
	printf("%d elements\n", n);
	for (int i = 0; i < l.n; i++) {
		printf("  %s\n", l.v[i]);
		free(l.v[i]);
	}
	return 0;
}
