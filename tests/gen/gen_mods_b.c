/*
 * gen_mods_b: modules for realloc chains with gotos and early returns, recursion, callbacks,
 * threads, memory returned past its scope, a global holding memory for a while and text appended
 * through an out-parameter (gen_mods.h).
 *
 * Parameters $0..$9 are in [2, 9]. Flags: E a parameter keeps memory past the scope, K a global
 * does, L a `release` rule for the tree's recursive free.
 */
#include "gen_mods.h"

#include <stddef.h>

/* Two realloc chains, every failure leaving through one label, and an early return. */
static const char chain_text[] =
    "\nstatic int chain_@(int n, unsigned long *out)\n"
    "{\n"
    "\tint rc = -1;\n"
    "\tint *arr = NULL;\n"
    "\tchar *txt = NULL;\n"
    "\tsize_t len = 0;\n"
    "\tunsigned long h = 0;\n"
    "\tif (n <= 0)\n"
    "\t\treturn -2;\n"
    "\tfor (int i = 0; i < n; i++) {\n"
    "\t\tint *na = realloc(arr, (size_t)(i + 1) * sizeof(*arr));\n"
    "\t\tif (!na)\n"
    "\t\t\tgoto done;\n"
    "\t\tarr = na;\n"
    "\t\tarr[i] = i * $0 + 1;\n"
    "\t}\n"
    "\ttxt = malloc(4);\n"
    "\tif (!txt)\n"
    "\t\tgoto done;\n"
    "\tfor (int i = 0; i < n; i++) {\n"
    "\t\tchar *nt = realloc(txt, len + 4);\n"
    "\t\tif (!nt)\n"
    "\t\t\tgoto done;\n"
    "\t\ttxt = nt;\n"
    "\t\tlen += (size_t)snprintf(txt + len, 4, \"%d\", arr[i] % 100);\n"
    "\t}\n"
    "\tif (n == $1)\n"
    "\t\tgoto done;\n"
    "\th = mix_str(len, txt);\n"
    "\tfor (int i = 0; i < n; i++)\n"
    "\t\th = mix(h, (unsigned long)arr[i]);\n"
    "\t*out = h;\n"
    "\trc = 0;\n"
    "done:\n"
    "\tfree(txt);\n"
    "\tfree(arr);\n"
    "\treturn rc;\n"
    "}\n"
    "\n"
    "static unsigned long run_chain_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $2; r++) {\n"
    "\t\tunsigned long v = 0;\n"
    "\t\tint rc = chain_@(r + $3 - 2, &v);\n"
    "\t\th = mix(mix(h, (unsigned long)(rc + 3)), v);\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n";

/* A recursive constructor, a recursive free, and a recursive function with scratch memory at
 * every level. */
static const char tree_text[] =
    "\nstruct tree_@ {\n"
    "\tint v;\n"
    "\tchar *tag;\n"
    "\tstruct tree_@ *l, *r;\n"
    "};\n"
    "\n"
    "static struct tree_@ *tree_new_@(int depth, int v)\n"
    "{\n"
    "\tif (depth <= 0)\n"
    "\t\treturn NULL;\n"
    "\tstruct tree_@ *t = malloc(sizeof(*t));\n"
    "\tif (!t)\n"
    "\t\treturn NULL;\n"
    "\tt->v = v;\n"
    "\tt->tag = v % $0 == 0 ? strdup(\"even\") : NULL;\n"
    "\tt->l = tree_new_@(depth - 1, v * 2);\n"
    "\tt->r = tree_new_@(depth - 1, v * 2 + 1);\n"
    "\treturn t;\n"
    "}\n"
    "\n"
    "static void tree_free_@(struct tree_@ *t)\n"
    "{\n"
    "\tif (!t)\n"
    "\t\treturn;\n"
    "\ttree_free_@(t->l);\n"
    "\ttree_free_@(t->r);\n"
    "\tfree(t->tag);\n"
    "\tfree(t);\n"
    "}\n"
    "\n"
    "static unsigned long tree_sum_@(const struct tree_@ *t, unsigned long h)\n"
    "{\n"
    "\tif (!t)\n"
    "\t\treturn h;\n"
    "\th = mix(h, (unsigned long)t->v);\n"
    "\tif (t->tag)\n"
    "\t\th = mix_str(h, t->tag);\n"
    "\th = tree_sum_@(t->l, h);\n"
    "\treturn tree_sum_@(t->r, h);\n"
    "}\n"
    "\n"
    "static unsigned long tree_doc_@(int depth)\n"
    "{\n"
    "\tstruct tree_@ *t = tree_new_@(depth, 1);\n"
    "\tunsigned long h = tree_sum_@(t, (unsigned long)depth);\n"
    "\ttree_free_@(t);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long rec_@(int d)\n"
    "{\n"
    "\tif (d <= 0)\n"
    "\t\treturn 1;\n"
    "\tint *tmp = malloc((size_t)(d + 1) * sizeof(*tmp));\n"
    "\tif (!tmp)\n"
    "\t\treturn 0;\n"
    "\tfor (int i = 0; i <= d; i++)\n"
    "\t\ttmp[i] = i * d;\n"
    "\tunsigned long h = rec_@(d - 1);\n"
    "\tfor (int i = 0; i <= d; i++)\n"
    "\t\th = mix(h, (unsigned long)tmp[i]);\n"
    "\tfree(tmp);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_tree_@(void)\n"
    "{\n"
    "\tunsigned long h = rec_@($1);\n"
    "\tfor (int r = 1; r <= 3; r++)\n"
    "\t\th = mix(h, tree_doc_@(r + $2 % 4));\n"
    "\treturn h;\n"
    "}\n";

