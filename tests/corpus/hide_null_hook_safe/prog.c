/* Shape of an optional progress hook (curl's CURLOPT_XFERINFOFUNCTION, zlib's alloc hooks left
 * NULL): a program keeps a global function pointer that nothing in it ever sets, and calls it
 * with a scratch buffer when it is set. SAFE: the sources are the whole program (they define
 * main) and no function of theirs has the hook's type and its address taken, so the call never
 * runs. In a library (no main), the same call is an escape: its user may set the hook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void (*progress_hook)(const char *stage);

static size_t render(const char *name)
{
	char *label = malloc(strlen(name) + 8);
	sprintf(label, "[%s]", name);
	if (progress_hook)
		progress_hook(label);
	size_t n = strlen(label);
	free(label);
	return n;
}

int main(void)
{
	printf("%zu %zu\n", render("parse"), render("emit"));
	return 0;
}
