/* The same shape as call_signal_progress_cleared_safe (dd's and rsync's progress report on
 * SIGUSR1), with a handler that also keeps a short history of what it reported, printed and
 * freed when the program ends (a "last files seen" list, as a progress meter's summary does):
 * a reported name belongs to the history. UNSAFE once the name is arena memory: the copy
 * clears the static before it returns, but the handler has copied the pointer into the
 * history, which is read after the copy's arena is gone. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *volatile copying;
static char *volatile history[4];
static volatile sig_atomic_t nhist;

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
	char *n = copying;
	if (n && nhist < 4)
		history[nhist++] = n;
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
	int kept = 0;
	for (int i = 0; i < nhist; i++)
		kept |= history[i] == path;
	if (!kept)
		free(path);
	return size;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	long total = copy_one("/src", "a.bin", 10000);
	total += copy_one("/src", "b.bin", 20000);
	printf("%ld total\n", total);
	for (int i = 0; i < nhist; i++) {
		printf("reported %d: %s\n", i, history[i]);
		free(history[i]);
	}
	return 0;
}
