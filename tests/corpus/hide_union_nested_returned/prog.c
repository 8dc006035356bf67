/* probe: struct { struct { union { char *p; unsigned long u; } v; } in; } returned by a callee; .in.v.u kept in a global */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct outer { struct { union { char *p; unsigned long u; } v; } in; int tag; };
static unsigned long kept;
static struct outer wrap(char *p) { struct outer o; o.in.v.p = p; o.tag = 1; return o; }
static char *make_str(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static int wrap_value(const char *s) { struct outer o = wrap(make_str(s)); kept = o.in.v.u; return o.tag; }
int main(void) { printf("%d\n", wrap_value("deep")); struct outer o; o.in.v.u = kept; printf("%s\n", o.in.v.p); free(o.in.v.p); return 0; }
