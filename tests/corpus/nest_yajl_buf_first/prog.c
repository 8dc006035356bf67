/* Shape of yajl's generator buffer (yajl_buf.c: yajl_buf_ensure_available allocates buf->data on
 * the first append and grows it after) used by a generator that outlives each document
 * (yajl_gen_alloc once, then one yajl_gen_* sequence per document). The buffer's growth is a
 * hotspot in two scopes: the whole run (gen_all) and each document (gen_document). The rewrite
 * of gen_document is UNSAFE: the first allocation happens while the document's scope is the
 * innermost one, so the buffer, which belongs to the generator and so to gen_all, would be
 * allocated in gen_document's arena and released when the first document ends. gen_document
 * must be refused (it stores through its parameter g); gen_all alone is SAFE, every allocation
 * then comes from its arena. A wrong acceptance of gen_document grows freed arena memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *data;
	size_t len, used;
};

struct gen {
	struct buf *buf;
	int depth;
};

static void buf_ensure_available(struct buf *b, size_t want)
{
	if (b->data == NULL) {
		b->len = 16;
		b->data = malloc(b->len);
		b->data[0] = 0;
	}
	size_t need = b->len;
	while (want >= need - b->used)
		need <<= 1;
	if (need != b->len) {
		b->data = realloc(b->data, need);
		b->len = need;
	}
}

static void buf_append(struct buf *b, const char *s, size_t n)
{
	buf_ensure_available(b, n);
	memcpy(b->data + b->used, s, n);
	b->used += n;
	b->data[b->used] = 0;
}

static struct gen *gen_alloc(void)
{
	struct gen *g = calloc(1, sizeof *g);
	g->buf = calloc(1, sizeof *g->buf);
	return g;
}

static void gen_free(struct gen *g)
{
	free(g->buf->data);
	free(g->buf);
	free(g);
}

static void gen_document(struct gen *g, const char *key, int value)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof tmp, "{\"%s\":%d}\n", key, value);
	buf_append(g->buf, tmp, (size_t)n);
}

static size_t gen_all(const char *const *keys, int n)
{
	struct gen *g = gen_alloc();
	for (int i = 0; i < n; i++)
		gen_document(g, keys[i], i * 10);
	fputs(g->buf->data, stdout);
	size_t used = g->buf->used;
	gen_free(g);
	return used;
}

int main(void)
{
	const char *keys[] = {"alpha", "beta", "gamma", "delta"};
	printf("%zu bytes\n", gen_all(keys, 4));
	return 0;
}
