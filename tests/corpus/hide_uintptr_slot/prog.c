/* Shape of maps whose values are integers that also carry pointers (redis's dict with
 * dictSetUnsignedIntegerVal, libevent's evmap of fd to uintptr_t, khash maps of uint64_t): the
 * slot is found, then written through a uintptr_t pointer with the object's address. UNSAFE: the
 * pointer is converted to an integer and stored through uintptr_t *, so no pointer store is seen;
 * with the object in remember's arena, the map keeps the address of released memory. A wrong
 * acceptance reads freed memory when main looks the key up, then frees it with libc free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct map {
	int keys[8];
	uintptr_t vals[8];
	int n;
};

static uintptr_t *map_slot(struct map *m, int key)
{
	for (int i = 0; i < m->n; i++)
		if (m->keys[i] == key)
			return &m->vals[i];
	m->keys[m->n] = key;
	m->vals[m->n] = 0;
	return &m->vals[m->n++];
}

struct session {
	int fd;
	char name[16];
};

static void remember(struct map *m, int fd, const char *user)
{
	struct session *s = malloc(sizeof *s);
	s->fd = fd;
	snprintf(s->name, sizeof s->name, "%s", user);
	uintptr_t *slot = map_slot(m, fd);
	*slot = (uintptr_t)s;
}

int main(void)
{
	struct map m;
	memset(&m, 0, sizeof m);
	remember(&m, 5, "alice");
	remember(&m, 9, "bob");
	for (int i = 0; i < m.n; i++) {
		struct session *s = (struct session *)*map_slot(&m, m.keys[i]);
		printf("fd %d: %s\n", s->fd, s->name);
		free(s);
	}
	return 0;
}
