/* Shape of a parser that names the input it is reading in a file-scope static for its error
 * messages (flex/bison scanners' current file name, bc's file name for errors) and bails out
 * with longjmp to the parse function's setjmp. The normal path clears the static and frees the
 * name; the error path leaves both to the caller, which reports the failing file at the end
 * and frees the name. UNSAFE once the name is scope memory: the store is cleared on the normal
 * path only, and after the jump the static still holds the name when the scope's arena is
 * gone. The walk does not follow the jump to the setjmp's path, so a store pending at a jump
 * back into the function is a finding. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf bail;
static char *cur_file;

static char *name_dup(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static void expect_digit(char c)
{
	if (c < '0' || c > '9')
		longjmp(bail, 1);
}

static int parse(const char *file, const char *text)
{
	if (setjmp(bail))
		return -1;
	char *name = name_dup(file);
	cur_file = name;
	int sum = 0;
	for (const char *p = text; *p; p++) {
		expect_digit(*p);
		sum += *p - '0';
	}
	cur_file = NULL;
	free(name);
	return sum;
}

int main(void)
{
	printf("%d\n", parse("a.txt", "123"));
	printf("%d\n", parse("b.txt", "4x"));
	if (cur_file) {
		printf("syntax error in %s\n", cur_file);
		free(cur_file);
	}
	return 0;
}
