#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* render() frees its document with doc_free (a `release` rule). The scope runs it on a thread
 * it starts: that thread has no scope arena, so doc_parse's memory is heap there and the
 * doc_free call inside render must stay (an address-taken function reaches render). */
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

struct job {
	const char *src;
	size_t len;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	j->len = render(j->src);
	return NULL;
}

/* The scope: its own blocks die before it returns; the thread's are the thread's business. */
static size_t handle(const char *src)
{
	struct job j = {src, 0};
	pthread_t t;
	if (pthread_create(&t, NULL, worker, &j))
		return 0;
	pthread_join(t, NULL);
	return j.len + render(src);
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
