/* Shape of yajl's value_alloc(yajl_type type) (yajl_tree.c) and similar node constructors that
 * take an enum and allocate a whole node, which --profile lists as an allocation wrapper. A rules
 * file names it with kind malloc, as a user following the profile's hint would. UNSAFE: a malloc
 * kind means "the argument is a size", so value_alloc(V_STRING) becomes an arena allocation of
 * 2 bytes (the enum's value) for a 24-byte node, and every store into the node overflows it. The
 * rule contradicts the code (an enum parameter, not a size_t): the tool should reject the rules
 * file (exit 2) naming the rule and the signature. A wrong acceptance is a heap/arena overflow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum vtype { V_NULL, V_NUMBER, V_STRING };

struct value {
	enum vtype type;
	long number;
	char *string;
};

static struct value *value_alloc(enum vtype type)
{
	struct value *v = malloc(sizeof *v);
	if (!v)
		return NULL;
	memset(v, 0, sizeof *v);
	v->type = type;
	return v;
}

static long sum_values(const char *const *tokens, int n)
{
	long sum = 0;
	for (int i = 0; i < n; i++) {
		struct value *v;
		if (tokens[i][0] >= '0' && tokens[i][0] <= '9') {
			v = value_alloc(V_NUMBER);
			v->number = strtol(tokens[i], NULL, 10);
		} else {
			v = value_alloc(V_STRING);
			v->string = (char *)tokens[i];
			v->number = (long)strlen(v->string);
		}
		sum += v->number;
		free(v);
	}
	return sum;
}

int main(void)
{
	const char *t[] = {"12", "abc", "30"};
	printf("%ld\n", sum_values(t, 3));
	return 0;
}
