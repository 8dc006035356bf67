#include <ctype.h>

int op_up(char *s)
{
	int n = 0;
	for (; *s; s++, n++)
		*s = (char)toupper((unsigned char)*s);
	return n;
}
