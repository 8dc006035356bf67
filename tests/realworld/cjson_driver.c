/*
 * Our own driver for the real-world cJSON run: each document is parsed, walked, printed and
 * deleted inside handle_doc, the arena's scope; main also builds a document outside any scope,
 * whose allocations must keep coming from the heap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"

static double sum_numbers(const cJSON *item)
{
	double s = 0;
	for (; item; item = item->next) {
		if (cJSON_IsNumber(item))
			s += item->valuedouble;
		if (item->string)
			s += (double)strlen(item->string);
		s += sum_numbers(item->child);
	}
	return s;
}

static double handle_doc(const char *text, char *out, size_t cap)
{
	cJSON *root = cJSON_Parse(text);
	if (!root)
		return -1;
	double s = sum_numbers(root);
	char *printed = cJSON_PrintUnformatted(root);
	snprintf(out, cap, "%.60s", printed ? printed : "");
	cJSON_free(printed);
	cJSON_Delete(root);
	return s;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0, n;
	char *buf = malloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	char out[64];
	for (int i = 1; i < argc; i++) {
		char *text = slurp(argv[i]);
		if (!text)
			continue;
		const char *base = strrchr(argv[i], '/');
		double s = 0;
		for (int r = 0; r < 20; r++)
			s = handle_doc(text, out, sizeof(out));
		printf("%s %.3f %s\n", base ? base + 1 : argv[i], s, out);
		free(text);
	}
	cJSON *lone = cJSON_CreateObject();
	cJSON_AddNumberToObject(lone, "outside", 42);
	char *p = cJSON_PrintUnformatted(lone);
	printf("%s\n", p);
	cJSON_free(p);
	cJSON_Delete(lone);
	return 0;
}
