/* An INI/kv parser library in the style of inih: kv_parse splits "k=v;..." and calls the
 * user's handler per pair; the library also exports kv_strdup, which handlers use to keep the
 * keys (inih users strdup in their handler). No main in the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kv.h"

char *kv_strdup(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

int kv_parse(const char *text, kv_visit cb, void *ctx)
{
	char *copy = kv_strdup(text);
	int n = 0;
	for (char *tok = strtok(copy, ";"); tok; tok = strtok(NULL, ";")) {
		char key[32];
		int val;
		if (sscanf(tok, "%31[^=]=%d", key, &val) == 2) {
			cb(key, val, ctx);
			n++;
		}
	}
	free(copy);
	return n;
}
