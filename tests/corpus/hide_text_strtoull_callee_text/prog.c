/* the callee writes "%p" text into the scope's local; the scope parses it with strtoull and keeps the number */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct obj { int v; };
static unsigned long long handle;
static void name_of(char *b, size_t n, const void *p) { snprintf(b, n, "%p", p); }
static struct obj *make_obj(int v) { struct obj *o = malloc(sizeof *o); o->v = v; return o; }
static int reg_obj(int v) { struct obj *o = make_obj(v); char b[32]; name_of(b, sizeof b, o); handle = strtoull(b, NULL, 16); return o->v; }
int main(void) { printf("%d\n", reg_obj(3)); struct obj *o = (struct obj *)(uintptr_t)handle; printf("%d\n", o->v); free(o); return 0; }