/* A callback, called through a function pointer, that fills a bag grown through its field. */
static const char bag_text[] = "\nstruct bag_@ {\n"
                               "\tchar **items;\n"
                               "\tsize_t n, cap;\n"
                               "};\n"
                               "\n"
                               "static int bag_add_@(struct bag_@ *b, const char *s)\n"
                               "{\n"
                               "\tif (b->n == b->cap) {\n"
                               "\t\tsize_t cap = b->cap ? b->cap * 2 : 2;\n"
                               "\t\tchar **ni = realloc(b->items, cap * sizeof(*ni));\n"
                               "\t\tif (!ni)\n"
                               "\t\t\treturn -1;\n"
                               "\t\tb->items = ni;\n"
                               "\t\tb->cap = cap;\n"
                               "\t}\n"
                               "\tchar *d = strdup(s);\n"
                               "\tif (!d)\n"
                               "\t\treturn -1;\n"
                               "\tb->items[b->n++] = d;\n"
                               "\treturn 0;\n"
                               "}\n"
                               "\n"
                               "static int collect_@(void *ctx, int v)\n"
                               "{\n"
                               "\tchar tmp[32];\n"
                               "\tsnprintf(tmp, sizeof(tmp), \"c%d\", v);\n"
                               "\treturn bag_add_@(ctx, tmp);\n"
                               "}\n"
                               "\n"
                               "static void each_@(int n, int (*fn)(void *, int), void *ctx)\n"
                               "{\n"
                               "\tfor (int i = 0; i < n; i++)\n"
                               "\t\tif (fn(ctx, i * $0) != 0)\n"
                               "\t\t\treturn;\n"
                               "}\n"
                               "\n"
                               "static unsigned long bag_doc_@(int n)\n"
                               "{\n"
                               "\tstruct bag_@ b = { NULL, 0, 0 };\n"
                               "\teach_@(n, collect_@, &b);\n"
                               "\tunsigned long h = b.n;\n"
                               "\tfor (size_t i = 0; i < b.n; i++) {\n"
                               "\t\th = mix_str(h, b.items[i]);\n"
                               "\t\tfree(b.items[i]);\n"
                               "\t}\n"
                               "\tfree(b.items);\n"
                               "\treturn h;\n"
                               "}\n"
                               "\n"
                               "static unsigned long run_bag_@(void)\n"
                               "{\n"
                               "\tunsigned long h = 0;\n"
                               "\tfor (int r = 0; r < $1; r++)\n"
                               "\t\th = mix(h, bag_doc_@(r * 3 + $2));\n"
                               "\treturn h;\n"
                               "}\n";

/* Two threads, each running per-document work; E: the document keeps one word in the job
 * struct it was given, which the main thread reads after the join. */
