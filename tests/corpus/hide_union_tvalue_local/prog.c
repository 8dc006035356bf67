/* Lua lobject.h TValue { tt; union Value { void *p; lua_Integer i; } value_; } built by a callee (setpvalue) and returned; value_.i kept */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef union Value { void *p; long long i; } Value;
typedef struct TValue { Value value_; int tt_; } TValue;
static long long stack_top_i;
static TValue setpvalue(void *p) { TValue o; o.value_.p = p; o.tt_ = 2; return o; }
static char *make_str(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static int push_value(const char *s) { TValue o = setpvalue(make_str(s)); stack_top_i = o.value_.i; return o.tt_; }
int main(void) { printf("%d\n", push_value("lua")); Value v; v.i = stack_top_i; printf("%s\n", (char *)v.p); free(v.p); return 0; }
