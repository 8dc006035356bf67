/* probe for h05: "%p" text into a local and strtoull back, both in the scope function, number kept globally */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct obj { int v; };
static unsigned long long handle;
static struct obj *make_obj(int v) { struct obj *o = malloc(sizeof *o); o->v = v; return o; }
static int reg_obj(int v) { struct obj *o = make_obj(v); char b[32]; snprintf(b, sizeof b, "%p", (void *)o); handle = strtoull(b, NULL, 16); return o->v; }
int main(void) { printf("%d\n", reg_obj(3)); struct obj *o = (struct obj *)(uintptr_t)handle; printf("%d\n", o->v); free(o); return 0; }
