/* The same parser as jump_setjmp_ctx_member, with the scope one level up (run): the longjmps
 * land in parse_doc, below the scope, whose arena stays live. SAFE. */
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
