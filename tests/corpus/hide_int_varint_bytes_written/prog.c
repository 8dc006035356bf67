/* Idiom: protobuf/sqlite varint encoder (sqlite3PutVarint-like: out[i] = v & 0x7f | 0x80,
 * v >>= 7) applied to a pointer handle, then written to a worker pipe. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
struct job { char text[24]; };
static int fds[2];
static struct job *make_job(const char *t) { struct job *j = malloc(sizeof *j); snprintf(j->text, sizeof j->text, "%s", t); return j; }
static int put_varint(unsigned char *o, uint64_t v)
{
	int n = 0;
	do { o[n] = (unsigned char)(v & 0x7f); v >>= 7; if (v) o[n] |= 0x80; n++; } while (v);
	return n;
}
static uint64_t get_varint(const unsigned char *o)
{
	uint64_t v = 0; int s = 0;
	for (int i = 0;; i++) { v |= (uint64_t)(o[i] & 0x7f) << s; s += 7; if (!(o[i] & 0x80)) break; }
	return v;
}
static void submit(const char *t)
{
	unsigned char msg[16];
	int n = put_varint(msg + 1, (uint64_t)(uintptr_t)make_job(t));
	msg[0] = (unsigned char)n;
	if (write(fds[1], msg, (size_t)n + 1) != n + 1) abort();
}
int main(void)
{
	if (pipe(fds)) return 1;
	submit("varint");
	unsigned char msg[16];
	if (read(fds[0], msg, 1) != 1 || read(fds[0], msg + 1, msg[0]) != msg[0]) return 1;
	struct job *j = (struct job *)(uintptr_t)get_varint(msg + 1);
	printf("%s\n", j->text);
	free(j);
	return 0;
}
