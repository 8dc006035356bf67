/* tmux's array growth through a typed helper: grow_items(p, n) resizes to n elements, not n
 * bytes (realloc(p, n * sizeof *p)). Declared in the rules as kind realloc (pointer, size). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item { char name[16]; int w; };

static struct item *grow_items(struct item *p, size_t n)
{
	return realloc(p, n * sizeof *p);
}

static int layout(const char *const *names, int k)
{
	struct item *v = NULL;
	int total = 0;
	for (int i = 0; i < k; i++) {
		v = grow_items(v, (size_t)i + 1);
		snprintf(v[i].name, sizeof v[i].name, "%s", names[i]);
		v[i].w = (int)strlen(names[i]) * 2;
	}
	for (int i = 0; i < k; i++) {
		printf("%s %d\n", v[i].name, v[i].w);
		total += v[i].w;
	}
	free(v);
	return total;
}

int main(void)
{
	const char *n[] = {"left", "middle", "right"};
	printf("total %d\n", layout(n, 3));
	return 0;
}
