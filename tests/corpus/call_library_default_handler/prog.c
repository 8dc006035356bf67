/* A SAX-style tokenizer library (expat's XML_SetCharacterDataHandler, libxml2's SAX2 handlers,
 * yajl's callbacks): the library calls the application's text handler through a field of the
 * parser and hands it the text, which the handler owns from then on; the library itself installs a default handler that only counts. The rewrite is run on
 * the library's file, the application (extra.c) sets its own handler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sax {
	void (*text)(void *ud, const char *s);
	void *ud;
	int ntext;
};

static void default_text(void *ud, const char *s)
{
	struct sax *p = ud;
	p->ntext++;
	free((char *)s);
}

void sax_init(struct sax *p)
{
	p->text = default_text;
	p->ud = p;
	p->ntext = 0;
}

void sax_parse(struct sax *p, const char *doc)
{
	while (*doc) {
		size_t n = strcspn(doc, "<");
		if (n) {
			char *t = strndup(doc, n);
			p->text(p->ud, t);
		}
		doc += n;
		if (*doc == '<')
			doc += strcspn(doc, ">") + (doc[strcspn(doc, ">")] ? 1 : 0);
	}
}
