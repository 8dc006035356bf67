/* Shape of a multipart reader (curl's and nginx's boundary scans use memmem-like searches):
 * the body is copied, the first part is found with memmem, and a message that starts with its
 * boundary is handed over whole, as the pointer memmem returned; the caller frees it. UNSAFE:
 * memmem returns a pointer into its haystack, here the copy made in first_part's arena, so the
 * returned part is released when first_part returns. A wrong acceptance reads and frees arena
 * memory in main (use after free, then free of a pointer malloc never returned). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *first_part(const char *body, size_t n, const char *boundary)
{
	char *copy = malloc(n + 1);
	memcpy(copy, body, n);
	copy[n] = '\0';
	char *part = memmem(copy, n, boundary, strlen(boundary));
	if (part != copy) {
		free(copy);
		return NULL;
	}
	return part;
}

int main(void)
{
	const char *bodies[] = {"--xyz\r\nfield=1\r\n--xyz--", "preamble --xyz\r\n",
	                        "--xyz\r\nk=v"};
	for (int i = 0; i < 3; i++) {
		char *p = first_part(bodies[i], strlen(bodies[i]), "--xyz");
		if (!p) {
			printf("%d: no leading part\n", i);
			continue;
		}
		printf("%d: %zu bytes, %.12s\n", i, strlen(p), p + 7);
		free(p);
	}
	return 0;
}
