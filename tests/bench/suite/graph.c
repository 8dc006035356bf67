/*
 * Graph construction + BFS, one function-local arena per graph: build_and_bfs allocates the
 * adjacency lists edge by edge, a distance array and a queue, runs a BFS, and frees it all
 * (the teardown walk over every list). usage: graph [GRAPHS]; prints a checksum.
 * -DHAND_ARENA: the hand-written arena of hand.h, no teardown walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"
#ifdef HAND_ARENA
#include "hand.h"
#define malloc(n)    hand_alloc(n)
#define calloc(n, s) hand_calloc(n, s)
#endif

struct edge {
	struct edge *next;
	int to;
};

static unsigned long build_and_bfs(unsigned seed, int nv, int deg)
{
	struct edge **adj = calloc((size_t)nv, sizeof(*adj));
	int *dist = malloc((size_t)nv * sizeof(*dist));
	int *queue = malloc((size_t)nv * sizeof(*queue));
	unsigned long sum = 0;
	int head = 0, tail = 0;

	for (long i = 0; i < (long)nv * deg; i++) {
		int a, b;

		seed = seed * 1103515245u + 12345u;
		a = (int)((seed >> 8) % (unsigned)nv);
		seed = seed * 1103515245u + 12345u;
		b = (int)((seed >> 8) % (unsigned)nv);
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

		sum += (unsigned long)dist[v] * (unsigned long)(v + 1);
		for (struct edge *e = adj[v]; e; e = e->next)
			if (dist[e->to] < 0) {
				dist[e->to] = dist[v] + 1;
				queue[tail++] = e->to;
			}
	}
#ifdef HAND_ARENA
	hand_reset();
#else
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
#endif
	return sum + (unsigned long)tail;
}

/* One graph of 20000 to 26000 vertices and 8 edges per vertex. */
static unsigned long graph_round(unsigned g)
{
	return build_and_bfs(g + 1, 20000 + (int)(g % 7) * 1000, 8);
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 10, graph_round);
}
