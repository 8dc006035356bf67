/* Shared declarations of the hand-written lint corpus (files in this folder are linted together). */
#ifndef CORPUS_COMMON_H
#define CORPUS_COMMON_H
#include "arena_rt.h"
#include <stddef.h>

struct node {
	int value;
	size_t len;
	char *name;
	struct node *next;
};

struct pair {
	char *first;
	char *second;
	int count;
};

struct outer {
	struct pair inner;
	struct node *head;
};

struct registry {
	char *slots[8];
	struct node *list;
};

/* defined in helpers.c */
void keep_in_global(char *s);
void keep_via_chain(char *s);
void store_through(struct pair *dst, char *s);
void forward_store(struct pair *dst, char *s);
size_t only_measures(const char *s);
void frees_it(char *s);
char *identity(char *s);
void copy_into(char *dst, const char *src, size_t n);
char *make_name(arena_t *a, const char *s);
void name_into(arena_t *a, const char *s, char **out);
#endif
