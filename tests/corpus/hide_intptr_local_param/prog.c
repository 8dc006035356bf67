/* Idiom: an out-struct carrying an integer handle (epoll_event.data.u64 filled by a helper,
 * libevent's evutil handles): out->id = h, h from a pointer via a local. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ev { uint64_t id; int fd; };

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void fill(struct ev *out, const char *s)
{
	char *p = dup_str(s);
	uint64_t h = (uint64_t)(uintptr_t)p;
	out->fd = 3;
	out->id = h;
}

int main(void)
{
	struct ev e;
	fill(&e, "conn");
	char *p = (char *)(uintptr_t)e.id;
	printf("fd %d id %s\n", e.fd, p);
	free(p);
	return 0;
}
