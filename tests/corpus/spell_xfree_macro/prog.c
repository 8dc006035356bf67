/* Shape of free-and-clear macros (#define XFREE(p) do { free(p); (p) = NULL; } while (0): git's
 * FREE_AND_NULL, systemd's mfree idiom, nginx-style helpers): normalize releases its scratch
 * buffer through the macro. UNSAFE as rewritten today: the buffer becomes arena memory, and the
 * free written inside the macro's expansion is left alone (it cannot be edited) without a
 * refusal, so libc free receives arena memory. A wrong acceptance crashes in free (ASan:
 * attempting free on address which was not malloc()-ed). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FREE_AND_NULL(p)                                                                           \
	do {                                                                                       \
		free(p);                                                                           \
		(p) = NULL;                                                                        \
	} while (0)

static int normalize(const char *in, char *out, size_t cap)
{
	char *tmp = malloc(strlen(in) + 1);
	char *d = tmp;
	for (const char *s = in; *s; s++)
		if (!isspace((unsigned char)*s))
			*d++ = (char)tolower((unsigned char)*s);
	*d = '\0';
	int n = snprintf(out, cap, "%s", tmp);
	FREE_AND_NULL(tmp);
	return n;
}

int main(void)
{
	char out[32];
	normalize(" Content - Type ", out, sizeof out);
	printf("[%s]\n", out);
	return 0;
}
