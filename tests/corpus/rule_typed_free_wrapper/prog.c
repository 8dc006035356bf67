/* Shape of typed destructors named as free-kind wrappers (cmark's cmark_node_free, yajl's
 * yajl_tree_free(yajl_val), libxml2's xmlFreeNode(xmlNodePtr): a function taking a pointer to
 * the program's own struct and freeing it), listed in a rules file with kind free. count_tags, a
 * hotspot with its own arena, makes tags and releases each with tag_free. SAFE: tag_free only
 * frees its argument, so the ownership-aware call is right; but the rewrite must still compile:
 * the wrapper's type is void (*)(struct tag *), not void (*)(void *). Today the rewritten call,
 * arena_free_with(tag_free, t), does not build under -Werror (incompatible pointer type). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tag {
	char name[16];
	int depth;
};

static void tag_free(struct tag *t)
{
	free(t);
}

static int count_tags(const char *html)
{
	int n = 0, depth = 0;
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		if (p[1] == '/') {
			depth--;
			continue;
		}
		struct tag *t = malloc(sizeof *t);
		size_t len = strcspn(p + 1, " >");
		snprintf(t->name, sizeof t->name, "%.*s", (int)len, p + 1);
		t->depth = depth++;
		printf("%*s%s\n", t->depth * 2, "", t->name);
		n++;
		tag_free(t);
	}
	return n;
}

int main(void)
{
	printf("%d tags\n", count_tags("<html><body><p>x</p><p>y</p></body></html>"));
	struct tag *t = malloc(sizeof *t);
	tag_free(t);
	return 0;
}
