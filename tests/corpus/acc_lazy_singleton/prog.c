/* Shape of lazily created singletons (git's repo_config/the_repository set up on first use,
 * busybox's G and ptr_to_globals allocated once, redis's server config): the accessor allocates
 * the object once and keeps it in a static pointer; callers store into what it returns. UNSAFE:
 * the object is heap memory reached from static storage through a call; with the values in
 * load_config's arena, the singleton keeps released memory. A wrong acceptance prints freed
 * memory in main and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config {
	char *user;
	char *editor;
};

static struct config *the_config;

static struct config *config(void)
{
	if (!the_config)
		the_config = calloc(1, sizeof *the_config);
	return the_config;
}

static void load_config(const char *text)
{
	char *copy = strdup(text);
	char *sep = strchr(copy, ';');
	if (!sep) {
		free(copy);
		return;
	}
	*sep = '\0';
	config()->user = copy;
	config()->editor = strdup(sep + 1);
}

int main(void)
{
	load_config("alice;vi");
	printf("user %s editor %s\n", config()->user, config()->editor);
	free(config()->user);
	free(config()->editor);
	free(the_config);
	return 0;
}
