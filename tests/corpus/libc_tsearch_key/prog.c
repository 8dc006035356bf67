/* Shape of interning with tsearch (busybox's and coreutils' uses of the tsearch family, glibc's
 * own hsearch users): a normalised key is built and inserted into a global tree with tsearch,
 * which keeps the key pointer when it is new; the tree is destroyed at exit with its keys.
 * UNSAFE: tsearch keeps its first argument; with the key in intern_upper's arena, the tree holds
 * released memory. A wrong acceptance compares against freed memory on the next insert and
 * frees arena memory in tdestroy. (tsearch is in today's list of keeping functions: this case
 * checks that the default deny keeps refusing it.) */
#define _GNU_SOURCE
#include <ctype.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *root;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int intern_upper(const char *s)
{
	char *k = strdup(s);
	for (char *c = k; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	char *kept = *(char **)tsearch(k, &root, cmp_str);
	if (kept != k) {
		free(k);
		return 0;
	}
	return 1;
}

static void show(const void *node, VISIT v, int depth)
{
	(void)depth;
	if (v == postorder || v == leaf)
		printf("%s\n", *(char *const *)node);
}

int main(void)
{
	int n = intern_upper("eth0") + intern_upper("lo") + intern_upper("ETH0");
	printf("%d new\n", n);
	twalk(root, show);
	tdestroy(root, free);
	return 0;
}
