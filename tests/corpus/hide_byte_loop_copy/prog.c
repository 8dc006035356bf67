/* Shape of message queues that copy a message struct into a slot byte by byte (hand-written
 * copies in embedded and portable code, zlib's zmemcpy for systems without memcpy): the message
 * holds a pointer to its text, and the slot is a global outbox drained later. UNSAFE: the copy is
 * a loop over unsigned char, so the pointer inside the message reaches the global as bytes; with
 * the text in notify's arena, the outbox keeps the address of memory released when notify
 * returns. A wrong acceptance reads freed memory when main drains the outbox, then frees it. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg {
	int kind;
	char *text;
};

static struct msg outbox[4];
static int queued;

static void copy_bytes(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
}

static void notify(int kind, const char *who)
{
	struct msg m;
	m.kind = kind;
	m.text = malloc(strlen(who) + 8);
	sprintf(m.text, "hello %s", who);
	copy_bytes(&outbox[queued++], &m, sizeof m);
}

int main(void)
{
	notify(1, "ann");
	notify(2, "bo");
	for (int i = 0; i < queued; i++) {
		printf("%d: %s\n", outbox[i].kind, outbox[i].text);
		free(outbox[i].text);
	}
	return 0;
}
