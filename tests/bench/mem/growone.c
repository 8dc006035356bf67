/*
 * Grow-by-one arrays and objects, the shape of yajl's tree: every array and object grows by one
 * element per value (realloc(v, (len + 1) * sizeof *v)) with the value's node allocated in
 * between, so in an arena the array is never the newest object when it grows. One document:
 * 30 arrays of 3,000 numbers and an object of 20,000 keys; handle_doc builds it, digests it and
 * frees it, and is the arena's scope. usage: growone [DOCS]; prints a checksum.
 * -DHAND_ARENA: a plain bump arena written by hand (suite/hand.h: a grow is a copy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"
#ifdef HAND_ARENA
#include "hand.h"
#endif

struct val {
	double num;
	struct val **items; /* array elements, object values */
	char **keys;        /* object keys */
	size_t len;
};

static struct val *val_new(double num)
{
#ifdef HAND_ARENA
	struct val *v = hand_alloc(sizeof(*v));
#else
	struct val *v = malloc(sizeof(*v));
#endif
	v->num = num;
	v->items = NULL;
	v->keys = NULL;
	v->len = 0;
	return v;
}

static void arr_push(struct val *a, struct val *v)
{
#ifdef HAND_ARENA
	a->items =
	    hand_grow(a->items, a->len * sizeof(*a->items), (a->len + 1) * sizeof(*a->items));
#else
	a->items = realloc(a->items, (a->len + 1) * sizeof(*a->items));
#endif
	a->items[a->len++] = v;
}

static void obj_put(struct val *o, const char *key, size_t n, struct val *v)
{
#ifdef HAND_ARENA
	char *k = hand_alloc(n + 1);

	o->keys = hand_grow(o->keys, o->len * sizeof(*o->keys), (o->len + 1) * sizeof(*o->keys));
	o->items =
	    hand_grow(o->items, o->len * sizeof(*o->items), (o->len + 1) * sizeof(*o->items));
#else
	char *k = malloc(n + 1);

	o->keys = realloc(o->keys, (o->len + 1) * sizeof(*o->keys));
	o->items = realloc(o->items, (o->len + 1) * sizeof(*o->items));
#endif
	memcpy(k, key, n);
	k[n] = '\0';
	o->keys[o->len] = k;
	o->items[o->len++] = v;
}

static void val_free(struct val *v)
{
	for (size_t i = 0; i < v->len; i++) {
		val_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v);
}

static unsigned long handle_doc(unsigned doc)
{
	struct val *root = val_new(0), *obj = val_new(1);
	unsigned long h = 5381;
	char key[16];

	for (unsigned k = 0; k < 30; k++) {
		struct val *arr = val_new(k);

		for (unsigned i = 0; i < 3000; i++)
			arr_push(arr, val_new(doc + k * 3000 + i));
		arr_push(root, arr);
	}
	for (unsigned i = 0; i < 20000; i++)
		obj_put(obj, key, (size_t)(put_uint(put_text(key, "k"), i * 7 + doc) - key),
		        val_new(i));
	arr_push(root, obj);
	for (size_t k = 0; k < root->len; k++)
		for (size_t i = 0; i < root->items[k]->len; i += 97)
			h = h * 33 + (unsigned long)root->items[k]->items[i]->num +
			    (root->items[k]->keys ? (unsigned char)root->items[k]->keys[i][1] : 0);
#ifdef HAND_ARENA
	(void)val_free;
	hand_reset();
#else
	val_free(root);
#endif
	return h;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 10, handle_doc);
}
