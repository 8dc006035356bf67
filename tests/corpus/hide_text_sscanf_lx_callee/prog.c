/* handle_of(): "%p" text then sscanf("%lx") back to a number inside a callee; the number kept globally */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct obj { int v; };
static unsigned long handle;
static unsigned long handle_of(const void *p) { char b[32]; unsigned long v = 0; snprintf(b, sizeof b, "%p", p); sscanf(b, "%lx", &v); return v; }
static struct obj *make_obj(int v) { struct obj *o = malloc(sizeof *o); o->v = v; return o; }
static int reg_obj(int v) { struct obj *o = make_obj(v); handle = handle_of(o); return o->v; }
int main(void) { printf("%d\n", reg_obj(8)); struct obj *o = (struct obj *)(uintptr_t)handle; printf("%d\n", o->v); free(o); return 0; }
