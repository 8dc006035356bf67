/* Shape of interactive tools that abandon the current command on a signal with siglongjmp back
 * to the prompt (ed and bc's interrupt handling, the sigsetjmp/siglongjmp pair busybox's shells
 * and less use): checksum_files, a command, processes names one at a time with scratch copies
 * made by dup_name (a hotspot with checksum_files as its scope), and a signal raised while
 * processing (here raise(SIGUSR1) on the "stop" entry, standing for SIGINT) jumps out of it back
 * to the prompt. UNSAFE: siglongjmp out of the scope skips arena_scope_end in both exit styles,
 * so the arena leaks and stays on the thread's stack of scopes as a dead stack variable, which
 * the next command's scope links to and pops back to. A wrong acceptance crashes or corrupts
 * memory at the next allocation made outside every scope (dup_name in main). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sigjmp_buf prompt;

static void on_interrupt(int sig)
{
	(void)sig;
	siglongjmp(prompt, 1);
}

static char *dup_name(const char *s)
{
	return strdup(s);
}

static unsigned checksum_files(const char *const *names, int n)
{
	unsigned sum = 0;
	for (int i = 0; i < n; i++) {
		char *copy = dup_name(names[i]);
		for (char *c = copy; *c; c++)
			sum = sum * 31u + (unsigned char)*c;
		int stop = strcmp(copy, "stop") == 0;
		free(copy);
		if (stop)
			raise(SIGUSR1);
	}
	return sum;
}

static int command(const char *const *names, int n, unsigned *out)
{
	if (sigsetjmp(prompt, 1) != 0)
		return -1;
	*out = checksum_files(names, n);
	return 0;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigaction(SIGUSR1, &sa, NULL);
	const char *a[] = {"alpha", "beta"};
	const char *b[] = {"gamma", "stop", "delta"};
	unsigned s = 0;
	int r = command(a, 2, &s);
	printf("a: %d %08x\n", r, s);
	s = 0;
	r = command(b, 3, &s);
	printf("b: %d %08x\n", r, s);
	r = command(a, 2, &s);
	printf("a: %d %08x\n", r, s);
	char *last = dup_name("done");
	printf("%s\n", last);
	free(last);
	return 0;
}
