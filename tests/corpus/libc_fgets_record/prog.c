/* Shape of busybox's xmalloc_fgets_internal (libbb/get_line_from_file.c) and redis's aof.c
 * (readres = fgets(buf, ...)): the line is read with fgets into a buffer the reader allocates,
 * and fgets' result, which is that buffer, is what the caller keeps and later frees. UNSAFE:
 * fgets returns its first argument; with the buffer in read_record's arena, rec.text points
 * into memory released when read_record returns. A wrong acceptance prints freed arena memory
 * and hands it to libc free in main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
	char *text;
	size_t len;
};

static int read_record(FILE *f, struct record *out)
{
	char *buf = malloc(128);
	out->text = fgets(buf, 128, f);
	if (!out->text) {
		free(buf);
		return -1;
	}
	out->len = strcspn(out->text, "\n");
	out->text[out->len] = '\0';
	return 0;
}

int main(void)
{
	static char input[] = "alpha 1\nbeta 22\ngamma 333\n";
	FILE *f = fmemopen(input, strlen(input), "r");
	if (!f)
		return 1;
	struct record rec;
	while (read_record(f, &rec) == 0) {
		printf("[%s] %zu\n", rec.text, rec.len);
		free(rec.text);
	}
	fclose(f);
	return 0;
}
