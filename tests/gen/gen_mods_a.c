/*
 * gen_mods_a: modules for pointers through struct fields, out-parameters, buffers grown
 * through a pointer to them, allocator tables and wrappers (gen_mods.h).
 *
 * Parameters $0..$9 are in [2, 9]. Flags: G a global keeps memory past the scope, C a callee
 * keeps it, R/F/W/P/S switch rules entries or variants that do not change safety (S: a strdup
 * kind rule on xstrdup).
 */
#include "gen_mods.h"

#include <stddef.h>

const char gm_prologue[] = "#define _GNU_SOURCE\n"
                           "#include <malloc.h>\n"
                           "#include <pthread.h>\n"
                           "#include <setjmp.h>\n"
                           "#include <stdarg.h>\n"
                           "#include <stdint.h>\n"
                           "#include <stdio.h>\n"
                           "#include <stdlib.h>\n"
                           "#include <string.h>\n"
                           "\n"
                           "static unsigned long mix(unsigned long h, unsigned long v)\n"
                           "{\n"
                           "\treturn (h ^ v) * 1099511628211UL;\n"
                           "}\n"
                           "\n"
                           "static unsigned long mix_str(unsigned long h, const char *s)\n"
                           "{\n"
                           "\twhile (*s)\n"
                           "\t\th = mix(h, (unsigned char)*s++);\n"
                           "\treturn h;\n"
                           "}\n";

/* A list of nodes made by a constructor; the per-document function frees it. */
static const char list_text[] = "\nstruct node_@ {\n"
                                "\tint v;\n"
                                "\tchar *name;\n"
                                "\tstruct node_@ *next;\n"
                                "};\n"
                                "{G}static struct node_@ *g_keep_@;\n"
                                "\n"
                                "static struct node_@ *node_new_@(int v, struct node_@ *next)\n"
                                "{\n"
                                "\tstruct node_@ *n = malloc(sizeof(*n));\n"
                                "\tif (!n)\n"
                                "\t\treturn NULL;\n"
                                "\tchar tmp[32];\n"
                                "\tsnprintf(tmp, sizeof(tmp), \"n%d\", v * $0);\n"
                                "\tn->name = strdup(tmp);\n"
                                "\tif (!n->name) {\n"
                                "\t\tfree(n);\n"
                                "\t\treturn NULL;\n"
                                "\t}\n"
                                "\tn->v = v;\n"
                                "\tn->next = next;\n"
                                "\treturn n;\n"
                                "}\n"
                                "\n"
                                "static void list_free_@(struct node_@ *n)\n"
                                "{\n"
                                "\twhile (n) {\n"
                                "\t\tstruct node_@ *nx = n->next;\n"
                                "\t\tfree(n->name);\n"
                                "\t\tfree(n);\n"
                                "\t\tn = nx;\n"
                                "\t}\n"
                                "}\n"
                                "\n"
                                "static struct node_@ *list_build_@(int count)\n"
                                "{\n"
                                "\tstruct node_@ *head = NULL;\n"
                                "\tfor (int i = 0; i < count; i++) {\n"
                                "\t\tstruct node_@ *n = node_new_@(i, head);\n"
                                "\t\tif (!n) {\n"
                                "\t\t\tlist_free_@(head);\n"
                                "\t\t\treturn NULL;\n"
                                "\t\t}\n"
                                "\t\thead = n;\n"
                                "\t}\n"
                                "\treturn head;\n"
                                "}\n"
                                "\n"
                                "static unsigned long list_doc_@(int count)\n"
                                "{\n"
                                "\tstruct node_@ *head = list_build_@(count);\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (struct node_@ *n = head; n; n = n->next)\n"
                                "\t\th = mix_str(mix(h, (unsigned long)n->v), n->name);\n"
                                "{G}\tif (head && !g_keep_@) {\n"
                                "{G}\t\tg_keep_@ = head;\n"
                                "{G}\t\thead = head->next;\n"
                                "{G}\t\tg_keep_@->next = NULL;\n"
                                "{G}\t}\n"
                                "\tlist_free_@(head);\n"
                                "\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_list_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $1; r++)\n"
                                "\t\th = mix(h, list_doc_@(r + $2));\n"
                                "{G}\tif (g_keep_@) {\n"
                                "{G}\t\th = mix_str(h, g_keep_@->name);\n"
                                "{G}\t\tlist_free_@(g_keep_@);\n"
                                "{G}\t\tg_keep_@ = NULL;\n"
                                "{G}\t}\n"
                                "\treturn h;\n"
                                "}\n";

