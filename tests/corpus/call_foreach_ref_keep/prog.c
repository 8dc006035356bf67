/* Shape of git's for_each_ref(fn, cb_data) iterators whose callback collects refnames into a
 * string_list without duplicating them (string_list with strdup_strings = 0 keeps the pointer):
 * here the iterator builds each full refname and passes ownership to the callback, which keeps
 * it; the list's owner frees the names. UNSAFE: the names are for_each_ref's allocations and the
 * callback is a function-pointer parameter that keeps what it gets; with an arena for
 * for_each_ref, the list holds released memory. A wrong acceptance prints freed memory and frees
 * it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int each_ref_fn(char *refname, void *cb_data);

struct string_list {
	char *items[8];
	int nr;
};

static int collect_ref(char *refname, void *cb_data)
{
	struct string_list *l = cb_data;
	l->items[l->nr++] = refname;
	return 0;
}

static int for_each_ref(const char *prefix, const char *const *names, int n, each_ref_fn fn,
                        void *cb_data)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(prefix) + strlen(names[i]) + 1;
		char *full = malloc(len);
		snprintf(full, len, "%s%s", prefix, names[i]);
		int r = fn(full, cb_data);
		if (r)
			return r;
	}
	return 0;
}

int main(void)
{
	const char *heads[] = {"main", "next", "maint"};
	struct string_list l = {{NULL}, 0};
	for_each_ref("refs/heads/", heads, 3, collect_ref, &l);
	for (int i = 0; i < l.nr; i++) {
		printf("%s\n", l.items[i]);
		free(l.items[i]);
	}
	return 0;
}
