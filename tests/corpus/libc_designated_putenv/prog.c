/* A local array built with array designators ({[0] = ...}) whose element goes to putenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_kv(const char *k, const char *v)
{
	size_t n = strlen(k) + strlen(v) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s=%s", k, v);
	return p;
}

static void load_env(const char *k, const char *v)
{
	char *kv[2] = {[0] = dup_kv(k, v), [1] = NULL};
	putenv(kv[0]);
	printf("set %s\n", kv[0]);
}

int main(void)
{
	load_env("ATTACK3_D", "one");
	printf("D=%s\n", getenv("ATTACK3_D"));
	return 0;
}
