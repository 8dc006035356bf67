#include "shared.h"
#include <stdio.h>
char *g_keep;
size_t in_b(const char *s);
int main(void)
{
	printf("%zu %zu\n", measure("hello"), in_b("world!"));
	free(g_keep);
	return 0;
}
