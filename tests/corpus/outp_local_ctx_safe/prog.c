/* Shape of md4c's md_parse/md_process_doc (md4c.c): the context is a local of the document pass,
 * md_is_link_reference_definition fills def = &ctx->ref_defs[i] through md_merge_lines_alloc's
 * out-parameters, and md_free_ref_defs frees the labels before the pass returns. With the scope
 * on the whole document pass, SAFE: the out-parameter writes go into the scope's own local
 * context, which dies with the scope, and the labels' frees are ownership-aware; only a count
 * leaves. A tool that refuses every out-parameter store through an intermediate function is
 * over-cautious. */
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

static void free_ref_defs(struct ctx *ctx)
{
	for (int i = 0; i < ctx->n; i++)
		free(ctx->defs[i].label);
	ctx->n = 0;
}

static int process_doc(const char *const *refs, int nrefs)
{
	struct ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	static const char *a[] = {"Foo", "Bar"};
	is_ref_def(&ctx, a, 2, "/foo-bar");
	int resolved = 0;
	for (int i = 0; i < nrefs; i++) {
		const char *r[] = {refs[i]};
		is_ref_def(&ctx, r, 1, "/x");
		for (int j = 0; j < ctx.n - 1; j++)
			resolved += strcmp(ctx.defs[j].label, refs[i]) == 0;
	}
	printf("%d definitions, %d resolved\n", ctx.n, resolved);
	free_ref_defs(&ctx);
	return resolved;
}

int main(void)
{
	const char *refs[] = {"Foo Bar", "nope", "Foo Bar"};
	return process_doc(refs, 3) == 3 ? 0 : 1;
}
