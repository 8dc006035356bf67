/*
 * gen_mods_d: modules for the control-flow classes of issue 21 (gen_mods.h): non-local exits
 * (setjmp/longjmp inside a scope, and out of one), cleanup-attribute variables, nested scopes
 * (a buffer grown from an inner scope's callee into an outer scope's object), partial frees (a
 * callee that frees on some paths and keeps on others) and the spellings of free ((free)(p), a
 * macro, a const function pointer, free itself redefined as a macro, a body in digraphs).
 *
 * Flags: J longjmp out of jwork's scope to its caller; X jscan, a function between jwork's
 * setjmp and jstep's longjmp (its scratch token dies in it), calls jstep, so the jump skips
 * jscan's arena and the tokens it made for jwork outlive it; E the context's buffer is an element
 * of an array member (setjmp(c.jbs[1]), safe like the plain member); K the cleanup function keeps
 * the first string; O a cleanup variable at the scope function's top level (runs after its last
 * statement, safe); Y the inner scope's scratch string is kept in the outer object; P the
 * callee keeps on one path; A/B/C/D/G (spell) the spellings used, all safe: D is
 * `#define free(p) dbg_free(p, __LINE__)` up to the module's end (#undef), G the braces of
 * spell_doc written <% %>.
 */
#include "gen_mods.h"

#include <stddef.h>

static const char jump_text[] = "\n"
                                "struct jctx_@ {\n"
                                "{!E}\tjmp_buf jb;\n"
                                "{E}\tjmp_buf jbs[2];\n"
                                "\tchar *toks[16];\n"
                                "\tint k;\n"
                                "\tunsigned long h;\n"
                                "};\n"
                                "{J}static jmp_buf jout_@;\n"
                                "\n"
                                "static char *tok_new_@(int i)\n"
                                "{\n"
                                "\tchar *t = malloc(20);\n"
                                "\tif (t)\n"
                                "\t\tsnprintf(t, 20, \"t%d\", i * $0);\n"
                                "\treturn t;\n"
                                "}\n"
                                "\n"
                                "static void jstep_@(struct jctx_@ *c, int i)\n"
                                "{\n"
                                "\tchar *t = tok_new_@(i);\n"
                                "\tif (!t)\n"
                                "{!E}\t\tlongjmp(c->jb, 1);\n"
                                "{E}\t\tlongjmp(c->jbs[1], 1);\n"
                                "\tc->toks[c->k++] = t;\n"
                                "\tc->h = mix_str(c->h, t);\n"
                                "\tif (i == $1)\n"
                                "{!E}\t\tlongjmp(c->jb, 2);\n"
                                "{E}\t\tlongjmp(c->jbs[1], 2);\n"
                                "}\n"
                                "\n"
                                "static void jscan_@(struct jctx_@ *c, int i)\n"
                                "{\n"
                                "\tchar *t = tok_new_@(i + 100);\n"
                                "\tif (t) {\n"
                                "\t\tc->h = mix_str(c->h, t);\n"
                                "\t\tfree(t);\n"
                                "\t}\n"
                                "{X}\tjstep_@(c, i);\n"
                                "}\n"
                                "\n"
                                "static void jloop_@(struct jctx_@ *c, int n)\n"
                                "{\n"
                                "\tfor (int i = 0; i < n && c->k < 16; i++) {\n"
                                "\t\tjscan_@(c, i);\n"
                                "{!X}\t\tjstep_@(c, i);\n"
                                "\t}\n"
                                "}\n"
                                "\n"
                                "static unsigned long jwork_@(int n)\n"
                                "{\n"
                                "\tstruct jctx_@ c;\n"
                                "\tmemset(&c, 0, sizeof(c));\n"
                                "{!E}\tif (setjmp(c.jb) == 0)\n"
                                "{E}\tif (setjmp(c.jbs[1]) == 0)\n"
                                "\t\tjloop_@(&c, n);\n"
                                "\telse\n"
                                "\t\tc.h = mix(c.h, 7);\n"
                                "\tfor (int i = 0; i < c.k; i++)\n"
                                "\t\tfree(c.toks[i]);\n"
                                "{J}\tif (n % 3 == 0)\n"
                                "{J}\t\tlongjmp(jout_@, 1);\n"
                                "\treturn c.h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long jdoc_@(int n)\n"
                                "{\n"
                                "{J}\tif (setjmp(jout_@) != 0)\n"
                                "{J}\t\treturn 99;\n"
                                "\treturn jwork_@(n);\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_jump_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $2; r++)\n"
                                "\t\th = mix(h, jdoc_@(r + $3));\n"
                                "\treturn h;\n"
                                "}\n";

