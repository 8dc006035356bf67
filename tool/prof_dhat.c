/*
 * prof_dhat: valgrind DHAT output (`valgrind --tool=dhat`, dhatFileVersion 2) into prof_data.
 *
 * The file is one JSON object: "ftbl" is the frame table (strings, entry 0 is "[root]"), and
 * each of "pps" (program points) is a whole stack with its totals: "fs" lists ftbl indices
 * innermost first, "tbk"/"tb" are blocks/bytes allocated there, "tl" the blocks' summed
 * lifetime in the unit "tu" (present when "bklt" is true). Only "heap" mode counts allocations;
 * copy and ad-hoc mode count other events and are refused rather than misread.
 *
 * DHAT quirks that need nothing here but are worth knowing (prof.c handles them by rule):
 * a realloc is counted as another block of the program point that first allocated it; strdup
 * shows malloc in frame 0 and strdup in frame 1; an inlined function gets its own frame with
 * its caller's address; clone suffixes (.constprop.0) appear when the symbol table names the
 * frame. Everything is validated (types, index ranges, number ranges): a bad file is an error
 * naming what was wrong, never a crash or a silently wrong list.
 */
#include "prof_read.h"
#include "err.h"
#include "jsonx.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest count taken as exact: beyond this a double no longer converts to uint64 safely. */
#define DHAT_MAX_COUNT 9.0e18

/* Whether the head of the file names DHAT's version key: a broken file is then called a broken
 * DHAT profile, which tells the user more than "broken JSON". DHAT writes it first. */
static int mentions_dhat(const char *text, size_t len)
{
	static const char key[] = "\"dhatFileVersion\"";
	size_t k = sizeof(key) - 1, lim = len < 4096 ? len : 4096;
	for (size_t i = 0; i + k <= lim; i++)
		if (!memcmp(text + i, key, k))
			return 1;
	return 0;
}

/* A count field: a finite, non-negative number. Absent fields read as 0 when optional.
 * -1: missing or not such a number; -2: a number beyond DHAT_MAX_COUNT. */
static int get_count(const cJSON *pp, const char *key, int required, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(pp, key);
	*out = 0;
	if (!v)
		return required ? -1 : 0;
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || isnan(v->valuedouble))
		return -1;
	if (v->valuedouble > DHAT_MAX_COUNT)
		return -2;
	*out = v->valuedouble;
	return 0;
}

/* The first bad count field of pp: its name in *key and get_count's verdict, or 0. */
static int check_counts(const cJSON *pp, double *tb, double *tbk, double *tl, const char **key)
{
	int r;
	if ((r = get_count(pp, *key = "tbk", 1, tbk)) || (r = get_count(pp, *key = "tb", 1, tb)) ||
	    (r = get_count(pp, *key = "tl", 0, tl)))
		return r;
	return 0;
}

static int read_pps(struct prof_data *d, const cJSON *pps, size_t nftbl, const char *path, int bklt,
                    struct err *e)
{
	size_t *idx = NULL, cap = 0;
	int rc = 0, i = 0;
	const cJSON *pp;
	cJSON_ArrayForEach(pp, pps)
	{
		double tb, tbk, tl;
		const char *key = "";
		const cJSON *fs = cJSON_GetObjectItemCaseSensitive(pp, "fs");
		int bad = cJSON_IsObject(pp) ? check_counts(pp, &tb, &tbk, &tl, &key) : -1;
		if (bad == -2) {
			rc = err_set(e, ERR_INPUT, path, 0, 0,
			             "malformed DHAT profile: pps[%d]: \"%s\" is out of range (at "
			             "most %.0e)",
			             i, key, DHAT_MAX_COUNT);
			break;
		}
		if (bad) {
			rc = err_set(e, ERR_INPUT, path, 0, 0,
			             "malformed DHAT profile: pps[%d] needs non-negative numbers "
			             "\"tb\" and \"tbk\"",
			             i);
			break;
		}
		if (!cJSON_IsArray(fs)) {
			rc = err_set(e, ERR_INPUT, path, 0, 0,
			             "malformed DHAT profile: pps[%d] has no \"fs\" frame list", i);
			break;
		}
		size_t n = 0;
		const cJSON *f;
		cJSON_ArrayForEach(f, fs)
		{
			double v = cJSON_IsNumber(f) ? f->valuedouble : -1;
			if (!(v >= 0 && v < (double)nftbl) || (double)(size_t)v != v) {
				rc = err_set(
				    e, ERR_INPUT, path, 0, 0,
				    "malformed DHAT profile: pps[%d].fs[%zu] is not an index "
				    "into \"ftbl\" (%zu entries)",
				    i, n, nftbl);
				goto out;
			}
			size_t k = (size_t)v;
			if (k == 0)
				continue; /* "[root]" is no frame of the program */
			GROW(idx, n, cap);
			idx[n++] = k - 1; /* frames were added from ftbl[1] on */
		}
		prof_add_stack(d, idx, n, (uint64_t)tbk, (uint64_t)tb, bklt ? tl : 0);
		double gb = 0;
		if (!get_count(pp, "gb", 0, &gb) && cJSON_GetObjectItemCaseSensitive(pp, "gb")) {
			d->has_peak = 1;
			d->peak_bytes = prof_add_sat(d->peak_bytes, (uint64_t)gb);
		}
		i++;
	}
out:
	free(idx);
	return rc;
}

