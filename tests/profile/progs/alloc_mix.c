/*
 * alloc_mix: a profiling target with known allocation counts (tests/profile, docs/profiling.md).
 * Built with -O0 -g and run under valgrind --tool=dhat by run_dhat.sh, which checks the ranking
 * against these numbers. Every hot function frees what it allocates, so the hotspot list the
 * profile gives is safe to rewrite as function-local arenas (the round trip of run_dhat.sh).
 *
 *   build_list    500 blocks  malloc, one per list node
 *   copy_names    400 blocks  strdup (DHAT: malloc in frame 0, strdup in frame 1)
 *   grow_array    300 blocks  1 malloc + 299 realloc (DHAT counts each at the malloc's site)
 *   scratch_sum   200 blocks  an always_inline helper (DHAT: own frame, caller's address)
 *   parse_items   150 blocks  through the project wrapper xmalloc
 *   load_table     60 blocks  through xmalloc
 */
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

struct node {
	int v;
	struct node *next;
};

static int build_list(int n)
{
	struct node *head = NULL;
	for (int i = 0; i < n; i++) {
		struct node *x = malloc(sizeof(*x));
		if (!x)
			abort();
		x->v = i;
		x->next = head;
		head = x;
	}
	int sum = 0;
	while (head) {
		struct node *next = head->next;
		sum += head->v;
		free(head);
		head = next;
	}
	return sum;
}

static size_t copy_names(int n)
{
	char *names[400];
	size_t len = 0;
	if (n > 400)
		n = 400;
	for (int i = 0; i < n; i++)
		names[i] = strdup(i % 2 ? "alpha" : "beta");
	for (int i = 0; i < n; i++) {
		len += strlen(names[i]);
		free(names[i]);
	}
	return len;
}

static long grow_array(int n)
{
	size_t cap = 1;
	int *a = malloc(cap * sizeof(*a));
	if (!a)
		abort();
	for (int i = 0; i < n; i++) {
		if ((size_t)i == cap) {
			int *b = realloc(a, ++cap * sizeof(*a));
			if (!b)
				abort();
			a = b;
		}
		a[i] = i;
	}
	long sum = 0;
	for (int i = 0; i < n; i++)
		sum += a[i];
	free(a);
	return sum;
}

static inline __attribute__((always_inline)) int scratch_sum(int i)
{
	unsigned char *tmp = malloc(32);
	if (!tmp)
		abort();
	memset(tmp, i & 0x7f, 32);
	int s = tmp[5] + tmp[31];
	free(tmp);
	return s;
}

static int checksum_all(int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += scratch_sum(i);
	return s;
}

static int parse_items(int n)
{
	int s = 0;
	for (int i = 0; i < n; i++) {
		int *item = xmalloc(sizeof(*item) * 4);
		item[0] = i;
		s += item[0];
		free(item);
	}
	return s;
}

static int load_table(int n)
{
	int s = 0;
	for (int i = 0; i < n; i++) {
		char *row = xmalloc(64);
		row[0] = (char)i;
		s += row[0];
		free(row);
	}
	return s;
}

static long run(void)
{
	long s = build_list(500);
	s += (long)copy_names(400);
	s += grow_array(300);
	s += checksum_all(200);
	s += parse_items(150);
	s += load_table(60);
	return s;
}

int main(void)
{
	return run() == 42 ? 1 : 0;
}
