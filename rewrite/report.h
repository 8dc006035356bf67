/*
 * report: the JSON summary of a rewrite (--report FILE), written with cJSON.
 *
 * One entry per hotspot of the list, in list order: its function, file and scope as given,
 * a status (rewritten, unchanged, refused, not-found), the definitions found, and every call
 * site seen, rewritten (with the runtime function it became) or skipped (with the reason).
 */
#ifndef ARW_REPORT_H
#define ARW_REPORT_H

struct err;
struct hotlist;
struct plan;

/* The report as a JSON string (malloc'd). */
char *report_json(const struct plan *p, const struct hotlist *hl);

#endif