/* Objects returned through T ** out-parameters, kept in an array of pointers. */
static const char pairs_text[] =
    "\nstruct pair_@ {\n"
    "\tint a;\n"
    "\tchar *label;\n"
    "};\n"
    "{G}static struct pair_@ *g_pair_@;\n"
    "{C}static struct pair_@ *g_kept_@;\n"
    "{C}\n"
    "{C}static void keep_@(struct pair_@ *p)\n"
    "{C}{\n"
    "{C}\tg_kept_@ = p;\n"
    "{C}}\n"
    "\n"
    "static int pair_make_@(int a, struct pair_@ **out)\n"
    "{\n"
    "\t*out = NULL;\n"
    "\tif (a % $0 == $1 % $0)\n"
    "\t\treturn -1;\n"
    "\tstruct pair_@ *p = calloc(1, sizeof(*p));\n"
    "\tif (!p)\n"
    "\t\treturn -1;\n"
    "\tp->label = malloc(16);\n"
    "\tif (!p->label) {\n"
    "\t\tfree(p);\n"
    "\t\treturn -1;\n"
    "\t}\n"
    "\tsnprintf(p->label, 16, \"p%d\", a);\n"
    "\tp->a = a;\n"
    "\t*out = p;\n"
    "\treturn 0;\n"
    "}\n"
    "\n"
    "static void pair_free_@(struct pair_@ *p)\n"
    "{\n"
    "\tif (!p)\n"
    "\t\treturn;\n"
    "\tfree(p->label);\n"
    "\tfree(p);\n"
    "}\n"
    "\n"
    "static unsigned long pairs_doc_@(int n)\n"
    "{\n"
    "\tstruct pair_@ *arr[16];\n"
    "\tint k = 0;\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int i = 0; i < n && k < 16; i++) {\n"
    "\t\tstruct pair_@ *p;\n"
    "\t\tif (pair_make_@(i, &p) != 0)\n"
    "\t\t\tcontinue;\n"
    "\t\tarr[k++] = p;\n"
    "\t}\n"
    "\tfor (int i = 0; i < k; i++)\n"
    "\t\th = mix_str(mix(h, (unsigned long)arr[i]->a), arr[i]->label);\n"
    "{G}\tif (k > 0 && !g_pair_@)\n"
    "{G}\t\tg_pair_@ = arr[--k];\n"
    "{C}\tif (k > 0 && !g_kept_@)\n"
    "{C}\t\tkeep_@(arr[--k]);\n"
    "\tfor (int i = 0; i < k; i++)\n"
    "\t\tpair_free_@(arr[i]);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_pairs_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $2; r++)\n"
    "\t\th = mix(h, pairs_doc_@(r + $3));\n"
    "{G}\tif (g_pair_@) {\n"
    "{G}\t\th = mix_str(h, g_pair_@->label);\n"
    "{G}\t\tpair_free_@(g_pair_@);\n"
    "{G}\t\tg_pair_@ = NULL;\n"
    "{G}\t}\n"
    "{C}\tif (g_kept_@) {\n"
    "{C}\t\th = mix_str(h, g_kept_@->label);\n"
    "{C}\t\tpair_free_@(g_kept_@);\n"
    "{C}\t\tg_kept_@ = NULL;\n"
    "{C}\t}\n"
    "\treturn h;\n"
    "}\n";

