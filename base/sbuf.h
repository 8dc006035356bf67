/*
 * sbuf: a growable byte string, modelled on git's strbuf.
 *
 * Invariants: `buf` is never NULL once initialised with SBUF_INIT or sb_init (it points at a
 * shared empty string until the first append), `buf[len]` is always '\0', and `alloc` is 0
 * exactly when `buf` is that shared empty string. The sbuf owns `buf`; sb_detach hands it
 * over to the caller (always a malloc'd string) and leaves the sbuf empty. Contents may hold
 * NUL bytes; `len` is authoritative.
 */
#ifndef ARW_SBUF_H
#define ARW_SBUF_H

#include <stddef.h>

struct sbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char sb_empty[];
#define SBUF_INIT                                                                                  \
	{                                                                                          \
		sb_empty, 0, 0                                                                     \
	}

void sb_init(struct sbuf *sb);
void sb_release(struct sbuf *sb);
char *sb_detach(struct sbuf *sb, size_t *len);
void sb_grow(struct sbuf *sb, size_t extra);
void sb_add(struct sbuf *sb, const void *data, size_t n);
void sb_adds(struct sbuf *sb, const char *s);
void sb_addc(struct sbuf *sb, char c);
void sb_addf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct sbuf *sb);

#endif