int prof_read_dhat(struct prof_data *d, const char *text, size_t len, const char *path,
                   struct err *e)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		unsigned line, col;
		err_text_pos(text, end, &line, &col);
		/* cJSON stops at (or just before) the end of a cut-off document. */
		const char *tail = text + len;
		while (tail > text && (tail[-1] == ' ' || tail[-1] == '\n' || tail[-1] == '\r' ||
		                       tail[-1] == '\t'))
			tail--;
		const char *what = mentions_dhat(text, len) ? "DHAT profile" : "JSON profile";
		if (end && end + 1 >= tail)
			return err_set(e, ERR_INPUT, path, line, col,
			               "malformed %s: the JSON ends early (truncated file?)", what);
		return err_set(e, ERR_INPUT, path, line, col, "malformed %s: invalid JSON here",
		               what);
	}
	const char *what = mentions_dhat(text, len) ? "DHAT profile" : "JSON profile";
	if (jsonx_check(text, len, end, path, what, e)) {
		cJSON_Delete(root);
		return -1;
	}
	int rc = 0;
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "dhatFileVersion");
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(root, "mode");
	const cJSON *pps = cJSON_GetObjectItemCaseSensitive(root, "pps");
	const cJSON *ftbl = cJSON_GetObjectItemCaseSensitive(root, "ftbl");
	const cJSON *tu = cJSON_GetObjectItemCaseSensitive(root, "tu");
	const cJSON *bklt = cJSON_GetObjectItemCaseSensitive(root, "bklt");
	if (!cJSON_IsObject(root) || !ver) {
		rc = err_set(e, ERR_INPUT, path, 0, 0,
		             cJSON_GetObjectItemCaseSensitive(root, "hotspots")
		                 ? "unknown profile format: this is a hotspot list (give it to "
		                   "--hotspots), not a profile"
		                 : "unknown profile format: JSON, but not a valgrind DHAT profile "
		                   "(no \"dhatFileVersion\")");
		goto out;
	}
	if (!cJSON_IsNumber(ver) || ver->valuedouble != 2) {
		rc = err_set(e, ERR_INPUT, path, 0, 0,
		             "unsupported DHAT profile: dhatFileVersion must be 2 (valgrind 3.15 "
		             "and later)");
		goto out;
	}
	if (mode && !(cJSON_IsString(mode) && !strcmp(mode->valuestring, "heap"))) {
		rc = err_set(e, ERR_INPUT, path, 0, 0,
		             "DHAT profile in mode \"%s\" counts %s, not heap allocations: run "
		             "valgrind --tool=dhat without --mode",
		             cJSON_IsString(mode) ? mode->valuestring : "?",
		             cJSON_IsString(mode) && !strcmp(mode->valuestring, "copy")
		                 ? "copies"
		                 : "other events");
		goto out;
	}
	if (!cJSON_IsArray(pps) || !cJSON_IsArray(ftbl)) {
		rc = err_set(e, ERR_INPUT, path, 0, 0,
		             "malformed DHAT profile: needs the arrays \"pps\" and \"ftbl\"");
		goto out;
	}
	size_t nftbl = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, ftbl)
	{
		if (!cJSON_IsString(f)) {
			rc = err_set(e, ERR_INPUT, path, 0, 0,
			             "malformed DHAT profile: ftbl[%zu] is not a string", nftbl);
			goto out;
		}
		if (nftbl++ > 0) /* ftbl[0] is "[root]" */
			prof_add_frame(d, f->valuestring, strlen(f->valuestring));
	}
	d->format = "dhat";
	d->has_bytes = 1;
	d->has_life = cJSON_IsTrue(bklt);
	if (d->has_life && cJSON_IsString(tu))
		d->life_unit = prof_intern(d, tu->valuestring, strlen(tu->valuestring));
	const cJSON *te = cJSON_GetObjectItemCaseSensitive(root, "te");
	if (d->has_life && cJSON_IsNumber(te) && te->valuedouble > 0 && te->valuedouble < 9e18)
		d->t_end = te->valuedouble; /* only a scale for estimates: a bad one is ignored */
	rc = read_pps(d, pps, nftbl, path, d->has_life, e);
out:
	cJSON_Delete(root);
	return rc;
}
