/* Shape of "steal" operations that take a field out of an object and free the object (glib's
 * g_string_free(s, FALSE) and g_steal_pointer, redis's sdsfree of the wrapper while the payload
 * lives on, a key/value pair split into its value): take_value builds a pair in scratch memory,
 * moves the value pointer out, frees the pair and the key, and returns the value to its owner.
 * UNSAFE: the value leaves as a pointer read out of take_value's arena memory (p->value), which
 * the return check does not follow; it is released when take_value returns. A wrong acceptance
 * prints freed memory and frees it with libc free in main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair {
	char *key;
	char *value;
};

static char *take_value(const char *line)
{
	const char *eq = strchr(line, '=');
	if (!eq)
		return NULL;
	struct pair *p = malloc(sizeof *p);
	p->key = strndup(line, (size_t)(eq - line));
	p->value = strdup(eq + 1);
	char *v = p->value;
	free(p->key);
	free(p);
	return v;
}

int main(void)
{
	char *v = take_value("editor=vi");
	printf("%s\n", v ? v : "(none)");
	free(v);
	return 0;
}
