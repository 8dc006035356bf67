/* Shape of md4c's link reference definitions (md4c.c: md_is_link_reference_definition takes
 * def = &ctx->ref_defs[ctx->n_ref_defs] and calls md_merge_lines_alloc(ctx, ..., &def->label,
 * &def->label_size)); the definitions live in the parser context until the document is done.
 * With the scope on the block pass that collects them (what a profile suggests: it is above
 * every merge_lines_alloc), the labels are scope memory written through an out-parameter by an
 * intermediate function into the caller's context. UNSAFE: the context outlives the scope, so
 * the labels are released when collect_ref_defs returns and used afterwards. A wrong acceptance
 * reads freed arena memory in lookup and frees it with libc free in main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ref_def {
	char *label;
	size_t label_size;
	const char *dest;
};

struct ctx {
	struct ref_def defs[8];
	int n;
};

static int merge_lines_alloc(const char *const *lines, int n, char sep, char **out,
                             size_t *out_size)
{
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += strlen(lines[i]) + 1;
	char *buf = malloc(total);
	if (!buf)
		return -1;
	char *p = buf;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		memcpy(p, lines[i], len);
		p += len;
		*p++ = i + 1 < n ? sep : '\0';
	}
	*out = buf;
	*out_size = total - 1;
	return 0;
}

static int is_ref_def(struct ctx *ctx, const char *const *lines, int n, const char *dest)
{
	struct ref_def *def = &ctx->defs[ctx->n];
	if (merge_lines_alloc(lines, n, ' ', &def->label, &def->label_size) != 0)
		return -1;
	def->dest = dest;
	ctx->n++;
	return 1;
}

static int collect_ref_defs(struct ctx *ctx)
{
	static const char *a[] = {"Foo", "Bar"};
	static const char *b[] = {"baz"};
	int found = 0;
	found += is_ref_def(ctx, a, 2, "/foo-bar");
	found += is_ref_def(ctx, b, 1, "/baz");
	return found;
}

static const char *lookup(const struct ctx *ctx, const char *label)
{
	for (int i = 0; i < ctx->n; i++)
		if (strcmp(ctx->defs[i].label, label) == 0)
			return ctx->defs[i].dest;
	return NULL;
}

int main(void)
{
	struct ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	printf("%d definitions\n", collect_ref_defs(&ctx));
	printf("[Foo Bar] -> %s\n", lookup(&ctx, "Foo Bar"));
	printf("[baz] -> %s\n", lookup(&ctx, "baz"));
	for (int i = 0; i < ctx.n; i++)
		free(ctx.defs[i].label);
	return 0;
}
