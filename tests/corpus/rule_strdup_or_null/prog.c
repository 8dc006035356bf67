/* git's xstrdup_or_null / libxml2's xmlStrdup: a strdup wrapper that returns NULL for a NULL
 * argument; optional fields are copied with it. Declared as kind strdup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xstrdup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct ident { char *name; char *email; };

static struct ident *ident_new(const char *name, const char *email)
{
	struct ident *id = malloc(sizeof *id);
	id->name = xstrdup_or_null(name);
	id->email = xstrdup_or_null(email);
	return id;
}

static void show(const char *name, const char *email)
{
	struct ident *id = ident_new(name, email);
	printf("%s <%s>\n", id->name ? id->name : "?", id->email ? id->email : "none");
	free(id->name);
	free(id->email);
	free(id);
}

int main(void)
{
	show("A U Thor", "author@example.com");
	show("Anonymous", NULL);
	return 0;
}
