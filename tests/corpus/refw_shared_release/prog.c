/* Shape of a module with one release function used by several entry points (a template
 * engine's fragment_free, nginx's ngx_destroy_pool users): render_page (safe) and
 * remember_title (keeps a fragment in a global: refused) both hand fragments to fragment_free.
 * The right output refuses remember_title, writes nothing of its own, and still makes
 * fragment_free ownership-aware, because the accepted render_page passes arena memory to it.
 * A tool that drops fragment_free's edit with the refused hotspot hands render_page's arena
 * memory to libc free (crash); one that writes remember_title's arena breaks its global. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fragment {
	char *text;
	int weight;
};

static struct fragment *last_title;

static void fragment_free(struct fragment *f)
{
	if (!f)
		return;
	free(f->text);
	free(f);
}

static struct fragment *fragment_new(const char *s, int w)
{
	struct fragment *f = malloc(sizeof *f);
	f->text = strdup(s);
	f->weight = w;
	return f;
}

static int remember_title(const char *t)
{
	struct fragment *f = malloc(sizeof *f);
	f->text = strdup(t);
	f->weight = 1;
	fragment_free(last_title);
	last_title = f;
	return (int)strlen(t);
}

static int render_page(const char *const *parts, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++) {
		struct fragment *f = malloc(sizeof *f);
		f->text = strdup(parts[i]);
		f->weight = i + 1;
		printf("<p>%s</p>\n", f->text);
		total += f->weight * (int)strlen(f->text);
		fragment_free(f);
	}
	return total;
}

int main(void)
{
	const char *parts[] = {"intro", "body", "end"};
	remember_title("Welcome");
	printf("%d\n", render_page(parts, 3));
	remember_title("Bye");
	struct fragment *extra = fragment_new("x", 0);
	fragment_free(extra);
	printf("title %s\n", last_title->text);
	fragment_free(last_title);
	return 0;
}
