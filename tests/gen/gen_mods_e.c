/*
 * gen_mods_e: modules for issue 21's classes of memory reached again (gen_mods.h): a pointer
 * read back out of memory and kept with a reference count, an out-parameter filled through an
 * intermediate function into a context's array, and a block handed to libc functions that
 * look into it (memmem), measure it (malloc_usable_size, heap-only), grow it (reallocarray) or
 * return it (memchr); and allocation spelled by the program's own macros (issue 26).
 *
 * A fourth (libcb) is code that libc runs: a fopencookie stream's write function, called by
 * fprintf inside the document's scope, with no edge of the program's own calls to it.
 *
 * Flags: K (mem) an incref'd node is kept past the document; G (outp) the context is a global
 * whose labels outlive the document (set_label as the hotspot allocates nothing itself: safe
 * whatever G says); U malloc_usable_size on the block; A reallocarray grows it
 * (libc realloc); R memchr's result, the block itself, is kept past the document; L (libcb)
 * the stream's write function keeps a copy of each line, made by the hotspot, in a global
 * ring that run_log frees at its end; K (mspell) a function the scope reaches, no hotspot,
 * keeps a copy made with the same macro past the document (the macro's scope-aware definition
 * would hand it scope memory: the tool must refuse); U (mspell) the hotspot, and the macros
 * with it, also run before the document's scope (heap memory there).
 */
#include "gen_mods.h"

#include <stddef.h>

static const char mem_text[] =
    "\n"
    "struct rc_@ {\n"
    "\tint refs;\n"
    "\tint v;\n"
    "\tchar *name;\n"
    "};\n"
    "struct arr_@ {\n"
    "\tstruct rc_@ *items[16];\n"
    "\tint n;\n"
    "};\n"
    "{K}static struct rc_@ *g_last_@;\n"
    "\n"
    "static struct rc_@ *rc_new_@(int v)\n"
    "{\n"
    "\tstruct rc_@ *o = malloc(sizeof(*o));\n"
    "\tif (!o)\n"
    "\t\treturn NULL;\n"
    "\to->name = malloc(16);\n"
    "\tif (!o->name) {\n"
    "\t\tfree(o);\n"
    "\t\treturn NULL;\n"
    "\t}\n"
    "\tsnprintf(o->name, 16, \"r%d\", v * $0);\n"
    "\to->refs = 1;\n"
    "\to->v = v;\n"
    "\treturn o;\n"
    "}\n"
    "\n"
    "static struct rc_@ *rc_incref_@(struct rc_@ *o)\n"
    "{\n"
    "\tif (o)\n"
    "\t\to->refs++;\n"
    "\treturn o;\n"
    "}\n"
    "\n"
    "static void rc_decref_@(struct rc_@ *o)\n"
    "{\n"
    "\tif (o && --o->refs == 0) {\n"
    "\t\tfree(o->name);\n"
    "\t\tfree(o);\n"
    "\t}\n"
    "}\n"
    "\n"
    "static struct rc_@ *arr_get_@(struct arr_@ *a, int i)\n"
    "{\n"
    "\treturn i >= 0 && i < a->n ? a->items[i] : NULL;\n"
    "}\n"
    "\n"
    "static unsigned long mem_doc_@(int n)\n"
    "{\n"
    "\tstruct arr_@ a;\n"
    "\ta.n = 0;\n"
    "\tfor (int i = 0; i < n && a.n < 16; i++) {\n"
    "\t\tstruct rc_@ *o = rc_new_@(i);\n"
    "\t\tif (o)\n"
    "\t\t\ta.items[a.n++] = o;\n"
    "\t}\n"
    "\tstruct rc_@ *first = rc_incref_@(arr_get_@(&a, $1 % 2));\n"
    "\tunsigned long h = first ? mix_str((unsigned long)first->v, first->name) : 0;\n"
    "{K}\tif (!g_last_@ && a.n > 0)\n"
    "{K}\t\tg_last_@ = rc_incref_@(arr_get_@(&a, a.n - 1));\n"
    "\tfor (int i = 0; i < a.n; i++)\n"
    "\t\trc_decref_@(a.items[i]);\n"
    "\th = mix_str(h, first ? first->name : \"-\");\n"
    "\trc_decref_@(first);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_mem_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $2; r++)\n"
    "\t\th = mix(h, mem_doc_@(r + $3));\n"
    "{K}\tif (g_last_@) {\n"
    "{K}\t\th = mix_str(h, g_last_@->name);\n"
    "{K}\t\trc_decref_@(g_last_@);\n"
    "{K}\t\tg_last_@ = NULL;\n"
    "{K}\t}\n"
    "\treturn h;\n"
    "}\n";

