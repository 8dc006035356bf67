/* Shape of yajl's tree API (yajl_tree.c): yajl_tree_parse sets up a context and runs the
 * callback parser, whose handle_string/handle_number callbacks (called through the
 * yajl_callbacks table) make values with value_alloc and link them into the context; the tree is
 * read from the context after the parse returns. With the scope on the parse loop (do_parse,
 * what a profile suggests: it lies above every allocation), the values are scope memory. UNSAFE:
 * the values reach ctx->root only through calls made through the callback table, so the store
 * through do_parse's parameter is not seen; the tree is released when do_parse returns and read
 * afterwards. A wrong acceptance reads freed arena memory in main and frees it with libc free. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum vtype { V_STRING, V_NUMBER };

struct value {
	enum vtype type;
	char *string;
	long number;
	struct value *next;
};

struct context {
	struct value *root, *last;
};

struct callbacks {
	int (*on_string)(void *ctx, const char *s, size_t len);
	int (*on_number)(void *ctx, long n);
};

static struct value *value_alloc(enum vtype t)
{
	struct value *v = calloc(1, sizeof *v);
	if (v)
		v->type = t;
	return v;
}

static int context_add_value(struct context *c, struct value *v)
{
	if (c->last)
		c->last->next = v;
	else
		c->root = v;
	c->last = v;
	return 0;
}

static int handle_string(void *ctx, const char *s, size_t len)
{
	struct value *v = value_alloc(V_STRING);
	v->string = malloc(len + 1);
	memcpy(v->string, s, len);
	v->string[len] = '\0';
	return context_add_value(ctx, v);
}

static int handle_number(void *ctx, long n)
{
	struct value *v = value_alloc(V_NUMBER);
	v->number = n;
	return context_add_value(ctx, v);
}

static int do_parse(const struct callbacks *cb, void *ctx, const char *p)
{
	while (*p) {
		if (*p == '"') {
			const char *e = strchr(p + 1, '"');
			if (!e)
				return -1;
			cb->on_string(ctx, p + 1, (size_t)(e - p - 1));
			p = e + 1;
		} else if (isdigit((unsigned char)*p)) {
			char *end;
			cb->on_number(ctx, strtol(p, &end, 10));
			p = end;
		} else
			p++;
	}
	return 0;
}

static const struct callbacks tree_callbacks = {handle_string, handle_number};

static struct value *tree_parse(const char *text)
{
	struct context ctx = {NULL, NULL};
	if (do_parse(&tree_callbacks, &ctx, text) != 0)
		return NULL;
	return ctx.root;
}

static void tree_free(struct value *v)
{
	while (v) {
		struct value *next = v->next;
		free(v->string);
		free(v);
		v = next;
	}
}

int main(void)
{
	struct value *t = tree_parse("[\"alpha\", 12, \"beta\", 7]");
	for (struct value *v = t; v; v = v->next)
		if (v->type == V_STRING)
			printf("string %s\n", v->string);
		else
			printf("number %ld\n", v->number);
	tree_free(t);
	return 0;
}
