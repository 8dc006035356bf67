/* Shape of systemd's and util-linux's asprintf users: paths are built with asprintf (libc
 * allocates the result), tested, and freed, next to scratch copies made with strdup. SAFE: the
 * asprintf results are libc heap memory and their frees stay real frees; the strdup copies die
 * with unit_paths' arena. A tool that refuses it, or takes asprintf's result for arena memory,
 * is wrong. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_paths(const char *const *units, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++) {
		char *base = strdup(units[i]);
		char *dot = strrchr(base, '.');
		if (dot)
			*dot = '\0';
		char *path;
		if (asprintf(&path, "/run/systemd/units/%s.d/%s.conf", units[i], base) < 0) {
			free(base);
			return -1;
		}
		printf("%s\n", path);
		total += (int)strlen(path);
		free(path);
		free(base);
	}
	return total;
}

int main(void)
{
	const char *units[] = {"ssh.service", "cron.timer"};
	printf("%d bytes\n", unit_paths(units, 2));
	return 0;
}
