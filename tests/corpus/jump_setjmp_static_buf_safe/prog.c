/* Shape of a recursive-descent parser's error exit (the one-shot parsers of bc, jq's old
 * lexer, many config readers): parse_line setjmps a file-scope `static jmp_buf` and the
 * parser's helpers longjmp to it on a syntax error. SAFE: only parse_line setjmps the buffer,
 * nothing else writes it or takes its address, and parse_line is never active twice at once:
 * every longjmp lands in parse_line's one activation, which owns the scope arena and frees the
 * tokens on both paths. */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf syntax_error;

static char *tok_dup(const char *s, size_t n)
{
	char *t = malloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

static long number(const char **p)
{
	if (!isdigit((unsigned char)**p))
		longjmp(syntax_error, 1);
	long v = 0;
	while (isdigit((unsigned char)**p))
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static long parse_line(const char *line)
{
	char *toks[8];
	volatile int nt = 0; /* changed after setjmp, read after the longjmp */
	const char *p = line;
	if (setjmp(syntax_error)) {
		printf("syntax error in '%s' after %d tokens\n", line, nt);
		for (int i = 0; i < nt; i++)
			free(toks[i]);
		return -1;
	}
	long sum = 0;
	while (*p && nt < 8) {
		const char *start = p;
		sum += number(&p);
		toks[nt++] = tok_dup(start, (size_t)(p - start));
		if (*p == '+')
			p++;
	}
	for (int i = 0; i < nt; i++) {
		printf("%s%s", i ? " + " : "", toks[i]);
		free(toks[i]);
	}
	printf(" = %ld\n", sum);
	return sum;
}

int main(void)
{
	parse_line("1+22+333");
	parse_line("4+x");
	parse_line("50");
	return 0;
}
