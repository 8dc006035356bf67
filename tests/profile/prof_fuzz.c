/*
 * prof_fuzz: a small deterministic fuzzer for prof_main (tests/profile, issue 6).
 *
 *   prof_fuzz WORKDIR ITERATIONS SEED-FILE...
 *
 * Mutates the seed profiles (byte flips, cuts, inserted JSON and folded-stack tokens, huge
 * numbers, deep nesting) with a fixed xorshift sequence, writes each case to WORKDIR/case and
 * runs prof_main on it. prof_main must return 0 or report ERR_INPUT; a crash, a hang (ctest's
 * timeout) or any other outcome fails the test. Runs in-process so that thousands of cases take
 * a second; the hotspot JSON goes to /dev/null.
 */
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "prof.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *const tokens[] = {
    "[",
    "{",
    "]",
    "}",
    "\"",
    ";",
    " ",
    "\n",
    "99999999999999999999",
    "-1",
    "1e308",
    "NaN",
    "0x",
    "(",
    ")",
    "`",
    "+0x",
    "_[k]",
    ".cold",
    ":",
    "\"fs\":[1,2,3]",
    "\"tbk\":",
    "(in /lib/libc.so.6)",
    ";malloc 3\n",
    "\xff\xfe",
    "#",
    "\r\n",
    "???",
    "[root]",
    "\"dhatFileVersion\":2,",
};

static void mutate(char **buf, size_t *len, size_t *cap)
{
	size_t n = *len;
	size_t p = n ? next() % (n + 1) : 0;
	switch (next() % 5) {
	case 0: /* flip a byte */
		if (n && p < n)
			(*buf)[p] = (char)next();
		break;
	case 1: /* cut a run */
		if (p < n) {
			size_t k = next() % 64;
			if (k > n - p)
				k = n - p;
			memmove(*buf + p, *buf + p + k, n - p - k);
			*len -= k;
		}
		break;
	case 2: /* truncate */
		*len = p;
		break;
	default: { /* insert a token */
		const char *t = tokens[next() % (sizeof(tokens) / sizeof(tokens[0]))];
		size_t k = strlen(t);
		if (*len + k + 1 > *cap) {
			*cap = (*len + k + 1) * 2;
			*buf = xrealloc(*buf, *cap);
		}
		memmove(*buf + p + k, *buf + p, n - p);
		memcpy(*buf + p, t, k);
		*len += k;
	}
	}
}

static int run_case(const char *path, const char *data, size_t len, const struct rules *r)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
	struct err e = ERR_INIT;
	struct prof_opts o = {path, (long)(next() % 4), 0.0, NULL, 1, NULL};
	int rc = prof_main(&o, r, &e);
	int bad = rc ? e.code != ERR_INPUT || !e.msg : e.code != 0;
	err_clear(&e);
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: prof_fuzz WORKDIR ITERATIONS SEED-FILE...\n", stderr);
		return 2;
	}
	struct err e = ERR_INIT;
	struct rules r;
	if (rules_load(&r, NULL, &e)) {
		err_print(&e);
		return 2;
	}
	if (!freopen("/dev/null", "w", stdout))
		return 2;
	char *path = xasprintf("%s/case", argv[1]);
	long iters = atol(argv[2]);
	int bad = 0;
	for (int s = 3; s < argc; s++) {
		struct fs_text seed;
		if (fs_read(argv[s], &seed, &e)) {
			err_print(&e);
			return 2;
		}
		for (long i = 0; i < iters; i++) {
			size_t cap = seed.len + 1, len = seed.len;
			char *buf = xmalloc(cap);
			memcpy(buf, seed.data, seed.len);
			for (int m = 1 + (int)(next() % 8); m > 0; m--)
				mutate(&buf, &len, &cap);
			if (run_case(path, buf, len, &r)) {
				fprintf(stderr,
				        "prof_fuzz: %s, case %ld: neither a list nor an input "
				        "error\n",
				        argv[s], i);
				bad = 1;
			}
			free(buf);
		}
		fs_text_free(&seed);
	}
	/* Shapes mutation rarely reaches: deep nesting, huge stacks, numbers at the limits. */
	static const char *const fixed[] = {
	    "{\"dhatFileVersion\":2,\"pps\":[{\"tb\":1e308,\"tbk\":9e18,\"tl\":1e308,\"fs\":[1]},"
	    "{\"tb\":9e18,\"tbk\":9e18,\"fs\":[1]}],\"ftbl\":[\"[root]\",\"0x1: f (a.c:1)\"]}",
	    "{\"dhatFileVersion\":2,\"pps\":[{\"tb\":1,\"tbk\":1,\"fs\":[1.5]}],\"ftbl\":[]}",
	    "a 18446744073709551615\nb 18446744073709551615\n",
	    "a 18446744073709551616\n",
	    "main;f\n",
	    " (x) 3\n( 3\n) 3\n0x 3\n0x: 3\n` 3\n+ 3\n+0x 3\n_[k] 3\n. 3\na@ 3\nf (in ) 3\nf (:1) "
	    "3\n",
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		bad |= run_case(path, fixed[i], strlen(fixed[i]), &r);
	size_t big = 200000;
	char *deep = xmalloc(2 * big + 64);
	memset(deep, '[', big);
	bad |= run_case(path, deep, big, &r);
	for (size_t i = 0; i < big; i++)
		deep[i] = i % 2 ? ';' : 'f';
	strcpy(deep + big, ";malloc 5\n");
	bad |= run_case(path, deep, strlen(deep), &r);
	free(deep);
	free(path);
	rules_free(&r);
	if (!bad)
		fprintf(stderr, "prof_fuzz: all cases ended in a list or an input error\n");
	return bad;
}
