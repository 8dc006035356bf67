/* Shape of the canonical getline loop (getline(3)'s example, systemd's and git's line readers
 * before their own wrappers): the buffer starts NULL, getline allocates and grows it with libc,
 * and the loop frees it at the end; each line is copied into scratch memory. SAFE: the getline
 * buffer is libc heap memory throughout and the free at the end stays a real free (in the arena
 * build too); the scratch copies die with the arena. A tool that refuses it, or compiles the
 * free out as if the buffer were arena memory, is wrong in the other direction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t longest_line(FILE *f, char *best, size_t cap)
{
	char *line = NULL;
	size_t n = 0, longest = 0;
	ssize_t len;
	while ((len = getline(&line, &n, f)) > 0) {
		char *copy = strndup(line, (size_t)len);
		copy[strcspn(copy, "\n")] = '\0';
		if (strlen(copy) > longest) {
			longest = strlen(copy);
			snprintf(best, cap, "%s", copy);
		}
		free(copy);
	}
	free(line);
	return longest;
}

int main(void)
{
	static char input[] = "short\nthe longest line of this input\nmid line\n";
	FILE *f = fmemopen(input, strlen(input), "r");
	if (!f)
		return 1;
	char best[64];
	size_t n = longest_line(f, best, sizeof best);
	fclose(f);
	printf("%zu: %s\n", n, best);
	return 0;
}
