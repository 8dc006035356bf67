/* "%lu" text of the address in a local, atoll() back into a global id (Redis CLIENT ID style text ids) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct obj { int v; };
static long long id;
static struct obj *make_obj(int v) { struct obj *o = malloc(sizeof *o); o->v = v; return o; }
static int reg_obj(int v) { struct obj *o = make_obj(v); char b[32]; snprintf(b, sizeof b, "%lu", (unsigned long)(uintptr_t)o); id = atoll(b); return o->v; }
int main(void) { printf("%d\n", reg_obj(2)); struct obj *o = (struct obj *)(uintptr_t)id; printf("%d\n", o->v); free(o); return 0; }
