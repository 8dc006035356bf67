/* Shape of code that picks its release function at run time (zlib's zfree hook defaulting to
 * zcfree, libxml2's xmlFree variable initialised to free, hash tables taking a value destructor):
 * build_list frees its scratch nodes through a local function pointer set to free. SAFE if the
 * address of free taken in the rewritten function is the ownership-aware free (the documented
 * rename of free's address), which leaves arena memory to the arena. A tool that refuses it is
 * over-cautious; one that leaves &free alone hands arena memory to libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	int v;
	struct cell *next;
};

static int build_list(int n)
{
	void (*release)(void *) = free;
	struct cell *head = NULL;
	for (int i = 0; i < n; i++) {
		struct cell *c = malloc(sizeof *c);
		c->v = i * 3;
		c->next = head;
		head = c;
	}
	int sum = 0;
	while (head) {
		struct cell *next = head->next;
		sum += head->v;
		release(head);
		head = next;
	}
	return sum;
}

int main(void)
{
	printf("%d\n", build_list(10));
	return 0;
}
