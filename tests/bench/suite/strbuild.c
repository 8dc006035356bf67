/*
 * String building, a scope per document: render() builds a text of a few hundred short pieces
 * with a growing buffer (realloc doubling from 16 bytes, up to ~64 KiB), formats each piece in
 * a small temporary string, hashes the result and frees it. usage: strbuild [DOCS]; prints a
 * checksum. -DHAND_ARENA: the hand-written arena of hand.h (a grow is a copy), nothing freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"
#ifdef HAND_ARENA
#include "hand.h"
#endif

struct sb {
	char *buf;
	size_t len, cap;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16;

		while (cap < b->len + n + 1)
			cap *= 2;
#ifdef HAND_ARENA
		b->buf = hand_grow(b->buf, b->len, cap);
#else
		b->buf = realloc(b->buf, cap);
#endif
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

/* A piece of text in a temporary string of its own, as formatting helpers return them. */
static char *piece(unsigned doc, unsigned i)
{
#ifdef HAND_ARENA
	char *s = hand_alloc(48);
#else
	char *s = malloc(48);
#endif
	char *e = put_uint(put_text(s, "<item id="), i);

	e = put_uint(put_text(e, ">"), doc * 7919u + i);
	*put_text(e, "</item>") = '\0';
	return s;
}

static unsigned long render(unsigned doc)
{
	struct sb b = {NULL, 0, 0};
	unsigned long h = 5381;
	unsigned n = 200 + doc % 2000;

	for (unsigned i = 0; i < n; i++) {
		char *s = piece(doc, i);

		sb_add(&b, s, strlen(s));
#ifndef HAND_ARENA
		free(s);
#endif
	}
	for (size_t i = 0; i < b.len; i += 7)
		h = h * 33 + (unsigned char)b.buf[i];
#ifdef HAND_ARENA
	hand_reset();
#else
	free(b.buf);
#endif
	return h + b.len;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 10000, render);
}