/* Issue 10, hole 1: a scratch buffer grown by a helper through a pointer to it. R: the
 * accumulator returns the string instead of a digest (an escape for its own arena only). */
static const char grow_text[] = "\nstatic int grow_@(char **buffer, size_t *cap, size_t need)\n"
                                "{\n"
                                "\tif (need <= *cap)\n"
                                "\t\treturn 0;\n"
                                "\tsize_t n = *cap ? *cap * 2 : $0;\n"
                                "\twhile (n < need)\n"
                                "\t\tn *= 2;\n"
                                "\tchar *nb = realloc(*buffer, n);\n"
                                "\tif (!nb)\n"
                                "\t\treturn -1;\n"
                                "\t*buffer = nb;\n"
                                "\t*cap = n;\n"
                                "\treturn 0;\n"
                                "}\n"
                                "\n"
                                "{!R}static unsigned long accum_@(int count)\n"
                                "{R}static char *accum_@(int count)\n"
                                "{\n"
                                "\tsize_t cap = $1;\n"
                                "\tsize_t len = 0;\n"
                                "\tchar *buf = malloc(cap);\n"
                                "\tif (!buf)\n"
                                "{!R}\t\treturn 0;\n"
                                "{R}\t\treturn NULL;\n"
                                "\tfor (int i = 0; i < count; i++) {\n"
                                "\t\tif (grow_@(&buf, &cap, len + 2) != 0) {\n"
                                "\t\t\tfree(buf);\n"
                                "{!R}\t\t\treturn 0;\n"
                                "{R}\t\t\treturn NULL;\n"
                                "\t\t}\n"
                                "\t\tbuf[len++] = (char)('a' + (i * $2) % 26);\n"
                                "\t}\n"
                                "\tbuf[len] = '\\0';\n"
                                "{R}\treturn buf;\n"
                                "{!R}\tunsigned long h = mix_str(len, buf);\n"
                                "{!R}\tfree(buf);\n"
                                "{!R}\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_grow_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $3; r++) {\n"
                                "{!R}\t\th = mix(h, accum_@(r * 7 + $4));\n"
                                "{R}\t\tchar *s = accum_@(r * 7 + $4);\n"
                                "{R}\t\tif (s)\n"
                                "{R}\t\t\th = mix_str(h, s);\n"
                                "{R}\t\tfree(s);\n"
                                "\t}\n"
                                "\treturn h;\n"
                                "}\n";

/* Issue 10, hole 2: an allocator table holding libc's free. P: the table is a mutable
 * global filled by a set_allocator call instead of a const initializer. */
static const char table_text[] =
    "\ntypedef struct {\n"
    "\tvoid *(*calloc)(size_t, size_t);\n"
    "\tvoid (*free)(void *);\n"
    "} mem_@_t;\n"
    "\n"
    "static void *xcalloc_@(size_t n, size_t size)\n"
    "{\n"
    "\tvoid *p = calloc(n, size);\n"
    "\tif (!p)\n"
    "\t\tabort();\n"
    "\treturn p;\n"
    "}\n"
    "\n"
    "{!P}static const mem_@_t MEM_@ = { xcalloc_@, free };\n"
    "{P}static mem_@_t MEM_@;\n"
    "{P}\n"
    "{P}static void set_allocator_@(void *(*c)(size_t, size_t), void (*f)(void *))\n"
    "{P}{\n"
    "{P}\tMEM_@.calloc = c;\n"
    "{P}\tMEM_@.free = f;\n"
    "{P}}\n"
    "\n"
    "struct item_@ {\n"
    "\tint v;\n"
    "\tstruct item_@ *next;\n"
    "};\n"
    "\n"
    "static struct item_@ *item_new_@(const mem_@_t *m, int v, struct item_@ *next)\n"
    "{\n"
    "\tstruct item_@ *it = m->calloc(1, sizeof(*it));\n"
    "\tit->v = v;\n"
    "\tit->next = next;\n"
    "\treturn it;\n"
    "}\n"
    "\n"
    "static unsigned long table_doc_@(const mem_@_t *m, int n)\n"
    "{\n"
    "\tstruct item_@ *head = NULL;\n"
    "\tfor (int i = 0; i < n; i++)\n"
    "\t\thead = item_new_@(m, i * $0, head);\n"
    "\tunsigned long h = 0;\n"
    "\twhile (head) {\n"
    "\t\tstruct item_@ *nx = head->next;\n"
    "\t\th = mix(h, (unsigned long)head->v);\n"
    "\t\tm->free(head);\n"
    "\t\thead = nx;\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_table_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "{P}\tset_allocator_@(xcalloc_@, free);\n"
    "\tfor (int r = 0; r < $1; r++)\n"
    "\t\th = mix(h, table_doc_@(&MEM_@, r + $2));\n"
    "\treturn h;\n"
    "}\n";

