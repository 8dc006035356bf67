/* Shape of dd's and rsync's progress report on SIGUSR1/SIGINFO (coreutils dd.c's
 * print_stats from the handler, rsync's progress.c): while a copy runs, a file-scope static
 * points at the name of the file being copied; the handler prints it; the copy clears the
 * static before it returns. Here the copy raises the signal itself, as a user's `kill -USR1`
 * would from outside. SAFE: the handler only reads the name, while the copy's arena is live,
 * and the static holds nothing when the copy returns, so no one can read it after the arena is
 * gone. A tool that refuses every store of arena memory into a global that a signal handler
 * reads is over-cautious. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *volatile copying;
static volatile sig_atomic_t reports;

static char *path_join(const char *dir, const char *base)
{
	char *p = malloc(strlen(dir) + strlen(base) + 2);
	strcpy(p, dir);
	strcat(p, "/");
	strcat(p, base);
	return p;
}

static void on_usr1(int sig)
{
	(void)sig;
	const char *n = copying;
	if (n) {
		write(1, "copying ", 8);
		write(1, n, strlen(n));
		write(1, "\n", 1);
	}
}

static long copy_one(const char *dir, const char *base, long size)
{
	char *path = path_join(dir, base);
	copying = path;
	long done = 0;
	while (done < size) {
		done += 4096;
		if (done >= 8192 && done < 12288)
			raise(SIGUSR1);
	}
	copying = NULL;
	printf("%s: %ld bytes\n", path, size);
	free(path);
	return size;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	long total = copy_one("/src", "a.bin", 10000);
	total += copy_one("/src", "b.bin", 20000);
	raise(SIGUSR1);
	printf("%ld total, %d reports\n", total, (int)reports);
	return 0;
}
