#include <stdio.h>

void app_init(void);
int app_work(const char *word);

int main(int argc, char **argv)
{
	int total = 0;
	app_init();
	for (int i = 1; i < argc; i++)
		total += app_work(argv[i]);
	printf("%d\n", total);
	return 0;
}
