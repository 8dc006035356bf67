/* Shape of a tokenizer whose scope is chosen too low (what a new user tries first): tokenize
 * returns the token list it built, so the scope is refused (its memory would be freed when it
 * returns). tokenize's own error path and the list's free function contain frees that the
 * rewrite makes ownership-aware for the scope. The right output writes nothing at all for the
 * refused scope: no arena, and no arena_free edits in tokenize or tok_list_free either, since no
 * other scope or hotspot is accepted. Today those edits are written anyway (exit 1 with a diff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tok {
	char *text;
	struct tok *next;
};

static struct tok *tok_new(const char *s, size_t n)
{
	struct tok *t = malloc(sizeof *t);
	t->text = strndup(s, n);
	t->next = NULL;
	return t;
}

static void tok_list_free(struct tok *t)
{
	while (t) {
		struct tok *next = t->next;
		free(t->text);
		free(t);
		t = next;
	}
}

static struct tok *tokenize(const char *s)
{
	struct tok *head = NULL, **tail = &head;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n > 8) {
			tok_list_free(head);
			return NULL;
		}
		if (n) {
			*tail = tok_new(s, n);
			tail = &(*tail)->next;
		}
		s += n;
		s += strspn(s, " ");
	}
	return head;
}

int main(void)
{
	struct tok *t = tokenize("let x = 42 ;");
	for (struct tok *i = t; i; i = i->next)
		printf("[%s]", i->text);
	printf("\n");
	tok_list_free(t);
	printf("%s\n", tokenize("averyveryverylongtoken") ? "ok" : "too long");
	return 0;
}
