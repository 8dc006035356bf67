/* h04 neighbour: a callee returns box(p).bits (member of a returned union); the scope stores the result globally */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
union val { void *p; uint64_t bits; };
static uint64_t slot_bits;
static union val box(void *p) { union val v; v.p = p; return v; }
static uint64_t tobits(void *p) { return box(p).bits; }
static int *make_val(int x) { int *p = malloc(sizeof *p); *p = x; return p; }
static int box_value(int x) { int *p = make_val(x); slot_bits = tobits(p); return *p; }
int main(void) { printf("%d\n", box_value(5)); union val v; v.bits = slot_bits; printf("%d\n", *(int *)v.p); free(v.p); return 0; }
