/* Shape of bash's and less's error recovery (bash builtins/evalstring.c keeps a
 * `static sigjmp_buf *` pointing at the buffer of the function running the command; less's
 * command.c): the function that owns the buffer on its stack points a file-scope static at it
 * and sigsetjmps it; a validator deep below siglongjmps through the static on bad input. SAFE:
 * only try_one ever sets the static, to its own buffer, and try_one is never active twice at
 * once, so every jump lands in the one activation of try_one, whose arena is still live; the
 * error path frees what the good path frees. A tool that refuses every jump through static
 * storage is over-cautious. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sigjmp_buf *cur;

static char *dup_arg(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static void validate(const char *d)
{
	if (d[0] == '-')
		siglongjmp(*cur, 1);
}

static int try_one(const char *s)
{
	sigjmp_buf jb;
	char *d = dup_arg(s);
	cur = &jb;
	if (sigsetjmp(jb, 0)) {
		printf("rejected %s\n", d);
		free(d);
		cur = NULL;
		return -1;
	}
	validate(d);
	printf("accepted %s\n", d);
	free(d);
	cur = NULL;
	return 0;
}

int main(void)
{
	int bad = 0;
	bad += try_one("x") < 0;
	bad += try_one("-y") < 0;
	bad += try_one("z") < 0;
	char *last = dup_arg("done");
	printf("%d rejected, %s\n", bad, last);
	free(last);
	return 0;
}
