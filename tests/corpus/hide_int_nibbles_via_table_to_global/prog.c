/* Idiom: a session id that is the pointer in hex (%lx of uintptr_t), written into a global
 * cookie string with a byte loop (nibble encoder, as in lighttpd's li_tohex). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct sess { char user[16]; };
static char cookie[17];
static struct sess *make_sess(const char *u)
{
	struct sess *s = malloc(sizeof *s);
	snprintf(s->user, sizeof s->user, "%s", u);
	return s;
}
static void tohex(char *out, uintptr_t v)
{
	static const char hx[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) { out[i] = hx[v & 15]; v >>= 4; }
	out[16] = '\0';
}
static void login(const char *u)
{
	struct sess *s = make_sess(u);
	tohex(cookie, (uintptr_t)s);
}
int main(void)
{
	login("root");
	struct sess *s = (struct sess *)(uintptr_t)strtoull(cookie, NULL, 16);
	printf("%s\n", s->user);
	free(s);
	return 0;
}
