/*
 * report: the JSON summary of a rewrite (--report FILE), written with cJSON.
 *
 * One entry per hotspot of the list, in list order: its function, file and scope as given,
 * a status (rewritten, unchanged, refused, not-found), the definitions found, and every call
 * site seen, rewritten (with the runtime function it became and whether the edit is applied)
 * or skipped (with the reason). Then one entry per scope function (its own sites), the
 * ownership-aware free/realloc of code reachable from a scope, and totals that count each
 * site once, as it ends up in the files.
 */
#ifndef ARW_REPORT_H
#define ARW_REPORT_H

#include <stddef.h>

struct err;
struct hotlist;
struct plan;

/*
 * The counts of a rewrite, defined once (docs/rewrite.md, section 9) for the report's summary
 * and the line an -i run prints: each site once, as it ends up in the files.
 *   rewritten        call sites of accepted hotspots and scopes renamed to a runtime function
 *                    (the same sites as their sites_rewritten lists, teardown removals apart)
 *   ownership_aware  free/realloc calls of other reached code made ownership-aware, applied
 *   removed          teardown walks removed, applied
 *   skipped          sites left alone, with a reason
 *   refused          hotspots and scopes refused
 */
struct report_counts {
	int rewritten, ownership_aware, removed, skipped, refused;
};
void report_count(const struct plan *p, size_t nhot, size_t nscopes, struct report_counts *c);

/* The report as a JSON string (malloc'd); scope_names[k] is scope group hl->n + k. */
char *report_json(const struct plan *p, const struct hotlist *hl, const char *const *scope_names,
                  size_t nscopes);

#endif
