#include "hot.h"
#include "err.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_ident(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

static void push(struct hotlist *hl, const char *fn, const char *file, const char *scope,
                 char *where)
{
	GROW(hl->v, hl->n, hl->cap);
	struct hotspot *h = &hl->v[hl->n++];
	h->function = xstrdup(fn);
	h->file = file && *file ? xstrdup(file) : NULL;
	h->scope = scope && *scope ? xstrdup(scope) : NULL;
	h->where = where;
	h->off = 0;
	/* Chain the entry after the last one naming the same function. */
	hl->next = xrealloc(hl->next, hl->cap * sizeof(*hl->next));
	int i = (int)hl->n - 1;
	hl->next[i] = -1;
	int at = strmap_put(&hl->byname, h->function, i)->val;
	while (at != i && hl->next[at] >= 0)
		at = hl->next[at];
	if (at != i)
		hl->next[at] = i;
	if (h->scope && strcmp(h->scope, h->function))
		strmap_put(&hl->byscope, h->scope, i);
}

static int parse_json(struct hotlist *hl, const char *text, const char *path, struct err *e)
{
	cJSON *root = jsonx_parse(text, strlen(text), path, "hotspot file", e);
	if (!root)
		return -1;
	int rc = 0;
	const cJSON *arr = root;
	if (cJSON_IsObject(root))
		arr = cJSON_GetObjectItemCaseSensitive(root, "hotspots");
	if (!cJSON_IsArray(arr)) {
		rc = err_set(e, ERR_INPUT, path, 0, 0,
		             "hotspot file must hold an object with a \"hotspots\" array");
		goto out;
	}
	int i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(it, "function");
		const cJSON *file = cJSON_GetObjectItemCaseSensitive(it, "file");
		const cJSON *scope = cJSON_GetObjectItemCaseSensitive(it, "scope");
		if (!cJSON_IsObject(it) || !cJSON_IsString(fn) || !is_ident(fn->valuestring)) {
			rc = err_set(e, ERR_INPUT, path, 0, 0,
			             "hotspots[%d]: \"function\" must name a C function", i);
			goto out;
		}
		if ((file && !cJSON_IsString(file) && !cJSON_IsNull(file)) ||
		    (scope && !cJSON_IsNull(scope) &&
		     !(cJSON_IsString(scope) &&
		       (!*scope->valuestring || is_ident(scope->valuestring))))) {
			rc = err_set(
			    e, ERR_INPUT, path, 0, 0,
			    "hotspots[%d]: \"file\" must be a path and \"scope\" a function "
			    "name",
			    i);
			goto out;
		}
		push(hl, fn->valuestring, cJSON_IsString(file) ? file->valuestring : NULL,
		     cJSON_IsString(scope) ? scope->valuestring : NULL,
		     xasprintf("%s: hotspots[%d]", path, i));
		i++;
	}
out:
	cJSON_Delete(root);
	return rc;
}

static int parse_plain(struct hotlist *hl, const char *text, const char *path, struct err *e)
{
	unsigned lineno = 0;
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		char *line = xstrndup(p, len);
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = line;
		while (isspace((unsigned char)*s))
			s++;
		char *end = s + strlen(s);
		while (end > s && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*s) {
			char *fn = strrchr(s, ':');
			char *file = NULL;
			if (fn) {
				*fn++ = '\0';
				file = s;
			} else {
				fn = s;
			}
			if (!is_ident(fn)) {
				unsigned col = (unsigned)(fn - line) + 1;
				free(line);
				return err_set(e, ERR_INPUT, path, lineno, col,
				               "expected a function name or FILE:FUNCTION");
			}
			push(hl, fn, file, NULL, xasprintf("%s:%u", path, lineno));
		}
		free(line);
		p += len + (eol ? 1 : 0);
	}
	return 0;
}

int hot_parse(struct hotlist *hl, const char *text, const char *path, struct err *e)
{
	/* A byte order mark is not part of the list, in either format. */
	const char *s = text + jsonx_bom(text, strlen(text));
	while (isspace((unsigned char)*s))
		s++;
	int json = *s == '{' || *s == '[';
	int rc = json ? parse_json(hl, text, path, e)
	              : parse_plain(hl, text + jsonx_bom(text, strlen(text)), path, e);
	if (!rc && hl->n == 0)
		rc = err_set(e, ERR_INPUT, path, 0, 0, "hotspot file lists no function");
	return rc;
}

int hot_load(struct hotlist *hl, const char *path, struct err *e)
{
	struct fs_text t;
	if (fs_read(path, &t, e))
		return -1;
	if (memchr(t.data, '\0', t.len)) {
		fs_text_free(&t);
		return err_set(e, ERR_INPUT, path, 0, 0, "hotspot file is not text");
	}
	int rc = hot_parse(hl, t.data, path, e);
	fs_text_free(&t);
	return rc;
}

void hot_free(struct hotlist *hl)
{
	for (size_t i = 0; i < hl->n; i++) {
		free(hl->v[i].function);
		free(hl->v[i].file);
		free(hl->v[i].scope);
		free(hl->v[i].where);
	}
	free(hl->v);
	free(hl->next);
	strmap_free(&hl->byname);
	strmap_free(&hl->byscope);
	memset(hl, 0, sizeof(*hl));
}

int hot_file_matches(const char *want, const char *path)
{
	while (want[0] == '.' && want[1] == '/')
		want += 2;
	size_t wl = strlen(want), pl = strlen(path);
	if (wl > pl)
		return 0;
	if (strcmp(path + pl - wl, want))
		return 0;
	return wl == pl || path[pl - wl - 1] == '/';
}

static int skip_off(const struct hotlist *hl, int h)
{
	while (h >= 0 && hl->v[h].off)
		h = hl->next[h];
	return h;
}

int hot_first(const struct hotlist *hl, const char *name)
{
	const struct strmap_ent *en = strmap_find(&hl->byname, name);
	return skip_off(hl, en ? en->val : -1);
}

int hot_next(const struct hotlist *hl, int h)
{
	return skip_off(hl, hl->next[h]);
}

int hot_is_scope(const struct hotlist *hl, const char *name)
{
	if (!strmap_find(&hl->byscope, name))
		return 0;
	for (size_t h = 0; h < hl->n; h++)
		if (!hl->v[h].off && hl->v[h].scope && !strcmp(hl->v[h].scope, name) &&
		    strcmp(hl->v[h].scope, hl->v[h].function))
			return 1;
	return 0;
}

int hot_first_entry(const struct hotlist *hl, int h)
{
	const struct hotspot *x = &hl->v[h];
	for (int k = hot_first(hl, x->function); k >= 0 && k < h; k = hot_next(hl, k)) {
		const struct hotspot *y = &hl->v[k];
		if (!!y->file == !!x->file && (!y->file || !strcmp(y->file, x->file)))
			return k;
	}
	return h;
}

void hot_set_off(struct hotlist *hl, int h)
{
	hl->v[h].off = 1;
}
