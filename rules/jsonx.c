#include "jsonx.h"
#include "err.h"
#include "mem.h"
#include "sbuf.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

size_t jsonx_bom(const char *text, size_t len)
{
	return len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
}

/* Where a "\u0000" escape sits inside a string, or NULL. Tracks only string state, which is
 * all it takes: outside strings a backslash is already a syntax error. */
static const char *nul_escape(const char *s, const char *end)
{
	int in_str = 0;
	for (const char *p = s; p < end; p++) {
		if (!in_str) {
			in_str = *p == '"';
			continue;
		}
		if (*p == '"')
			in_str = 0;
		else if (*p == '\\' && p + 1 < end) {
			if (p[1] == 'u' && end - p >= 6 && !memcmp(p + 2, "0000", 4))
				return p;
			p++;
		}
	}
	return NULL;
}

static int fail_at(const char *text, const char *at, const char *path, const char *what,
                   const char *why, struct err *e)
{
	unsigned line, col;
	err_text_pos(text, at, &line, &col);
	return err_set(e, ERR_INPUT, path, line, col, "malformed JSON in %s: %s", what, why);
}

int jsonx_check(const char *text, size_t len, const char *stop, const char *path, const char *what,
                struct err *e)
{
	const char *end = text + len;
	const char *esc = nul_escape(text, stop ? stop : end);
	if (esc)
		return fail_at(text, esc, path, what, "\\u0000 (NUL) is not allowed in a string",
		               e);
	while (stop && stop < end && strchr(" \t\r\n", *stop))
		stop++;
	if (stop && stop < end)
		return fail_at(text, stop, path, what, "data after the end of the JSON document",
		               e);
	return 0;
}

struct cJSON *jsonx_parse(const char *text, size_t len, const char *path, const char *what,
                          struct err *e)
{
	size_t bom = jsonx_bom(text, len);
	const char *s = text + bom, *end = text + len;
	const char *nul = memchr(s, '\0', (size_t)(end - s));
	if (nul) {
		fail_at(text, nul, path, what, "a NUL byte", e);
		return NULL;
	}
	const char *stop = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(s, (size_t)(end - s), &stop, 0);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		fail_at(text, at && at >= s && at <= end ? at : end, path, what,
		        "invalid JSON here", e);
		return NULL;
	}
	if (jsonx_check(text, len, stop, path, what, e)) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, at
 * most U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf   ? 2
	           : c >= 0xe0 && c <= 0xef ? 3
	           : c >= 0xf0 && c <= 0xf4 ? 4
	                                    : 0;
	if (!n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
	    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

char *jsonx_utf8(char *doc)
{
	const unsigned char *p = (const unsigned char *)doc;
	size_t n;
	while (*p && (n = utf8_len(p)))
		p += n;
	if (!*p)
		return doc;
	struct sbuf sb = SBUF_INIT;
	sb_add(&sb, doc, (size_t)((const char *)p - doc));
	while (*p) {
		n = utf8_len(p);
		if (n)
			sb_add(&sb, (const char *)p, n);
		else
			sb_adds(&sb, "\\ufffd");
		p += n ? n : 1;
	}
	free(doc);
	return sb_detach(&sb, NULL);
}

int jsonx_get_int(const struct cJSON *o, const char *k, double lo, double hi, long long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= lo) || v->valuedouble > hi ||
	    v->valuedouble != (double)(long long)v->valuedouble)
		return -1;
	*out = (long long)v->valuedouble;
	return 0;
}

int jsonx_get_bool(const struct cJSON *o, const char *k, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsBool(v))
		return -1;
	*out = cJSON_IsTrue(v);
	return 0;
}
