/* Shape of generic arrays that store elements by size (uthash's utarray_push_back, git's
 * ALLOC_GROW + memcpy users, libxml2's xmlList copies): push copies elsize bytes from the
 * element's address, so pushing a char * copies a pointer's bytes into the caller's heap vector.
 * UNSAFE: the words are allocated in split_words' arena and their addresses travel as bytes into
 * a vector that outlives split_words. A wrong acceptance reads freed arena memory when main prints
 * the vector, and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
	char *data;
	size_t elsize, n, cap;
};

static void vec_push(struct vec *v, const void *elem)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->data = realloc(v->data, v->cap * v->elsize);
	}
	memcpy(v->data + v->n * v->elsize, elem, v->elsize);
	v->n++;
}

static void split_words(struct vec *out, const char *text)
{
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (len) {
			char *w = strndup(p, len);
			vec_push(out, &w);
		}
		p += len;
		p += strspn(p, " ");
	}
}

int main(void)
{
	struct vec v = {NULL, sizeof(char *), 0, 0};
	split_words(&v, "the quick  brown fox jumps");
	for (size_t i = 0; i < v.n; i++) {
		char *w;
		memcpy(&w, v.data + i * v.elsize, sizeof w);
		printf("%zu: %s\n", i, w);
		free(w);
	}
	free(v.data);
	return 0;
}
