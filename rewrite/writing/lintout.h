/*
 * lintout: the lint's report in its three formats (docs/cli.md, --format).
 *
 *   text   `PATH:LINE:COL: error|warning: MESSAGE [RULE-ID]`, then `PATH:LINE:COL: note:
 *          allocated here` when the allocation site is known; PATH relative to the current
 *          folder, as compilers print it, so editors jump to it.
 *   json   {"findings": [...], "errors": N, "warnings": M}, built with cJSON.
 *   sarif  SARIF 2.1.0 as GitHub code scanning takes it: one run, tool.driver with version and
 *          every rule (id, name, shortDescription, fullDescription, help, defaultConfiguration),
 *          results with ruleId, ruleIndex, level, message, one location (uri relative to the
 *          current folder, the source root, under uriBaseId %SRCROOT%; region start/end line and
 *          column, end exclusive) and the allocation site as relatedLocations[0].
 *
 * The findings are read, not kept; every function returns a malloc'd NUL-terminated string.
 */
#ifndef ARW_LINTOUT_H
#define ARW_LINTOUT_H

#include <stddef.h>

struct esc_finding;

char *lintout_text(const struct esc_finding *v, size_t n);
char *lintout_json(const struct esc_finding *v, size_t n);
char *lintout_sarif(const struct esc_finding *v, size_t n, const char *tool_version);

#endif
