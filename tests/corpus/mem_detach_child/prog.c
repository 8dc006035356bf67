/* Shape of tree APIs that unlink a node before freeing its document (libxml2's xmlUnlinkNode
 * then xmlFreeDoc, cmark's cmark_node_unlink, Mini-XML's mxmlRemove): first_heading parses a
 * document into nodes, detaches the first child with unlink_first, frees the rest, and hands the
 * child to the caller, who frees it later. With first_heading as the scope, the nodes are scope
 * memory. UNSAFE: the child is a pointer read out of scope memory (parent->first, in unlink_first),
 * which is not followed, so returning it through the out-parameter is not seen; it is released with
 * the scope. A wrong acceptance reads freed arena memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	char *text;
	struct node *first, *next;
};

static struct node *node_new(const char *text)
{
	struct node *n = calloc(1, sizeof *n);
	n->text = strdup(text);
	return n;
}

static void node_free(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		node_free(n->first);
		free(n->text);
		free(n);
		n = next;
	}
}

static struct node *unlink_first(struct node *parent)
{
	struct node *child = parent->first;
	if (child) {
		parent->first = child->next;
		child->next = NULL;
	}
	return child;
}

static int first_heading(const char *const *lines, int count, struct node **out)
{
	struct node *doc = node_new("doc"), **tail = &doc->first;
	for (int i = 0; i < count; i++) {
		*tail = node_new(lines[i]);
		tail = &(*tail)->next;
	}
	struct node *child = unlink_first(doc);
	node_free(doc);
	*out = child;
	return child != NULL;
}

int main(void)
{
	const char *lines[] = {"# Title", "text", "## Section"};
	struct node *h = NULL;
	if (first_heading(lines, 3, &h))
		printf("heading: %s\n", h->text);
	node_free(h);
	return 0;
}
