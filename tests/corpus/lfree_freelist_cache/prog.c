/* Shape of libraries whose documented free caches blocks for reuse instead of freeing them
 * (SQLite's lookaside allocator, glib's g_slice, nginx's and libevent's free lists of buffers):
 * msg_release pushes the message on a global free list and msg_new pops from it before it
 * allocates. msg_new is a hotspot scoped to handle_batch, which releases each message with
 * msg_release as documented. UNSAFE: msg_release keeps what it is given; with the messages in the
 * scope's arena, the free list holds released memory, which the next msg_new outside the scope
 * hands out again. A wrong acceptance reuses freed arena memory in main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg {
	struct msg *next_free;
	char text[32];
};

static struct msg *free_list;

static struct msg *msg_new(const char *text)
{
	struct msg *m = free_list;
	if (m)
		free_list = m->next_free;
	else
		m = malloc(sizeof *m);
	snprintf(m->text, sizeof m->text, "%s", text);
	return m;
}

static void msg_release(struct msg *m)
{
	m->next_free = free_list;
	free_list = m;
}

static int handle_batch(const char *const *texts, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++) {
		struct msg *m = msg_new(texts[i]);
		total += (int)strlen(m->text);
		msg_release(m);
	}
	return total;
}

int main(void)
{
	const char *t[] = {"hello", "world"};
	printf("%d\n", handle_batch(t, 2));
	struct msg *m = msg_new("after");
	printf("%s\n", m->text);
	msg_release(m);
	while (free_list) {
		struct msg *next = free_list->next_free;
		free(free_list);
		free_list = next;
	}
	return 0;
}
