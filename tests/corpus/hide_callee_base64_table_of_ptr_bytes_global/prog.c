/* Idiom: a base64 encoder (curl's base64.c, lighttpd's buffer_append_base64) given the pointer's
 * bytes, output in a global token, decoded later. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct job { int id; char name[16]; };
static struct job *make_job(int id)
{
	struct job *j = malloc(sizeof *j);
	j->id = id;
	snprintf(j->name, sizeof j->name, "job%d", id);
	return j;
}
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static char token[16];
static void enc(char *out, const unsigned char *in, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
		for (int k = 3; k >= 0; k--)
			out[o + (size_t)(3 - k)] = b64[(v >> (6 * k)) & 63];
		o += 4;
	}
	out[o] = 0;
}
static void dec(unsigned char *out, const char *in)
{
	size_t o = 0;
	for (size_t i = 0; in[i]; i += 4) {
		unsigned v = 0;
		for (int k = 0; k < 4; k++)
			v = v << 6 | (unsigned)(strchr(b64, in[i + (size_t)k]) - b64);
		out[o++] = (unsigned char)(v >> 16);
		out[o++] = (unsigned char)(v >> 8);
		out[o++] = (unsigned char)v;
	}
}
static void submit(int id)
{
	struct job *j = make_job(id);
	unsigned char raw[9] = {0};
	memcpy(raw, &j, sizeof j);
	enc(token, raw, 9);
}
int main(void)
{
	submit(25);
	unsigned char raw[12];
	dec(raw, token);
	struct job *j;
	memcpy(&j, raw, sizeof j);
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
