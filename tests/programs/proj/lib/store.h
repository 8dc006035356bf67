/* The library both programs link: copies of strings. report_oom is each program's own. */
#ifndef STORE_H
#define STORE_H
char *store_dup(const char *s);
void store_free(char *p);
void report_oom(void);
#endif
