/* Shape of interpreters whose errors are longjmps to a protected call (Lua's luaD_throw to
 * luaD_rawrunprotected, bc's and awk's error recovery to the top loop): eval_line copies each
 * token into a scratch buffer, frees it, and calls error() on a bad token, which longjmps back
 * to the read loop in main. UNSAFE: a longjmp out of eval_line skips the arena's release in both
 * exit styles (neither the cleanup attribute nor an inserted release runs), so the arena's block,
 * still holding the earlier tokens' space, leaks on every error. A wrong acceptance leaks the
 * arena (LeakSanitizer in the arena build). */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf top_level;

static void error(const char *what)
{
	printf("error: %s\n", what);
	longjmp(top_level, 1);
}

static long eval_line(const char *line)
{
	long sum = 0;
	const char *p = line;
	while (*p) {
		size_t n = strcspn(p, "+");
		char *tok = strndup(p, n);
		int ok = n > 0 && isdigit((unsigned char)tok[0]);
		if (ok)
			sum += strtol(tok, NULL, 10);
		free(tok);
		if (!ok)
			error("not a number");
		p += n;
		if (*p == '+')
			p++;
	}
	return sum;
}

static int run(const char *line, long *out)
{
	if (setjmp(top_level) != 0)
		return -1;
	*out = eval_line(line);
	return 0;
}

int main(void)
{
	const char *lines[] = {"1+2+3", "4+x+5", "10+20"};
	for (int i = 0; i < 3; i++) {
		long v = 0;
		if (run(lines[i], &v) == 0)
			printf("%s = %ld\n", lines[i], v);
	}
	return 0;
}
