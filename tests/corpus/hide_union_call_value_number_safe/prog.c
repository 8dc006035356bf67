/* Idiom: a tagged value returned by value (Lua's TValue, jq's jv): the number members of a
 * value that holds a number, and the tag of one that holds a string, are kept past the request;
 * the string itself is freed in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef union {
	char *s;
	long long i;
} value_u;
typedef struct {
	value_u v;
	int tag;
} tvalue;

static long long sum;
static int last_tag;

static tvalue num_value(long long i)
{
	tvalue o;
	o.v.i = i;
	o.tag = 1;
	return o;
}

static tvalue str_value(char *s)
{
	tvalue o;
	o.v.s = s;
	o.tag = 2;
	return o;
}

static char *str_new(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void eval(const char *word, long long n)
{
	tvalue w = str_value(str_new(word));
	sum += num_value(n).v.i;
	sum += (long long)strlen(w.v.s);
	last_tag = w.tag;
	free(w.v.s);
}

int main(void)
{
	eval("alpha", 10);
	eval("beta", 20);
	printf("%lld %d\n", sum, last_tag);
	return 0;
}
