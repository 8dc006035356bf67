/* GLib's g_hash_table_lookup_extended(h, key, &orig_key, &value) / libevent's evmap lookups:
 * a generic lookup in a global table hands back the stored object through a void ** out-
 * parameter; the caller updates the object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char key[16]; void *value; };
struct session { char *title; int windows; };
static struct entry table[4];
static int ntable;

static int table_lookup(const char *key, void **value)
{
	for (int i = 0; i < ntable; i++)
		if (strcmp(table[i].key, key) == 0) {
			*value = table[i].value;
			return 1;
		}
	return 0;
}

static char *title_dup(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void rename_session(const char *name, const char *title)
{
	void *v;
	if (!table_lookup(name, &v))
		return;
	struct session *s = v;
	free(s->title);
	s->title = title_dup(title);
	s->windows++;
}

int main(void)
{
	struct session *s = calloc(1, sizeof *s);
	snprintf(table[0].key, sizeof table[0].key, "main");
	table[0].value = s;
	ntable = 1;
	rename_session("main", "editor");
	rename_session("main", "build");
	printf("%s %d\n", s->title, s->windows);
	free(s->title);
	free(s);
	return 0;
}