/* An xmalloc wrapper used by a string duplicator and a per-document function, and once
 * outside every scope. */
static const char words_text[] = "\nstatic void *xmalloc_@(size_t n)\n"
                                 "{\n"
                                 "\tvoid *p = malloc(n);\n"
                                 "\tif (!p)\n"
                                 "\t\tabort();\n"
                                 "\treturn p;\n"
                                 "}\n"
                                 "\n"
                                 "static char *xstrdup_@(const char *s)\n"
                                 "{\n"
                                 "\tsize_t n = strlen(s) + 1;\n"
                                 "\tchar *d = xmalloc_@(n);\n"
                                 "\tmemcpy(d, s, n);\n"
                                 "\treturn d;\n"
                                 "}\n"
                                 "{G}static char *g_word_@;\n"
                                 "\n"
                                 "static unsigned long words_doc_@(int n)\n"
                                 "{\n"
                                 "\tchar **words = xmalloc_@((size_t)n * sizeof(*words));\n"
                                 "\tfor (int i = 0; i < n; i++) {\n"
                                 "\t\tchar tmp[32];\n"
                                 "\t\tsnprintf(tmp, sizeof(tmp), \"w%d_%d\", i, i * $0);\n"
                                 "\t\twords[i] = xstrdup_@(tmp);\n"
                                 "\t}\n"
                                 "\tunsigned long h = 0;\n"
                                 "\tfor (int i = 0; i < n; i++)\n"
                                 "\t\th = mix_str(h, words[i]);\n"
                                 "{G}\tif (!g_word_@) {\n"
                                 "{G}\t\tg_word_@ = words[0];\n"
                                 "{G}\t\twords[0] = NULL;\n"
                                 "{G}\t}\n"
                                 "\tfor (int i = 0; i < n; i++)\n"
                                 "\t\tfree(words[i]);\n"
                                 "\tfree(words);\n"
                                 "\treturn h;\n"
                                 "}\n"
                                 "\n"
                                 "static unsigned long run_words_@(void)\n"
                                 "{\n"
                                 "\tchar *s = xstrdup_@(\"outside\");\n"
                                 "\tunsigned long h = mix_str(0, s);\n"
                                 "\tfree(s);\n"
                                 "\tfor (int r = 1; r <= $1; r++)\n"
                                 "\t\th = mix(h, words_doc_@(r + $2));\n"
                                 "{G}\tif (g_word_@) {\n"
                                 "{G}\t\th = mix_str(h, g_word_@);\n"
                                 "{G}\t\tfree(g_word_@);\n"
                                 "{G}\t\tg_word_@ = NULL;\n"
                                 "{G}\t}\n"
                                 "\treturn h;\n"
                                 "}\n";

