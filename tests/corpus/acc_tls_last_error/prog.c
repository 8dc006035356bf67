/* Shape of libxml2's per-thread error state (__xmlLastError() returns the calling thread's
 * xmlError, thread-local with thread support): a failing parse formats a message and stores it
 * in the last-error record reached through the accessor; the caller reads and clears it later.
 * UNSAFE: the store goes through the accessor's result, thread-local storage the analysis does
 * not see behind the call; with the message in parse_port's arena, the record keeps released
 * memory. A wrong acceptance prints freed memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct error {
	int code;
	char *message;
};

static _Thread_local struct error last_error;

static struct error *get_last_error(void)
{
	return &last_error;
}

static void reset_last_error(void)
{
	free(get_last_error()->message);
	get_last_error()->message = NULL;
	get_last_error()->code = 0;
}

static int parse_port(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end != '\0' || v <= 0 || v > 65535) {
		char *msg = malloc(64);
		snprintf(msg, 64, "invalid port '%s'", s);
		reset_last_error();
		struct error *e = get_last_error();
		e->code = 22;
		e->message = msg;
		return -1;
	}
	return (int)v;
}

int main(void)
{
	const char *in[] = {"8080", "80x", "70000"};
	for (int i = 0; i < 3; i++) {
		int p = parse_port(in[i]);
		if (p < 0)
			printf("error %d: %s\n", get_last_error()->code, get_last_error()->message);
		else
			printf("port %d\n", p);
	}
	reset_last_error();
	return 0;
}
