/* Shape of parsers whose error path is a longjmp to the caller (Lua's luaD_throw to
 * luaD_rawrunprotected, libpng's png_error to the application's setjmp, expat-era recursive
 * descent parsers): parse_doc builds a list of nodes, and on a bad token fail() frees what was
 * built and longjmps back to main, which goes on with the next document. The node constructor
 * is a hotspot scoped to parse_doc. UNSAFE: the longjmp leaves parse_doc without running its
 * arena_scope_end (neither the cleanup attribute nor an explicit release runs on longjmp), so
 * the arena leaks and stays on the thread's stack of scopes, a dead stack variable that the next
 * scoped allocation uses. A wrong acceptance leaks the arena (LeakSanitizer) or corrupts the
 * next document's allocations. */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf on_error;

struct node {
	char name[16];
	struct node *next;
};

struct parser {
	struct node *head;
	const char *p;
};

static struct node *node_new(const char *s, size_t n)
{
	struct node *nd = malloc(sizeof *nd);
	snprintf(nd->name, sizeof nd->name, "%.*s", (int)n, s);
	nd->next = NULL;
	return nd;
}

static void list_free(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		free(n);
		n = next;
	}
}

static void fail(struct parser *ps)
{
	list_free(ps->head);
	ps->head = NULL;
	longjmp(on_error, 1);
}

static int parse_doc(const char *text)
{
	struct parser ps = {NULL, text};
	int n = 0;
	while (*ps.p) {
		if (*ps.p == ' ') {
			ps.p++;
			continue;
		}
		if (!isalpha((unsigned char)*ps.p))
			fail(&ps);
		size_t len = strspn(ps.p, "abcdefghijklmnopqrstuvwxyz");
		struct node *nd = node_new(ps.p, len);
		nd->next = ps.head;
		ps.head = nd;
		ps.p += len;
		n++;
	}
	list_free(ps.head);
	return n;
}

static int run_doc(const char *doc)
{
	if (setjmp(on_error) == 0)
		return parse_doc(doc);
	return -1;
}

int main(void)
{
	const char *docs[] = {"alpha beta", "gamma 9 delta", "epsilon zeta eta"};
	for (int i = 0; i < 3; i++) {
		int n = run_doc(docs[i]);
		if (n >= 0)
			printf("doc %d: %d names\n", i, n);
		else
			printf("doc %d: syntax error\n", i);
	}
	struct node *late = node_new("late", 4);
	printf("%s\n", late->name);
	free(late);
	return 0;
}
