/* Shape of redis's anetFormatAddr and nginx's ngx_sock_ntop callers that format a peer address
 * into a buffer with inet_ntop and keep the returned string on the connection; the connection's
 * teardown frees it. UNSAFE: inet_ntop returns its destination argument; with the buffer in
 * describe_peer's arena, c.peer points into memory released when describe_peer returns. A wrong
 * acceptance prints freed memory and frees arena memory with libc free. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

struct conn {
	int fd;
	const char *peer;
};

static void describe_peer(struct conn *c, unsigned int ip)
{
	struct in_addr a;
	a.s_addr = htonl(ip);
	char *buf = malloc(INET_ADDRSTRLEN);
	c->peer = inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
	if (!c->peer)
		free(buf);
}

int main(void)
{
	struct conn c = {3, NULL};
	describe_peer(&c, 0x7f000001u);
	printf("fd %d peer %s\n", c.fd, c.peer ? c.peer : "?");
	free((void *)c.peer);
	return 0;
}