static const char threads_text[] =
    "\nstruct job_@ {\n"
    "\tint id;\n"
    "\tunsigned long out;\n"
    "\tchar *keep;\n"
    "};\n"
    "\n"
    "static char *word_new_@(int v)\n"
    "{\n"
    "\tchar *w = malloc(24);\n"
    "\tif (!w)\n"
    "\t\treturn NULL;\n"
    "\tsnprintf(w, 24, \"t%d\", v);\n"
    "\treturn w;\n"
    "}\n"
    "\n"
    "static unsigned long thread_doc_@(struct job_@ *j, int id)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int i = 0; i < $0; i++) {\n"
    "\t\tchar *w = word_new_@(id * 100 + i);\n"
    "\t\tif (!w)\n"
    "\t\t\treturn h;\n"
    "\t\th = mix_str(h, w);\n"
    "{E}\t\tif (!j->keep) {\n"
    "{E}\t\t\tj->keep = w;\n"
    "{E}\t\t\tcontinue;\n"
    "{E}\t\t}\n"
    "\t\tfree(w);\n"
    "\t}\n"
    "{!E}\t(void)j;\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static void *worker_@(void *arg)\n"
    "{\n"
    "\tstruct job_@ *j = arg;\n"
    "\tfor (int r = 0; r < $1; r++)\n"
    "\t\tj->out = mix(j->out, thread_doc_@(j, j->id * 10 + r));\n"
    "\treturn NULL;\n"
    "}\n"
    "\n"
    "static unsigned long run_threads_@(void)\n"
    "{\n"
    "\tpthread_t th[2];\n"
    "\tstruct job_@ jobs[2] = { { 0, 0, NULL }, { 1, 0, NULL } };\n"
    "\tfor (int i = 0; i < 2; i++)\n"
    "\t\tif (pthread_create(&th[i], NULL, worker_@, &jobs[i]) != 0)\n"
    "\t\t\tabort();\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int i = 0; i < 2; i++) {\n"
    "\t\tpthread_join(th[i], NULL);\n"
    "\t\th = mix(h, jobs[i].out);\n"
    "\t\tif (jobs[i].keep)\n"
    "\t\t\th = mix_str(h, jobs[i].keep);\n"
    "\t\tfree(jobs[i].keep);\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n";

/* A function that makes two names and returns one: a scope there lets it escape. */
static const char pick_text[] = "\nstatic char *name_new_@(int v)\n"
                                "{\n"
                                "\tchar *s = malloc(16);\n"
                                "\tif (!s)\n"
                                "\t\treturn NULL;\n"
                                "\tsnprintf(s, 16, \"r%d\", v);\n"
                                "\treturn s;\n"
                                "}\n"
                                "\n"
                                "static char *pick_@(int v)\n"
                                "{\n"
                                "\tchar *a = name_new_@(v);\n"
                                "\tchar *b = name_new_@(v + $0);\n"
                                "\tif (!a || !b) {\n"
                                "\t\tfree(a);\n"
                                "\t\tfree(b);\n"
                                "\t\treturn NULL;\n"
                                "\t}\n"
                                "\tif (strcmp(a, b) > 0) {\n"
                                "\t\tfree(a);\n"
                                "\t\treturn b;\n"
                                "\t}\n"
                                "\tfree(b);\n"
                                "\treturn a;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_pick_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $1; r++) {\n"
                                "\t\tchar *s = pick_@(r * $2);\n"
                                "\t\tif (s)\n"
                                "\t\t\th = mix_str(h, s);\n"
                                "\t\tfree(s);\n"
                                "\t}\n"
                                "\treturn h;\n"
                                "}\n";

/* A global that holds memory only while the document is processed: set through a helper,
 * cleared before the document ends. K: the document leaves the last one for its caller. */
static const char glob_text[] = "\nstatic char *g_last_@;\n"
                                "\n"
                                "static void note_@(const char *s)\n"
                                "{\n"
                                "\tfree(g_last_@);\n"
                                "\tg_last_@ = strdup(s);\n"
                                "}\n"
                                "\n"
                                "static unsigned long glob_doc_@(int n)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int i = 0; i < n; i++) {\n"
                                "\t\tchar tmp[32];\n"
                                "\t\tsnprintf(tmp, sizeof(tmp), \"g%d\", i * $0);\n"
                                "\t\tnote_@(tmp);\n"
                                "\t\tif (g_last_@)\n"
                                "\t\t\th = mix_str(h, g_last_@);\n"
                                "\t}\n"
                                "{!K}\tfree(g_last_@);\n"
                                "{!K}\tg_last_@ = NULL;\n"
                                "\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_glob_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $1; r++) {\n"
                                "\t\th = mix(h, glob_doc_@(r + $2));\n"
                                "{K}\t\tif (g_last_@)\n"
                                "{K}\t\t\th = mix_str(h, g_last_@);\n"
                                "\t}\n"
                                "\tfree(g_last_@);\n"
                                "\tg_last_@ = NULL;\n"
                                "\treturn h;\n"
                                "}\n";

