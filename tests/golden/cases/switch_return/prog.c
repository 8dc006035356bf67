#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns in switch cases, a default, and a fallthrough. */
static int classify(const char *s)
{
	char *t = malloc(strlen(s) + 1);
	strcpy(t, s);
	switch (t[0]) {
	case 'a':
		return 1;
	case 'b':
	case 'c': {
		int n = (int)strlen(t);
		return 10 + n;
	}
	case 'd':
		if (t[1] == 'x')
			return 20;
		break;
	default:
		return t[0] ? 30 + (t[1] == '\0') : -1;
	}
	return 0;
}

int main(void)
{
	const char *in[] = {"apple", "banana", "cat", "dx", "dog", "zebra", "z", ""};
	for (int i = 0; i < 8; i++)
		printf("%s=%d\n", in[i], classify(in[i]));
	return 0;
}