static const char clean_text[] =
    "\n"
    "{K}static char *g_kept_@;\n"
    "\n"
    "static void freep_@(char **p)\n"
    "{\n"
    "{K}\tif (*p && !g_kept_@) {\n"
    "{K}\t\tg_kept_@ = *p;\n"
    "{K}\t\treturn;\n"
    "{K}\t}\n"
    "\tfree(*p);\n"
    "}\n"
    "\n"
    "static char *cstr_new_@(int i)\n"
    "{\n"
    "\tchar *s = malloc(20);\n"
    "\tif (s)\n"
    "\t\tsnprintf(s, 20, \"c%d\", i * $0);\n"
    "\treturn s;\n"
    "}\n"
    "\n"
    "static unsigned long clean_doc_@(int n)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "{O}\t__attribute__((cleanup(freep_@))) char *first = cstr_new_@(n);\n"
    "{O}\th = mix_str(h, first ? first : \"-\");\n"
    "\tfor (int i = 0; i < n; i++) {\n"
    "\t\t__attribute__((cleanup(freep_@))) char *s = cstr_new_@(i);\n"
    "\t\tif (!s)\n"
    "\t\t\tcontinue;\n"
    "\t\th = mix_str(h, s);\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n"
    "\n"
    "static unsigned long run_clean_@(void)\n"
    "{\n"
    "\tunsigned long h = 0;\n"
    "\tfor (int r = 0; r < $1; r++)\n"
    "\t\th = mix(h, clean_doc_@(r + $2));\n"
    "{K}\tif (g_kept_@) {\n"
    "{K}\t\th = mix_str(h, g_kept_@);\n"
    "{K}\t\tfree(g_kept_@);\n"
    "{K}\t\tg_kept_@ = NULL;\n"
    "{K}\t}\n"
    "\treturn h;\n"
    "}\n";

