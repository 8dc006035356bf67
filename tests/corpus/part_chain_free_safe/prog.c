/* Shape of list builders with a constructor for the head and one free for the chain (curl's
 * curl_slist_append/curl_slist_free_all, nginx's ngx_list with its pool, git's string_list_clear):
 * a header list is built with a heap constructor, filled with scratch strings, used, and freed
 * with chain_free at the end of the function, outside any branch. SAFE: the list that holds
 * arena pointers dies before route_count returns. A tool that refuses it does not credit the
 * free of the chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slist {
	char *data;
	struct slist *next;
};

static struct slist *slist_new(void)
{
	return calloc(1, sizeof(struct slist));
}

static void chain_free(struct slist *l)
{
	while (l) {
		struct slist *next = l->next;
		free(l->data);
		free(l);
		l = next;
	}
}

static int route_count(const char *const *hdrs, int n)
{
	struct slist *head = slist_new();
	head->data = strdup("Via: proxy");
	for (int i = n - 1; i >= 0; i--) {
		struct slist *l = slist_new();
		l->data = strdup(hdrs[i]);
		l->next = head->next;
		head->next = l;
	}
	int count = 0;
	for (struct slist *l = head; l; l = l->next) {
		printf("%s\n", l->data);
		count++;
	}
	chain_free(head);
	return count;
}

int main(void)
{
	const char *h[] = {"Host: a", "Accept: */*"};
	printf("%d headers\n", route_count(h, 2));
	return 0;
}
