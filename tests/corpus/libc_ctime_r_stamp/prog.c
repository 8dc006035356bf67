/* Shape of listing and logging code that formats a time with ctime_r(t, buf) into a buffer it
 * allocates and keeps the returned string with the entry (ls-like listings, busybox's syslogd
 * timestamp); the entry's owner frees it. UNSAFE: ctime_r returns its second argument; with
 * the buffer in stamp_entry's arena, e.when points into memory released when stamp_entry
 * returns. A wrong acceptance prints freed memory and frees arena memory with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct entry {
	const char *name;
	char *when;
};

static void stamp_entry(struct entry *e, time_t t)
{
	char *buf = malloc(32);
	e->when = ctime_r(&t, buf);
	if (!e->when) {
		free(buf);
		return;
	}
	e->when[strcspn(e->when, "\n")] = '\0';
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	struct entry es[2] = {{"boot", NULL}, {"login", NULL}};
	stamp_entry(&es[0], (time_t)0);
	stamp_entry(&es[1], (time_t)86400 * 365);
	for (int i = 0; i < 2; i++) {
		printf("%s at %s\n", es[i].name, es[i].when ? es[i].when : "?");
		free(es[i].when);
	}
	return 0;
}
