/* Shape of allocator aliases made with object-like macros (lua's l_free, SQLite's
 * #define sqlite3_free free in some amalgamation configurations, zlib's zcfree): count_keys
 * releases its copies through mem_free, a macro that is the name free. UNSAFE as rewritten
 * today: the copies become arena memory, and the call's callee is spelled through the macro, so
 * it is left alone without a refusal and libc free receives arena memory. A wrong acceptance
 * crashes in free (ASan: attempting free on address which was not malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define mem_free free

static int count_keys(const char *const *lines, int n)
{
	int keys = 0;
	for (int i = 0; i < n; i++) {
		char *c = strdup(lines[i]);
		keys += strchr(c, '=') != NULL;
		mem_free(c);
	}
	return keys;
}

int main(void)
{
	const char *l[] = {"a=1", "# comment", "b = 2"};
	printf("%d keys\n", count_keys(l, 3));
	return 0;
}
