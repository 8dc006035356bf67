/* Shape of a recursive-descent parser's error recovery (jq's and gawk's parsers keep the
 * jmp_buf in a parse context; libjpeg's setjmp(myerr.setjmp_buffer) in the decoder's caller):
 * parse_doc owns a context on its stack, sets the jump point in its member, and the token
 * reader longjmps through the context pointer on a bad token. The tokens read before the error
 * are freed after the jump. SAFE in both scopes: every longjmp lands in parse_doc's frame, at or
 * below the scope, so no arena's release is skipped. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pctx {
	jmp_buf err;
	const char *src;
	char *toks[16];
	int ntok;
};

static char *tok_new(const char *s, size_t n)
{
	char *t = malloc(n + 1);
	if (t) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

static void read_token(struct pctx *c)
{
	size_t n = strcspn(c->src, " ");
	if (n == 0 || c->ntok == 16)
		longjmp(c->err, 1);
	char *t = tok_new(c->src, n);
	if (!t)
		longjmp(c->err, 2);
	if (t[0] == '!') {
		free(t);
		longjmp(c->err, 3);
	}
	c->toks[c->ntok++] = t;
	c->src += n;
	c->src += strspn(c->src, " ");
}

static int parse_doc(const char *src)
{
	struct pctx c;
	memset(&c, 0, sizeof(c));
	c.src = src;
	int rc = setjmp(c.err);
	if (rc == 0)
		while (*c.src)
			read_token(&c);
	for (int i = 0; i < c.ntok; i++) {
		printf("%s%s", i ? "," : "", c.toks[i]);
		free(c.toks[i]);
	}
	printf(" [%d]\n", rc);
	return rc;
}

static int run(const char *const *docs, int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++)
		bad += parse_doc(docs[i]) != 0;
	return bad;
}

int main(void)
{
	const char *docs[] = {"a bb ccc", "x !y z", "one two  three", "q"};
	printf("bad %d\n", run(docs, 4));
	return 0;
}
