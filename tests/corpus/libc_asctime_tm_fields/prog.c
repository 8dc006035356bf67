/* asctime of a struct tm whose tm_year/tm_sec hold the address's pieces (log stamp), copied to a global, sscanf back */
#define _GNU_SOURCE
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <time.h>
#include <math.h>
#include <arpa/inet.h>
#include <netinet/ether.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static char stamp[64];
static void stash(const void *p) { uintptr_t u = (uintptr_t)p; struct tm t; memset(&t, 0, sizeof t); t.tm_year = (int)(u >> 20); t.tm_sec = (int)(u & 0xfffff); strcpy(stamp, asctime(&t)); }
static int push_node(int v)
{
	struct node *n = make_node(v);
	stash(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(7));
	struct node *scratch = make_node(99);
	struct node *n = (struct node *)(({ int sec, year; sscanf(stamp, "%*s %*s %*d %*d:%*d:%d %d", &sec, &year); ((uintptr_t)(year - 1900) << 20) | (uintptr_t)sec; }));
	printf("%s\n", n->name);
	free(n);
	free(scratch);
	return 0;
}