static const char outp_text[] =
    "\n"
    "struct def_@ {\n"
    "\tchar *label;\n"
    "\tint n;\n"
    "};\n"
    "struct ctx_@ {\n"
    "\tstruct def_@ defs[8];\n"
    "\tint ndefs;\n"
    "};\n"
    "{G}static struct ctx_@ g_ctx_@;\n"
    "\n"
    "static char *label_new_@(int i)\n"
    "{\n"
    "\tchar *s = malloc(20);\n"
    "\tif (s)\n"
    "\t\tsnprintf(s, 20, \"d%d\", i * $0);\n"
    "\treturn s;\n"
    "}\n"
    "\n"
    "static void set_label_@(char **out, int i)\n"
    "{\n"
    "\t*out = label_new_@(i);\n"
    "}\n"
    "\n"
    "static unsigned long outp_fill_@(struct ctx_@ *ctx, int n)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int i = 0; i < n && ctx->ndefs < 8; i++) {\n"
    "\t\tstruct def_@ *d = &ctx->defs[ctx->ndefs++];\n"
    "\t\td->n = i;\n"
    "\t\tset_label_@(&d->label, i);\n"
    "\t\th = mix_str(mix(h, (unsigned long)d->n), d->label ? d->label : \"-\");\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static void ctx_clear_@(struct ctx_@ *c)\n"
    "{\n"
    "\tfor (int i = 0; i < c->ndefs; i++)\n"
    "\t\tfree(c->defs[i].label);\n"
    "\tc->ndefs = 0;\n"
    "}\n"
    "\n"
    "static unsigned long outp_doc_@(int n)\n"
    "{\n"
    "\tstruct ctx_@ local;\n"
    "\tmemset(&local, 0, sizeof(local));\n"
    "\tstruct ctx_@ *ctx = &local;\n"
    "{G}\tctx = &g_ctx_@;\n"
    "\tunsigned long h = outp_fill_@(ctx, n);\n"
    "\tif (ctx == &local)\n"
    "\t\tctx_clear_@(ctx);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_outp_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $1; r++)\n"
    "\t\th = mix(h, outp_doc_@(r + $2));\n"
    "{G}\th = mix(h, (unsigned long)g_ctx_@.ndefs);\n"
    "{G}\tctx_clear_@(&g_ctx_@);\n"
    "\treturn h;\n"
    "}\n";

static const char blk_text[] = "\n"
                               "{R}static char *g_pos_@;\n"
                               "\n"
                               "static char *blk_new_@(size_t n)\n"
                               "{\n"
                               "\treturn malloc(n);\n"
                               "}\n"
                               "\n"
                               "static unsigned long blk_doc_@(int r)\n"
                               "{\n"
                               "\tsize_t n = (size_t)($0 * 4 + r);\n"
                               "\tchar *b = blk_new_@(n + 1);\n"
                               "\tif (!b)\n"
                               "\t\treturn 0;\n"
                               "\tfor (size_t i = 0; i < n; i++)\n"
                               "\t\tb[i] = (char)('a' + (i * $1) % 7);\n"
                               "\tb[n] = '\\0';\n"
                               "\tunsigned long h = mix_str((unsigned long)r, b);\n"
                               "\tchar *hit = memmem(b, n, \"ab\", 2);\n"
                               "\th = mix(h, hit ? (unsigned long)(hit - b) : 99);\n"
                               "{U}\th = mix(h, malloc_usable_size(b) >= n + 1);\n"
                               "{A}\tchar *nb = reallocarray(b, n + 1, 2);\n"
                               "{A}\tif (!nb) {\n"
                               "{A}\t\tfree(b);\n"
                               "{A}\t\treturn h;\n"
                               "{A}\t}\n"
                               "{A}\tb = nb;\n"
                               "{A}\tmemcpy(b + n + 1, b, n + 1);\n"
                               "{A}\th = mix_str(h, b + n + 1);\n"
                               "{R}\tif (!g_pos_@) {\n"
                               "{R}\t\tg_pos_@ = memchr(b, b[0], n);\n"
                               "{R}\t\treturn h;\n"
                               "{R}\t}\n"
                               "\tfree(b);\n"
                               "\treturn h;\n"
                               "}\n"
                               "\n"
                               "static unsigned long run_blk_@(void)\n"
                               "{\n"
                               "\tunsigned long h = 0;\n"
                               "\tfor (int r = 0; r < $2; r++)\n"
                               "\t\th = mix(h, blk_doc_@(r));\n"
                               "{R}\tif (g_pos_@) {\n"
                               "{R}\t\th = mix_str(h, g_pos_@);\n"
                               "{R}\t\tfree(g_pos_@);\n"
                               "{R}\t\tg_pos_@ = NULL;\n"
                               "{R}\t}\n"
                               "\treturn h;\n"
                               "}\n";