/* A string builder held in a struct and grown through a pointer to the struct. */
static const char sbuf_text[] = "\nstruct sb_@ {\n"
                                "\tchar *data;\n"
                                "\tsize_t len, cap;\n"
                                "};\n"
                                "\n"
                                "static int sb_put_@(struct sb_@ *s, char c)\n"
                                "{\n"
                                "\tif (s->len + 2 > s->cap) {\n"
                                "\t\tsize_t n = s->cap ? s->cap * 2 : $0;\n"
                                "\t\tchar *nd = realloc(s->data, n);\n"
                                "\t\tif (!nd)\n"
                                "\t\t\treturn -1;\n"
                                "\t\ts->data = nd;\n"
                                "\t\ts->cap = n;\n"
                                "\t}\n"
                                "\ts->data[s->len++] = c;\n"
                                "\ts->data[s->len] = '\\0';\n"
                                "\treturn 0;\n"
                                "}\n"
                                "\n"
                                "static unsigned long sb_doc_@(int n)\n"
                                "{\n"
                                "\tstruct sb_@ s = { NULL, 0, $1 };\n"
                                "\ts.data = malloc(s.cap);\n"
                                "\tif (!s.data)\n"
                                "\t\treturn 0;\n"
                                "\ts.data[0] = '\\0';\n"
                                "\tfor (int i = 0; i < n; i++)\n"
                                "\t\tif (sb_put_@(&s, (char)('a' + (i * $2) % 26)) != 0)\n"
                                "\t\t\tbreak;\n"
                                "\tunsigned long h = mix_str(s.len, s.data);\n"
                                "\tfree(s.data);\n"
                                "\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_sb_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $3; r++)\n"
                                "\t\th = mix(h, sb_doc_@(r * 5 + $4));\n"
                                "\treturn h;\n"
                                "}\n";

const struct gm_module gm_modules_a[] = {
    {"list",
     "G",
     30,
     "run_list_@",
     list_text,
     {{"node_new_@", "list_doc_@", "G"},
      {"node_new_@", "run_list_@", ""},
      {"node_new_@", NULL, "*"},
      {"list_build_@", "list_doc_@", ""}},
     {{0, NULL, NULL, NULL}}},
    {"pairs",
     "GC",
     25,
     "run_pairs_@",
     pairs_text,
     {{"pair_make_@", "pairs_doc_@", "GC"},
      {"pair_make_@", "run_pairs_@", ""},
      {"pair_make_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"grow",
     "R",
     30,
     "run_grow_@",
     grow_text,
     {{"accum_@", NULL, "R"}, {"accum_@", "run_grow_@", ""}, {"grow_@", "run_grow_@", ""}},
     {{0, NULL, NULL, NULL}}},
    {"table",
     "PF",
     40,
     "run_table_@",
     table_text,
     {{"xcalloc_@", "table_doc_@", ""},
      {"xcalloc_@", "run_table_@", ""},
      {"item_new_@", "table_doc_@", ""},
      {"xcalloc_@", NULL, "*"}},
     {{'F', "field", "calloc", "calloc"}, {'F', "field", "free", "free"}}},
    {"words",
     "GWS",
     30,
     "run_words_@",
     words_text,
     {{"xmalloc_@", "words_doc_@", "G"},
      {"xstrdup_@", "words_doc_@", "G"},
      {"words_doc_@", NULL, ""},
      {"xmalloc_@", NULL, "*"},
      {"xmalloc_@", "run_words_@", ""}},
     {{'W', "name", "xmalloc_@", "malloc"}, {'S', "name", "xstrdup_@", "strdup"}}},
    {"sbuf",
     "",
     0,
     "run_sb_@",
     sbuf_text,
     {{"sb_doc_@", NULL, ""},
      {"sb_doc_@", "run_sb_@", ""},
      {"sb_put_@", "run_sb_@", ""},
      {"sb_put_@", "sb_doc_@", ""}},
     {{0, NULL, NULL, NULL}}},
};
const int gm_count_a = (int)(sizeof(gm_modules_a) / sizeof(gm_modules_a[0]));
