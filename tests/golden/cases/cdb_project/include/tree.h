#ifndef TREE_H
#define TREE_H
#include <stddef.h>

struct tree {
	TREE_KEY key;
	struct tree *kid[2];
};

long tree_sum(const TREE_KEY *keys, size_t n);
#endif
