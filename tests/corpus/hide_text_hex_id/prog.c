/* An object handle written as hex text into a message and parsed back with strtoull (a GUI
 * toolkit's window id property, an X11 client message carrying a pointer, Tk's widget
 * handles). UNSAFE: the text names arena memory after the arena is gone. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct win { int w, h; };
static char message[64];

static void post_create(int w, int h)
{
	struct win *x = malloc(sizeof *x);
	x->w = w;
	x->h = h;
	snprintf(message, sizeof message, "created %lx", (unsigned long)(uintptr_t)x);
}

int main(void)
{
	post_create(640, 480);
	struct win *x = (struct win *)(uintptr_t)strtoull(message + 8, NULL, 16);
	printf("%dx%d\n", x->w, x->h);
	free(x);
	return 0;
}
