/* Shape of epoll_event.data (union epoll_data: ptr, fd, u32, u64) as event loops fill it (redis's
 * ae_epoll.c, libevent's epoll.c, nginx's ngx_epoll_module): the user data is written through the
 * integer member, ev.data.u64 = (uintptr_t)conn, and read back through ptr when the event fires.
 * UNSAFE: the store is of an integer into a union member of another type; with the connection in
 * watch's arena, the registered event holds the address of released memory. A wrong acceptance
 * reads freed memory when main dispatches the events, then frees it with libc free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

union ev_data {
	void *ptr;
	int fd;
	uint64_t u64;
};

struct event {
	unsigned events;
	union ev_data data;
};

static struct event registered[4];
static int nregistered;

struct conn {
	int fd;
	unsigned long bytes;
};

static void watch(int fd, unsigned events)
{
	struct conn *c = calloc(1, sizeof *c);
	c->fd = fd;
	registered[nregistered].events = events;
	registered[nregistered].data.u64 = (uint64_t)(uintptr_t)c;
	nregistered++;
}

int main(void)
{
	watch(7, 1);
	watch(8, 4);
	for (int i = 0; i < nregistered; i++) {
		struct conn *c = registered[i].data.ptr;
		c->bytes += 100u * (unsigned)(i + 1);
		printf("fd %d events %u bytes %lu\n", c->fd, registered[i].events, c->bytes);
		free(c);
	}
	return 0;
}
