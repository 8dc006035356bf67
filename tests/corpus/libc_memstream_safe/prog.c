/* Shape of systemd's and git's use of open_memstream to build a message with fprintf: the stream
 * allocates its buffer with libc, the function reads it after fclose, and frees it; item labels
 * are scratch copies. SAFE: the memstream buffer is libc memory and its free stays a real free;
 * the labels die with render_list's arena; a length leaves. A tool that refuses it does not
 * know open_memstream's effect, and one that treats the buffer as arena memory leaks it. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t render_list(const char *const *items, int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return 0;
	for (int i = 0; i < n; i++) {
		char *label = strdup(items[i]);
		label[0] = (char)(label[0] - 'a' + 'A');
		fprintf(f, "%s%s", i ? ", " : "", label);
		free(label);
	}
	fclose(f);
	printf("[%s]\n", buf);
	free(buf);
	return len;
}

int main(void)
{
	const char *items[] = {"alpha", "beta", "gamma"};
	printf("%zu bytes\n", render_list(items, 3));
	return 0;
}
