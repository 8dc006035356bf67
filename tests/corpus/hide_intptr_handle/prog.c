/* Shape of APIs that hand out an object's address as an integer handle (SQLite's
 * SQLITE_PTR_TO_INT/SQLITE_INT_TO_PTR, Lua's light userdata as integers, Win32-style handles in
 * portable layers): open returns (intptr_t)obj, later calls turn it back into the pointer.
 * UNSAFE: the pointer leaves open_session as an integer return value; with the session in
 * open_session's arena, the handle is the address of memory released when it returns. A wrong
 * acceptance reads freed memory in session_name and frees it with libc free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct session {
	char user[16];
	int id;
};

static intptr_t open_session(const char *user, int id)
{
	struct session *s = malloc(sizeof *s);
	snprintf(s->user, sizeof s->user, "%s", user);
	s->id = id;
	return (intptr_t)s;
}

static const char *session_name(intptr_t h)
{
	return ((struct session *)h)->user;
}

static void close_session(intptr_t h)
{
	free((void *)h);
}

int main(void)
{
	intptr_t a = open_session("root", 1), b = open_session("www", 2);
	printf("%s %s\n", session_name(a), session_name(b));
	close_session(a);
	close_session(b);
	return 0;
}
