/* Shape of yajl's generator buffer (yajl_buf.c: yajl_buf_ensure_available allocates buf->data on
 * the first append) behind a handle, as language bindings and servers keep generators: the
 * per-document function finds the generator by its handle (gen_lookup), and the run that owns it
 * frees it at the end. The buffer's growth is a hotspot in two scopes, the run (gen_all) and each
 * document (gen_document). UNSAFE: the first append happens while gen_document's scope is the
 * innermost one, so the generator's buffer, which lives as long as gen_all, is allocated in
 * gen_document's arena and released when the first document ends; the generator is reached
 * through a lookup, so no store through gen_document's parameters is seen. A wrong acceptance
 * reallocates released memory on the next document and prints garbage or crashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *data;
	size_t len, used;
};

struct gen {
	struct buf *buf;
};

static struct gen *generators[4];

static struct gen *gen_lookup(int h)
{
	return generators[h & 3];
}

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

static void gen_document(int h, const char *key, int value)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof tmp, "{\"%s\":%d}\n", key, value);
	buf_append(gen_lookup(h)->buf, tmp, (size_t)n);
}

static size_t gen_all(const char *const *keys, int n)
{
	struct gen *g = calloc(1, sizeof *g);
	g->buf = calloc(1, sizeof *g->buf);
	generators[1] = g;
	for (int i = 0; i < n; i++)
		gen_document(1, keys[i], i * 10);
	fputs(g->buf->data, stdout);
	size_t used = g->buf->used;
	generators[1] = NULL;
	free(g->buf->data);
	free(g->buf);
	free(g);
	return used;
}

int main(void)
{
	const char *keys[] = {"alpha", "beta", "gamma", "delta"};
	printf("%zu bytes\n", gen_all(keys, 4));
	return 0;
}