static const char nest_text[] = "\n"
                                "struct out_@ {\n"
                                "\tchar *buf;\n"
                                "\tsize_t len, cap;\n"
                                "\tchar *kept;\n"
                                "};\n"
                                "\n"
                                "static int out_put_@(struct out_@ *o, const char *s)\n"
                                "{\n"
                                "\tsize_t n = strlen(s);\n"
                                "\tif (o->len + n + 1 > o->cap) {\n"
                                "\t\tsize_t c = o->cap ? o->cap * 2 : $0;\n"
                                "\t\twhile (c < o->len + n + 1)\n"
                                "\t\t\tc *= 2;\n"
                                "\t\tchar *nb = realloc(o->buf, c);\n"
                                "\t\tif (!nb)\n"
                                "\t\t\treturn -1;\n"
                                "\t\to->buf = nb;\n"
                                "\t\to->cap = c;\n"
                                "\t}\n"
                                "\tmemcpy(o->buf + o->len, s, n + 1);\n"
                                "\to->len += n;\n"
                                "\treturn 0;\n"
                                "}\n"
                                "\n"
                                "static char *scratch_new_@(int i)\n"
                                "{\n"
                                "\tchar *s = malloc(32);\n"
                                "\tif (s)\n"
                                "\t\tsnprintf(s, 32, \"<%d>\", i * $1);\n"
                                "\treturn s;\n"
                                "}\n"
                                "\n"
                                "static void item_@(struct out_@ *o, int i)\n"
                                "{\n"
                                "\tchar *s = scratch_new_@(i);\n"
                                "\tif (!s)\n"
                                "\t\treturn;\n"
                                "\tout_put_@(o, s);\n"
                                "{Y}\tif (!o->kept) {\n"
                                "{Y}\t\to->kept = s;\n"
                                "{Y}\t\treturn;\n"
                                "{Y}\t}\n"
                                "\tfree(s);\n"
                                "}\n"
                                "\n"
                                "static unsigned long nest_doc_@(int n)\n"
                                "{\n"
                                "\tstruct out_@ o = {NULL, 0, 0, NULL};\n"
                                "\tfor (int i = 0; i < n; i++)\n"
                                "\t\titem_@(&o, i);\n"
                                "\tunsigned long h = o.buf ? mix_str(o.len, o.buf) : 0;\n"
                                "\th = mix_str(h, o.kept ? o.kept : \"-\");\n"
                                "\tfree(o.kept);\n"
                                "\tfree(o.buf);\n"
                                "\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_nest_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $2; r++)\n"
                                "\t\th = mix(h, nest_doc_@(r * 2 + $3));\n"
                                "\treturn h;\n"
                                "}\n";

static const char part_text[] = "\n"
                                "{P}static char *g_cache_@;\n"
                                "\n"
                                "static char *pstr_new_@(int i)\n"
                                "{\n"
                                "\tchar *s = malloc(24);\n"
                                "\tif (s)\n"
                                "\t\tsnprintf(s, 24, \"p%d\", i * $0);\n"
                                "\treturn s;\n"
                                "}\n"
                                "\n"
                                "static void done_@(char *s, int i)\n"
                                "{\n"
                                "{P}\tif (i % 3 == 1 && !g_cache_@) {\n"
                                "{P}\t\tg_cache_@ = s;\n"
                                "{P}\t\treturn;\n"
                                "{P}\t}\n"
                                "\tif (i % 2) {\n"
                                "\t\tfree(s);\n"
                                "\t\treturn;\n"
                                "\t}\n"
                                "\tfree(s);\n"
                                "}\n"
                                "\n"
                                "static unsigned long part_doc_@(int n)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int i = 0; i < n; i++) {\n"
                                "\t\tchar *s = pstr_new_@(i);\n"
                                "\t\tif (!s)\n"
                                "\t\t\tcontinue;\n"
                                "\t\th = mix_str(h, s);\n"
                                "\t\tdone_@(s, i);\n"
                                "\t}\n"
                                "\treturn h;\n"
                                "}\n"
                                "\n"
                                "static unsigned long run_part_@(void)\n"
                                "{\n"
                                "\tunsigned long h = 0;\n"
                                "\tfor (int r = 0; r < $1; r++)\n"
                                "\t\th = mix(h, part_doc_@(r + $2));\n"
                                "{P}\tif (g_cache_@) {\n"
                                "{P}\t\th = mix_str(h, g_cache_@);\n"
                                "{P}\t\tfree(g_cache_@);\n"
                                "{P}\t\tg_cache_@ = NULL;\n"
                                "{P}\t}\n"
                                "\treturn h;\n"
                                "}\n";

