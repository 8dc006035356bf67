/* Lua TValue / GValue: a callee builds a union { void *p; uint64_t bits; } and returns it by value; the caller keeps .bits in a global */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
union val { void *p; uint64_t bits; };
static uint64_t slot_bits;
static union val box(void *p) { union val v; v.p = p; return v; }
static int *make_val(int x) { int *p = malloc(sizeof *p); *p = x; return p; }
static int box_value(int x) { int *p = make_val(x); slot_bits = box(p).bits; return *p; }
int main(void) { printf("%d\n", box_value(5)); union val v; v.bits = slot_bits; printf("%d\n", *(int *)v.p); free(v.p); return 0; }
