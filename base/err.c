#include "err.h"
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int err_set(struct err *e, int code, const char *file, unsigned line, unsigned col, const char *fmt,
            ...)
{
	if (!e || e->code)
		return -1;
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	e->code = code;
	e->msg = xstrdup(buf);
	if (file && line && col)
		e->where = xasprintf("%s:%u:%u", file, line, col);
	else if (file && line)
		e->where = xasprintf("%s:%u", file, line);
	else if (file)
		e->where = xstrdup(file);
	return -1;
}

void err_clear(struct err *e)
{
	free(e->where);
	free(e->msg);
	e->where = e->msg = NULL;
	e->code = 0;
}

void err_print(const struct err *e)
{
	if (!e->code)
		return;
	if (e->where)
		fprintf(stderr, "%s: error: %s\n", e->where, e->msg ? e->msg : "");
	else
		fprintf(stderr, "arena-rewrite: error: %s\n", e->msg ? e->msg : "");
}

void err_text_pos(const char *text, const char *at, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (const char *p = text; at && p < at && *p; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int err_take_first(struct err *errs, size_t n, struct err *e)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (errs[i].code && !rc) {
			*e = errs[i];
			memset(&errs[i], 0, sizeof(errs[i]));
			rc = -1;
		}
		err_clear(&errs[i]);
	}
	return rc;
}
