/* Shape of expat's handlers (XML_SetStartElementHandler: the attribute strings belong to the
 * parser and are valid only during the call, so handlers that keep them copy them): the parser
 * builds each attribute value in scratch memory and calls the handler through the table; the
 * handler keeps its own strdup copy. SAFE: the handler never keeps the pointer it is given, and
 * its copy is made by a function that is not rewritten (heap memory, freed by main). A tool that
 * refuses calls through a handler table that only copy is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct handlers {
	void *ud;
	void (*attr)(void *ud, const char *name, const char *value);
};

struct kept {
	char *values[8];
	int n;
};

static void keep_copy(void *ud, const char *name, const char *value)
{
	struct kept *k = ud;
	(void)name;
	if (k->n < 8)
		k->values[k->n++] = strdup(value);
}

static int parse_attrs(const char *tag, const struct handlers *h)
{
	int n = 0;
	const char *p = tag;
	while ((p = strchr(p, '=')) != NULL) {
		const char *name_end = p;
		const char *name = name_end;
		while (name > tag && name[-1] != ' ')
			name--;
		char *nm = strndup(name, (size_t)(name_end - name));
		const char *v = p + 2;
		size_t len = strcspn(v, "'\"");
		char *val = strndup(v, len);
		h->attr(h->ud, nm, val);
		free(val);
		free(nm);
		p = v + len;
		n++;
	}
	return n;
}

int main(void)
{
	struct kept k = {{NULL}, 0};
	struct handlers h = {&k, keep_copy};
	int n = parse_attrs("<img src='a.png' alt='logo' width='10'>", &h);
	printf("%d attributes\n", n);
	for (int i = 0; i < k.n; i++) {
		printf("  %s\n", k.values[i]);
		free(k.values[i]);
	}
	return 0;
}
