/* The same shape with a scope: a request handler is the scope, and the string duplicator
 * everything uses is the hotspot. A fatal error in the middle of a request calls exit(); the
 * atexit handler builds its final message with the same duplicator and frees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int handled;

static char *dupstr(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static void bye(void)
{
	char *msg = dupstr("shutting down");
	printf("%s after %d requests\n", msg, handled);
	free(msg);
}

static void handle(const char *req)
{
	char *copy = dupstr(req);
	char *sp = strchr(copy, ' ');
	if (!sp) {
		printf("malformed request\n");
		exit(2);
	}
	*sp = '\0';
	printf("method %s\n", copy);
	handled++;
	free(copy);
}

int main(void)
{
	atexit(bye);
	handle("GET /");
	handle("PUT /x");
	handle("BROKEN");
	return 0;
}