static const char libcb_text[] =
    "\n"
    "{L}static char *g_ring_@[8];\n"
    "{L}static int g_nring_@;\n"
    "static unsigned long g_bytes_@;\n"
    "static FILE *g_log_@;\n"
    "\n"
    "static char *line_dup_@(const char *s, size_t n)\n"
    "{\n"
    "\tchar *d = malloc(n + 1);\n"
    "\tif (!d)\n"
    "\t\treturn NULL;\n"
    "\tmemcpy(d, s, n);\n"
    "\td[n] = '\\0';\n"
    "\treturn d;\n"
    "}\n"
    "\n"
    "static ssize_t log_write_@(void *cookie, const char *buf, size_t n)\n"
    "{\n"
    "\t(void)cookie;\n"
    "\tfor (size_t i = 0; i < n; i++)\n"
    "\t\tg_bytes_@ += (unsigned char)buf[i];\n"
    "{L}\tif (g_nring_@ < 8)\n"
    "{L}\t\tg_ring_@[g_nring_@++] = line_dup_@(buf, n);\n"
    "\treturn (ssize_t)n;\n"
    "}\n"
    "\n"
    "static unsigned long log_doc_@(int r)\n"
    "{\n"
    "\tchar *name = line_dup_@(\"item\", 4);\n"
    "\tif (!name)\n"
    "\t\treturn 0;\n"
    "\tfprintf(g_log_@, \"%s %d\\n\", name, r * $0);\n"
    "\tunsigned long h = mix_str(0, name);\n"
    "\tfree(name);\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_log_@(void)\n"
    "{\n"
    "\tcookie_io_functions_t io = {NULL, log_write_@, NULL, NULL};\n"
    "\tg_log_@ = fopencookie(NULL, \"w\", io);\n"
    "\tif (!g_log_@)\n"
    "\t\treturn 0;\n"
    "\tsetvbuf(g_log_@, NULL, _IONBF, 0);\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $2; r++)\n"
    "\t\th = mix(h, log_doc_@(r));\n"
    "\tfclose(g_log_@);\n"
    "\th = mix(h, g_bytes_@);\n"
    "{L}\tfor (int i = 0; i < g_nring_@; i++) {\n"
    "{L}\t\th = mix_str(h, g_ring_@[i]);\n"
    "{L}\t\tfree(g_ring_@[i]);\n"
    "{L}\t\tg_ring_@[i] = NULL;\n"
    "{L}\t}\n"
    "{L}\tg_nring_@ = 0;\n"
    "\treturn h;\n"
    "}\n";
