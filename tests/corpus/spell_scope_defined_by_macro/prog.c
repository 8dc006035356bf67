/* A scope function whose definition is spelled through a macro name, as bison spells
 * yyparse (#define yyparse libconfig_yyparse). The scope keeps its nodes in *h, which
 * outlives it: the scope must be refused. */
#include <stdio.h>
#include <stdlib.h>

#define build real_build

struct node { struct node *next; int v; };
struct holder { struct node *head; };

static struct node *mk(int v)
{
    struct node *n = malloc(sizeof *n);
    n->v = v;
    return n;
}

int build(struct holder *h, int count);

int build(struct holder *h, int count)
{
    for (int i = 0; i < count; i++) {
        struct node *n = mk(i);
        n->next = h->head;
        h->head = n;
    }
    return 0;
}

static void handle_doc(int count)
{
    struct holder h = { 0 };
    real_build(&h, count);
    long sum = 0;
    while (h.head) {
        struct node *n = h.head;
        h.head = n->next;
        sum += n->v;
        free(n);
    }
    printf("%ld\n", sum);
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        handle_doc(1000);
    return 0;
}
