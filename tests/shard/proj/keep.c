#include "app.h"

void *kept;
void *last_header;

/* The summary of this function (it keeps its argument) is what the other units need. */
void keep(void *p)
{
	kept = p;
}
