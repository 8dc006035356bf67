/* Handlers take ownership of their argument. Handlers named by string and found with dlsym (GtkBuilder's signal handlers through GModule,
 * plugin hooks named in a config file): the program defines the handlers but never takes their
 * address; another handler of the same type is registered directly as the default. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*handler_fn)(const char *arg);

static const char *remembered[4];
static int nremembered;

void on_remember(const char *arg)
{
	remembered[nremembered++] = arg;
}

static void on_print(const char *arg)
{
	printf("print %s\n", arg);
	free((char *)arg);
}

static handler_fn default_handler = on_print;

static handler_fn find_handler(const char *name)
{
	handler_fn f = (handler_fn)dlsym(RTLD_DEFAULT, name);
	return f ? f : default_handler;
}

static void dispatch(const char *name, const char *word)
{
	char *arg = strdup(word);
	handler_fn f = find_handler(name);
	f(arg);
}

int main(void)
{
	dispatch("on_print", "one");
	dispatch("on_remember", "two");
	dispatch("on_remember", "three");
	for (int i = 0; i < nremembered; i++) {
		printf("remembered %s\n", remembered[i]);
		free((char *)remembered[i]);
	}
	return 0;
}
