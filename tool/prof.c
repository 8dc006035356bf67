/* Placeholder until the profile reader lands (issue 6). */
#include "prof.h"
#include "err.h"

int prof_main(const struct prof_opts *o, const struct rules *r, struct err *e)
{
	(void)r;
	return err_set(e, ERR_INPUT, o->path, 0, 0, "--profile is not implemented yet");
}
