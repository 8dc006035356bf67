/* p29 with a designated initializer for the ENTRY (ENTRY e = {.key = k, .data = d}): the
 * libc table keeps the key. */
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_key(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void add_word(const char *w, long n)
{
	ENTRY e = {.key = dup_key(w), .data = (void *)n};
	hsearch(e, ENTER);
}

int main(void)
{
	hcreate(16);
	add_word("alpha", 1);
	add_word("beta", 2);
	ENTRY q = {"beta", NULL};
	ENTRY *r = hsearch(q, FIND);
	printf("beta -> %ld (%s)\n", r ? (long)r->data : -1L, r ? r->key : "?");
	return 0;
}
