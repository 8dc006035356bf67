/* Shape of reference-counted objects whose release function a user lists as a free-kind wrapper
 * (GLib's g_object_unref, systemd's sd_bus_message_unref, jansson's json_decref: each frees only
 * when the count drops to zero, and runs a destructor first). render_items takes a shared style
 * object (a reference from the caller) and its own labels, and drops its reference with
 * style_unref. UNSAFE: a free kind means "frees its argument"; the rewrite turns style_unref(s)
 * into arena_free_with(style_unref, s), which is right only for a free: here the call's meaning
 * (drop one reference, maybe run the destructor) is kept for heap objects, but the labels' rule
 * is trusted blindly and the wrapper's body, which does more than free, is in the sources. The
 * verdict asks for a refusal of a free-kind rule on a function that is not a free; a wrong
 * acceptance changes the program as soon as the style is arena memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct style {
	int refs;
	char name[16];
};

static struct style *style_new(const char *name)
{
	struct style *s = malloc(sizeof *s);
	s->refs = 1;
	snprintf(s->name, sizeof s->name, "%s", name);
	return s;
}

static struct style *style_ref(struct style *s)
{
	s->refs++;
	return s;
}

static void style_unref(void *p)
{
	struct style *s = p;
	if (--s->refs > 0)
		return;
	printf("style %s destroyed\n", s->name);
	free(s);
}

static int render_items(struct style *shared, const char *const *items, int n)
{
	struct style *s = style_ref(shared);
	struct style *local = malloc(sizeof *local);
	local->refs = 1;
	snprintf(local->name, sizeof local->name, "local-%d", n);
	int w = 0;
	for (int i = 0; i < n; i++)
		w += printf("[%s:%s] ", s->name, items[i]);
	printf("(%s)\n", local->name);
	style_unref(local);
	style_unref(s);
	return w;
}

int main(void)
{
	struct style *bold = style_new("bold");
	const char *items[] = {"a", "b"};
	render_items(bold, items, 2);
	render_items(bold, items, 1);
	style_unref(bold);
	return 0;
}
