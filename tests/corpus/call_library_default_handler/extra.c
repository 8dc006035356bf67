/* The application: keeps the texts it is given (it owns them) and frees them at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sax {
	void (*text)(void *ud, const char *s);
	void *ud;
	int ntext;
};
void sax_init(struct sax *p);
void sax_parse(struct sax *p, const char *doc);

static const char *seen[8];
static int nseen;

static void app_text(void *ud, const char *s)
{
	(void)ud;
	if (nseen < 8)
		seen[nseen++] = s;
	printf("text '%s'\n", s);
}

static void keep_text(void *ud, const char *s)
{
	(void)ud;
	seen[nseen++] = s;
}

int main(void)
{
	struct sax p;
	sax_init(&p);
	sax_parse(&p, "<a>one<b>two</b></a>");
	printf("default counted %d\n", p.ntext);
	p.text = app_text;
	sax_parse(&p, "<a>x<b>y</b></a>");
	p.text = keep_text;
	sax_parse(&p, "<q>kept</q>");
	for (int i = 0; i < nseen; i++) {
		printf("kept '%s'\n", seen[i]);
		free((char *)seen[i]);
	}
	return 0;
}
