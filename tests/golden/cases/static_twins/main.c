#include <stdio.h>

int one_len(const char *s);
int two_len(const char *s);

int main(void)
{
	printf("%d %d\n", one_len("twin"), two_len("twin"));
	return 0;
}
