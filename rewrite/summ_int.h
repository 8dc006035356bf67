/*
 * summ_int: what summ.c and summ_json.c share; nothing else includes it. summ.c orders the
 * units, keeps the file table and checks the sources; summ_json.c writes and reads the file.
 */
#ifndef ARW_SUMM_INT_H
#define ARW_SUMM_INT_H

#include "summ.h"

struct esc_sums;

/* ERR_INPUT: the file does not fit this run because of `what`; export them again. */
int summ_mismatch(const struct summ *s, struct err *e, const char *what);
/* Adds a file read by the unit of sorted index `owner` (the lowest owner wins). */
void summ_add_file(struct summ *s, const char *abs, uint64_t hash, size_t owner);
/* The file's units against the run's (ERR_INPUT naming the first difference). */
int summ_check_units(const struct summ *s, const struct summ_unit *got, size_t n, struct err *e);
/* Every file of the table still hashes as exported. */
int summ_check_files(const struct summ *s, struct err *e);
/* Reads s->path: the document, its context, units, files, graph and verdicts, all checked. */
int summ_load(struct summ *s, struct err *e);
/* The loaded summaries added to sums (checked by summ_load). */
void summ_load_sums(const struct summ *s, struct esc_sums *sums);

#endif