static const char mspell_text[] = "\n"
                                  "#define MG_GROW_@(b, n, cap) ((n) < (cap) ? (b) : ((cap) = (n) "
                                  "* 2 + 8, (b) = realloc((b), (cap))))\n"
                                  "#define MG_DROP_@(b) free(b)\n"
                                  "{K}static char *g_keep_@;\n"
                                  "\n"
                                  "static char *mg_word_@(int i)\n"
                                  "{\n"
                                  "\tchar *b = NULL;\n"
                                  "\tsize_t n = 0, cap = 0;\n"
                                  "\tfor (int k = 0; k < 4 + i % $0; k++) {\n"
                                  "\t\tif (!MG_GROW_@(b, n + 2, cap))\n"
                                  "\t\t\treturn NULL;\n"
                                  "\t\tb[n++] = (char)('a' + (i + k) % 26);\n"
                                  "\t}\n"
                                  "\tb[n] = '\\0';\n"
                                  "\treturn b;\n"
                                  "}\n"
                                  "{K}\n"
                                  "{K}static void mg_keep_@(const char *w)\n"
                                  "{K}{\n"
                                  "{K}\tchar *k = NULL;\n"
                                  "{K}\tsize_t cap = 0;\n"
                                  "{K}\tif (!MG_GROW_@(k, strlen(w) + 1, cap))\n"
                                  "{K}\t\treturn;\n"
                                  "{K}\tstrcpy(k, w);\n"
                                  "{K}\tMG_DROP_@(g_keep_@);\n"
                                  "{K}\tg_keep_@ = k;\n"
                                  "{K}}\n"
                                  "{U}\n"
                                  "{U}static unsigned long mg_outside_@(void)\n"
                                  "{U}{\n"
                                  "{U}\tchar *w = mg_word_@($1);\n"
                                  "{U}\tunsigned long h = w ? mix_str(7, w) : 7;\n"
                                  "{U}\tMG_DROP_@(w);\n"
                                  "{U}\treturn h;\n"
                                  "{U}}\n"
                                  "\n"
                                  "static unsigned long mg_doc_@(int n)\n"
                                  "{\n"
                                  "\tunsigned long h = 0;\n"
                                  "\tfor (int i = 0; i < n; i++) {\n"
                                  "\t\tchar *w = mg_word_@(i);\n"
                                  "\t\tif (!w)\n"
                                  "\t\t\tcontinue;\n"
                                  "\t\th = mix_str(h, w);\n"
                                  "{K}\t\tif (i % 3 == 0)\n"
                                  "{K}\t\t\tmg_keep_@(w);\n"
                                  "\t\tMG_DROP_@(w);\n"
                                  "\t}\n"
                                  "\treturn h;\n"
                                  "}\n"
                                  "\n"
                                  "static unsigned long run_mg_@(void)\n"
                                  "{\n"
                                  "\tunsigned long h = 0;\n"
                                  "{U}\th = mix(h, mg_outside_@());\n"
                                  "\tfor (int r = 0; r < $2; r++) {\n"
                                  "\t\th = mix(h, mg_doc_@(r + $3));\n"
                                  "{K}\t\tif (g_keep_@)\n"
                                  "{K}\t\t\th = mix_str(h, g_keep_@);\n"
                                  "\t}\n"
                                  "{K}\tMG_DROP_@(g_keep_@);\n"
                                  "{K}\tg_keep_@ = NULL;\n"
                                  "\treturn h;\n"
                                  "}\n";

const struct gm_module gm_modules_e[] = {
    {"refcount",
     "K",
     40,
     "run_mem_@",
     mem_text,
     {{"rc_new_@", "mem_doc_@", "K"}, {"rc_new_@", "run_mem_@", ""}, {"rc_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"outparam",
     "G",
     40,
     "run_outp_@",
     outp_text,
     {{"label_new_@", "outp_doc_@", "G"},
      {"label_new_@", "run_outp_@", ""},
      {"set_label_@", "outp_doc_@", ""},
      {"label_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"block",
     "UAR",
     30,
     "run_blk_@",
     blk_text,
     {{"blk_new_@", "blk_doc_@", "UAR"},
      {"blk_new_@", "run_blk_@", "UA"},
      {"blk_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"libcb",
     "L",
     50,
     "run_log_@",
     libcb_text,
     {{"line_dup_@", "log_doc_@", "L"}, {"line_dup_@", "run_log_@", ""}, {"line_dup_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"mspell",
     "KU",
     40,
     "run_mg_@",
     mspell_text,
     {{"mg_word_@", "mg_doc_@", "K"}, {"mg_word_@", "run_mg_@", ""}, {"mg_word_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
};
const int gm_count_e = (int)(sizeof(gm_modules_e) / sizeof(gm_modules_e[0]));