static const char spell_text[] = "\n"
                                 "{D}static unsigned long g_frees_@;\n"
                                 "{D}\n"
                                 "{D}static void dbg_free_@(void *p, int line)\n"
                                 "{D}{\n"
                                 "{D}\tg_frees_@ += line > 0;\n"
                                 "{D}\tfree(p);\n"
                                 "{D}}\n"
                                 "{D}#define free(p) dbg_free_@(p, __LINE__)\n"
                                 "{B}#define SP_FREE_@(p) free(p)\n"
                                 "{C}static void (*const sp_release_@)(void *) = free;\n"
                                 "\n"
                                 "static char *sp_new_@(int i)\n"
                                 "{\n"
                                 "\tchar *s = malloc(24);\n"
                                 "\tif (s)\n"
                                 "\t\tsnprintf(s, 24, \"w%d\", i * $0);\n"
                                 "\treturn s;\n"
                                 "}\n"
                                 "\n"
                                 "static unsigned long spell_doc_@(int n)\n"
                                 "{!G}{\n"
                                 "{G}<%\n"
                                 "\tunsigned long h = 0;\n"
                                 "\tfor (int i = 0; i < n; i++) {\n"
                                 "\t\tchar *s = sp_new_@(i);\n"
                                 "\t\tif (!s)\n"
                                 "\t\t\tcontinue;\n"
                                 "\t\th = mix_str(h, s);\n"
                                 "{A}\t\tif (i % 3 == 0) {\n"
                                 "{A}\t\t\t(free)(s);\n"
                                 "{A}\t\t\tcontinue;\n"
                                 "{A}\t\t}\n"
                                 "{B}\t\tif (i % 3 == 1) {\n"
                                 "{B}\t\t\tSP_FREE_@(s);\n"
                                 "{B}\t\t\tcontinue;\n"
                                 "{B}\t\t}\n"
                                 "{C}\t\tif (i % 3 == 2) {\n"
                                 "{C}\t\t\tsp_release_@(s);\n"
                                 "{C}\t\t\tcontinue;\n"
                                 "{C}\t\t}\n"
                                 "\t\tfree(s);\n"
                                 "\t}\n"
                                 "\treturn h;\n"
                                 "{!G}}\n"
                                 "{G}%>\n"
                                 "\n"
                                 "static unsigned long run_spell_@(void)\n"
                                 "{\n"
                                 "\tunsigned long h = 0;\n"
                                 "\tfor (int r = 0; r < $1; r++)\n"
                                 "\t\th = mix(h, spell_doc_@(r + $2));\n"
                                 "{D}\th = mix(h, g_frees_@);\n"
                                 "\treturn h;\n"
                                 "}\n"
                                 "{D}#undef free\n";

const struct gm_module gm_modules_d[] = {
    {"jump",
     "JXE",
     30,
     "run_jump_@",
     jump_text,
     {{"tok_new_@", "jwork_@", "J"},
      {"tok_new_@", "jscan_@", "X"},
      {"tok_new_@", "jdoc_@", ""},
      {"tok_new_@", "run_jump_@", ""},
      {"tok_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"cleanup",
     "KO",
     35,
     "run_clean_@",
     clean_text,
     {{"cstr_new_@", "clean_doc_@", "K"},
      {"cstr_new_@", "run_clean_@", ""},
      {"cstr_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"nest",
     "Y",
     35,
     "run_nest_@",
     nest_text,
     {{"out_put_@", "nest_doc_@", ""},
      {"scratch_new_@", "item_@", "Y"},
      {"scratch_new_@", "nest_doc_@", ""},
      {"out_put_@", "item_@", "*"},
      {"out_put_@", "run_nest_@", ""}},
     {{0, NULL, NULL, NULL}}},
    {"partial",
     "P",
     40,
     "run_part_@",
     part_text,
     {{"pstr_new_@", "part_doc_@", "P"},
      {"pstr_new_@", "run_part_@", ""},
      {"pstr_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
    {"spell",
     "ABCDG",
     50,
     "run_spell_@",
     spell_text,
     {{"sp_new_@", "spell_doc_@", ""}, {"sp_new_@", "run_spell_@", ""}, {"sp_new_@", NULL, "*"}},
     {{0, NULL, NULL, NULL}}},
};
const int gm_count_d = (int)(sizeof(gm_modules_d) / sizeof(gm_modules_d[0]));
