#include <stdio.h>
#include <stdlib.h>

/* Adjacency lists built edge by edge, a distance array and a queue, a BFS, then a teardown
 * loop over every list. The rest of the program allocates too (main's buffer, a callback
 * reached through a pointer): the proof looks only at what the function stores into its
 * own arena's memory and where it lets those pointers go. */
struct edge {
	struct edge *next;
	int to;
};

static int bfs(int nv, int deg, unsigned seed)
{
	struct edge **adj = calloc((size_t)nv, sizeof(*adj));
	int *dist = malloc((size_t)nv * sizeof(*dist));
	int *queue = malloc((size_t)nv * sizeof(*queue));
	int head = 0, tail = 0, sum = 0;
	for (long i = 0; i < (long)nv * deg; i++) {
		seed = seed * 1103515245u + 12345u;
		int a = (int)((seed >> 8) % (unsigned)nv);
		seed = seed * 1103515245u + 12345u;
		int b = (int)((seed >> 8) % (unsigned)nv);
		for (int k = 0; k < 2; k++) {
			struct edge *e = malloc(sizeof(*e));
			e->to = k ? a : b;
			e->next = adj[k ? b : a];
			adj[k ? b : a] = e;
		}
	}
	for (int v = 0; v < nv; v++)
		dist[v] = -1;
	dist[0] = 0;
	queue[tail++] = 0;
	while (head < tail) {
		int v = queue[head++];
		sum += dist[v] * (v + 1);
		for (struct edge *e = adj[v]; e; e = e->next)
			if (dist[e->to] < 0) {
				dist[e->to] = dist[v] + 1;
				queue[tail++] = e->to;
			}
	}
	for (int v = 0; v < nv; v++) {
		struct edge *e = adj[v];
		while (e) {
			struct edge *next = e->next;
			free(e);
			e = next;
		}
	}
	free(queue);
	free(dist);
	free(adj);
	return sum + tail;
}

static int run(int (*f)(int, int, unsigned), int n)
{
	return f(n, 4, (unsigned)n);
}

int main(void)
{
	char *buf = malloc(64);
	if (!buf)
		return 1;
	snprintf(buf, 64, "%d %d", run(bfs, 500), run(bfs, 37));
	puts(buf);
	free(buf);
	return 0;
}
