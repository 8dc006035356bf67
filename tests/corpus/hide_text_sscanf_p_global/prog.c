/* "%p" text in a local and sscanf("%p") straight back into a global void * (GDB/MI and Tcl handles parsed back) */
#include <stdio.h>
#include <stdlib.h>
struct obj { int v; };
static void *handle_ptr;
static struct obj *make_obj(int v) { struct obj *o = malloc(sizeof *o); o->v = v; return o; }
static int reg_obj(int v) { struct obj *o = make_obj(v); char b[32]; snprintf(b, sizeof b, "%p", (void *)o); sscanf(b, "%p", &handle_ptr); return o->v; }
int main(void) { printf("%d\n", reg_obj(4)); struct obj *o = handle_ptr; printf("%d\n", o->v); free(o); return 0; }
