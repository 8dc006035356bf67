/* Shape of less's and a shell's command loop (less command.c, dash main.c): the loop in main
 * points a file-scope `static sigjmp_buf *` at its own buffer; a command the loop runs copies
 * its argument and a validator below siglongjmps back to the loop on bad input. UNSAFE once the
 * command is a scope: the jump lands in main, above the command's frame, so the command's arena
 * is never released (and stays the current one for everything main allocates next). The
 * buffer's only setter is main, which is never active twice, yet the scope is not main. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sigjmp_buf *top;
static int done;

static char *dup_arg(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static void validate(const char *d)
{
	if (d[0] == '-')
		siglongjmp(*top, 1);
}

static void run_cmd(const char *s)
{
	char *d = dup_arg(s);
	printf("running %s\n", d);
	free(d);
	validate(s);
	done++;
}

int main(void)
{
	static const char *const cmds[] = {"ls", "-bad", "cat"};
	sigjmp_buf jb;
	volatile int i = 0;
	top = &jb;
	if (sigsetjmp(jb, 1)) {
		printf("bad command %s\n", cmds[i]);
		i++;
	}
	for (; i < 3; i++)
		run_cmd(cmds[i]);
	char *last = dup_arg("end");
	printf("%d done, %s\n", done, last);
	free(last);
	return 0;
}
