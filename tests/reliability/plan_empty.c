/*
 * plan_finish on a plan with nothing to rewrite, with plan.c built under UBSan (issue 14,
 * item 15): qsort(NULL, 0, ...) there is undefined behaviour, and -fno-sanitize-recover makes
 * it a failure of this test instead of a line on stderr.
 */
#include "edit.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct plan p;
	memset(&p, 0, sizeof(p));
	struct edit_set *sets = NULL;
	size_t n = plan_finish(&p, &sets);
	free(sets);
	plan_free(&p);
	return n == 0 ? 0 : 1;
}
