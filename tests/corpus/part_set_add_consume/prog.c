/* Shape of set and dict inserts that consume the new node (redis's dictAdd callers that free the
 * key when it exists, git's hashmap_put with free of the duplicate, libxml2's xmlHashAddEntry
 * users): set_add keeps the node in the global set when its key is new (an early return) and
 * frees it otherwise. UNSAFE: the node dies only on the duplicate path; with its name in
 * add_member's arena, the set keeps released memory on the other. A wrong acceptance prints freed
 * memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct member {
	char *name;
	struct member *next;
};

static struct member *set_head;

static struct member *member_new(void)
{
	return calloc(1, sizeof(struct member));
}

static void member_free(struct member *m)
{
	free(m->name);
	free(m);
}

static int set_add(struct member *m)
{
	struct member *it = set_head;
	while (it && strcmp(it->name, m->name) != 0)
		it = it->next;
	if (!it) {
		m->next = set_head;
		set_head = m;
		return 1;
	}
	member_free(m);
	return 0;
}

static int add_member(const char *group, const char *user)
{
	struct member *m = member_new();
	m->name = malloc(strlen(group) + strlen(user) + 2);
	sprintf(m->name, "%s/%s", group, user);
	return set_add(m);
}

int main(void)
{
	int added = add_member("wheel", "root");
	added += add_member("staff", "ann");
	added += add_member("wheel", "root");
	printf("%d added\n", added);
	while (set_head) {
		struct member *next = set_head->next;
		printf("%s\n", set_head->name);
		member_free(set_head);
		set_head = next;
	}
	return 0;
}
