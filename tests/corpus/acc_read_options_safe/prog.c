/* Shape of code that reads global options through an accessor (libxml2's xmlIndentTreeOutput
 * macro over __xmlIndentTreeOutput(), git's the_repository->settings, busybox's option_mask32):
 * render allocates scratch memory and only reads settings through get_opts(). SAFE: nothing of
 * the arena is stored through the accessor's result; only the printed text and a length leave.
 * A tool that refuses every accessor call in a hotspot is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct opts {
	int indent;
	int upper;
};

static struct opts the_opts = {4, 1};

static const struct opts *get_opts(void)
{
	return &the_opts;
}

static size_t render(const char *const *lines, int n)
{
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(lines[i]) + (size_t)get_opts()->indent + 1;
		char *out = malloc(len);
		memset(out, ' ', (size_t)get_opts()->indent);
		strcpy(out + get_opts()->indent, lines[i]);
		if (get_opts()->upper)
			for (char *c = out; *c; c++)
				if (*c >= 'a' && *c <= 'z')
					*c = (char)(*c - 'a' + 'A');
		puts(out);
		total += strlen(out);
		free(out);
	}
	return total;
}

int main(void)
{
	const char *l[] = {"first", "second"};
	printf("%zu\n", render(l, 2));
	return 0;
}