/* Text appended through an out-parameter by realloc, starting from NULL. */
static const char append_text[] = "\nstatic int append_@(char **buf, size_t *len, const char *s)\n"
                                  "{\n"
                                  "\tsize_t n = strlen(s);\n"
                                  "\tchar *nb = realloc(*buf, *len + n + 1);\n"
                                  "\tif (!nb)\n"
                                  "\t\treturn -1;\n"
                                  "\tmemcpy(nb + *len, s, n + 1);\n"
                                  "\t*buf = nb;\n"
                                  "\t*len += n;\n"
                                  "\treturn 0;\n"
                                  "}\n"
                                  "\n"
                                  "static unsigned long text_doc_@(int n)\n"
                                  "{\n"
                                  "\tchar *buf = NULL;\n"
                                  "\tsize_t len = 0;\n"
                                  "\tfor (int i = 0; i < n; i++) {\n"
                                  "\t\tchar tmp[16];\n"
                                  "\t\tsnprintf(tmp, sizeof(tmp), \"%d,\", i * $0);\n"
                                  "\t\tif (append_@(&buf, &len, tmp) != 0)\n"
                                  "\t\t\tbreak;\n"
                                  "\t}\n"
                                  "\tunsigned long h = buf ? mix_str(len, buf) : 0;\n"
                                  "\tfree(buf);\n"
                                  "\treturn h;\n"
                                  "}\n"
                                  "\n"
                                  "static unsigned long run_text_@(void)\n"
                                  "{\n"
                                  "\tunsigned long h = 0;\n"
                                  "\tfor (int r = 0; r < $1; r++)\n"
                                  "\t\th = mix(h, text_doc_@(r * 2 + $2 - 2));\n"
                                  "\treturn h;\n"
                                  "}\n";

const struct gm_module gm_modules_b[] = {
    {"chain",
     "",
     0,
     "run_chain_@",
     chain_text,
     {{"chain_@", NULL, ""}, {"chain_@", "run_chain_@", ""}},
     {{0, NULL, NULL, NULL}}},
    {"tree",
     "L",
     40,
     "run_tree_@",
     tree_text,
     {{"tree_new_@", "tree_doc_@", ""},
      {"tree_new_@", "run_tree_@", ""},
      {"rec_@", NULL, ""},
      {"tree_new_@", NULL, "*"}},
     {{'L', "name", "tree_free_@", "release"}}},
    {"bag",
     "",
     0,
     "run_bag_@",
     bag_text,
     {{"bag_add_@", "bag_doc_@", ""},
      {"bag_add_@", "run_bag_@", ""},
      {"bag_add_@", NULL, "*"},
      {"collect_@", "bag_doc_@", ""}},
     {{0, NULL, NULL, NULL}}},
    {"threads",
     "E",
     30,
     "run_threads_@",
     threads_text,
     {{"word_new_@", "thread_doc_@", "E"},
      {"word_new_@", "worker_@", "E"},
      {"word_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"pick",
     "",
     0,
     "run_pick_@",
     pick_text,
     {{"name_new_@", "pick_@", "*"}, {"name_new_@", "run_pick_@", ""}, {"name_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"glob",
     "K",
     30,
     "run_glob_@",
     glob_text,
     {{"note_@", "glob_doc_@", "K"}, {"note_@", "run_glob_@", ""}, {"note_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"append",
     "",
     0,
     "run_text_@",
     append_text,
     {{"append_@", "text_doc_@", ""},
      {"append_@", "run_text_@", ""},
      {"append_@", NULL, "*"},
      {"text_doc_@", NULL, ""}},
     {{0, NULL, NULL, NULL}}},
};
const int gm_count_b = (int)(sizeof(gm_modules_b) / sizeof(gm_modules_b[0]));
