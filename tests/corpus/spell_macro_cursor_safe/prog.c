/* Shape of libyaml's string cursors (src/yaml_private.h: STRING_ASSIGN sets start, end =
 * start + length and pointer; the emitter then reads handle.end[-1] to check a tag handle's
 * last character). SAFE: end[-1] steps back from one past the last byte, inside the object; the
 * `+` is spelled inside a macro, where the operator's tokens are the macro's, and it still moves
 * the pointer. A tool that takes end[-1] for a read before the object is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *start, *end, *pointer;
} cursor_t;

#define CURSOR_ASSIGN(c, s, n) ((c).start = (s), (c).end = (s) + (n), (c).pointer = (s))

static int is_tag_handle(char *text, size_t len)
{
	cursor_t handle;
	CURSOR_ASSIGN(handle, text, len);
	if (handle.start == handle.end || handle.start[0] != '!')
		return 0;
	return handle.end[-1] == '!';
}

static int check(const char *word)
{
	char *copy = strdup(word);
	int r = is_tag_handle(copy, strlen(copy));
	free(copy);
	return r;
}

int main(void)
{
	printf("%d %d %d\n", check("!yaml!"), check("!local"), check("!!"));
	return 0;
}
