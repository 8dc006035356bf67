/* A chain of six calls between the scope and where the memory goes: the one-line note keeps the
 * first two links and the last two (the list's "why" keeps them all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char *keep[8];
static int nk;
__attribute__((noinline)) static void c6(char *p) { if (nk < 8) keep[nk++] = p; else free(p); }
__attribute__((noinline)) static void c5(char *p) { c6(p); }
__attribute__((noinline)) static void c4(char *p) { c5(p); }
__attribute__((noinline)) static void c3(char *p) { c4(p); }
__attribute__((noinline)) static void c2(char *p) { c3(p); }
__attribute__((noinline)) static void c1(char *p) { c2(p); }
__attribute__((noinline)) static char *mk(int i) { char *p = malloc(8); snprintf(p, 8, "%d", i); return p; }
__attribute__((noinline)) static void work(int i) { c1(mk(i)); }
int main(void) { for (int i = 0; i < 1000; i++) work(i); for (int i = 0; i < nk; i++) { puts(keep[i]); free(keep[i]); } return 0; }
