#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A library whose API function frees its own document (doc_free, a `release` rule) before it
 * returns; the driver's per-request function is the scope. The drop happens inside the
 * library's render(), which only the scope calls. */
struct block {
	struct block *next;
	char *text;
};

static struct block *doc_parse(const char *src)
{
	struct block *head = NULL, **tail = &head;
	while (*src) {
		size_t n = strcspn(src, "\n");
		struct block *b = malloc(sizeof(*b));
		if (!b)
			break;
		b->text = strndup(src, n);
		b->next = NULL;
		*tail = b;
		tail = &b->next;
		src += n;
		if (*src)
			src++;
	}
	return head;
}

static void doc_free(struct block *b)
{
	while (b) {
		struct block *next = b->next;
		free(b->text);
		free(b);
		b = next;
	}
}

static size_t render(const char *src)
{
	struct block *doc = doc_parse(src);
	size_t len = 0;
	for (struct block *b = doc; b; b = b->next)
		len += strlen(b->text) + 7; /* <p></p> */
	doc_free(doc);
	return len;
}

/* The scope: every block of a request dies before it returns. */
static size_t handle(const char *src)
{
	return render(src);
}

int main(void)
{
	const char *docs[] = {"one\ntwo\nthree", "", "a single line", "x\n\ny\n"};
	for (int i = 0; i < 4; i++)
		printf("%d => %zu\n", i, handle(docs[i]));
	/* Outside any scope: doc_parse takes its memory from the heap, and doc_free frees it. */
	struct block *lone = doc_parse("heap\nblocks");
	printf("lone %s\n", lone ? lone->text : "");
	doc_free(lone);
	return 0;
}
