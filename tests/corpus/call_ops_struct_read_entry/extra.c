#include "plug.h"
int plug_run(const struct plug_ops *ops, const char *const *items, int n)
{
	int kept = 0;
	for (int i = 0; i < n; i++)
		kept += ops->on_item(items[i]);
	return kept;
}
