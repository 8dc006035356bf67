/* A scoped helper that copies its input and returns a count computed from the copy (a digit sum of
 * a normalised copy, as validators of card numbers or ISBNs do); the scope returns the total.
 * Nothing but an int leaves either function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int digit_sum(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	int sum = 0;
	for (char *p = d; *p; p++)
		if (*p >= '0' && *p <= '9')
			sum += *p - '0';
	free(d);
	return sum;
}

static int check_record(const char *a, const char *b)
{
	return digit_sum(a) * 100 + digit_sum(b);
}

int main(void)
{
	printf("%d\n", check_record("a1b2c3", "99"));
	return 0;
}
