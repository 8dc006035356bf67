/* discount's shape (mkdio.c, generate.c): fgetc's address is taken through a cast to an
 * int (*)(void *) reader for populate(), and the code printer calls a formatter hook
 * char *(*e_codefmt)(char *, int, char *) with the code block's text. A function taken through
 * a cast may be called with more arguments than it takes (GLib's callbacks), but not one
 * returning a number through a pointer returning a pointer: fgetc is no target of the hook.
 * SAFE: the formatter copies the text, the block is freed in emit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*getc_func)(void *);
typedef char *(*fmt_func)(char *, int, char *);
struct callbacks {
	fmt_func e_codefmt;
};

static int populate(getc_func g, void *ctx)
{
	int n = 0;
	while (g(ctx) != EOF)
		n++;
	return n;
}

static char *fmt_upper(char *t, int n, char *lang)
{
	char *o = malloc((size_t)n + 2);
	for (int i = 0; i < n; i++)
		o[i] = t[i] >= 'a' && t[i] <= 'z' ? (char)(t[i] - 32) : t[i];
	o[n] = lang && *lang ? '+' : '-';
	o[n + 1] = 0;
	return o;
}

static char *code_text(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void emit(struct callbacks *cb, const char *s)
{
	char *text = code_text(s);
	char *fmt = (*(cb->e_codefmt))(text, (int)strlen(text), text + 1);
	free(text);
	puts(fmt);
	free(fmt);
}

int main(void)
{
	struct callbacks cb = {fmt_upper};
	emit(&cb, "hello");
	emit(&cb, "code block");
	FILE *f = fopen("/dev/null", "r");
	if (f) {
		printf("%d\n", populate((getc_func)fgetc, f));
		fclose(f);
	}
	return 0;
}
