/*
 * rtapi table test: parses runtime/arena_rt.h with libclang (as user code sees it: bump mode,
 * the default) and compares its functions with the tool's table of the runtime (rules/rtapi.h).
 *
 * Fails when a function the header declares (extern, or static inline: the fast paths are what
 * libclang reports as the callee of arena_free(p) in user code) has no table entry, when an
 * entry names nothing the header declares (function or macro), or when an entry's arena, hook
 * or pointer argument index does not point at a parameter of that type.
 *
 * usage: rtapi_test RUNTIME_DIR
 */
#include "cx.h"
#include "rtapi.h"

#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seen {
	char name[128];
	int is_func;
	CXCursor cur;
};

struct walk {
	struct seen v[512];
	size_t n;
};

static int in_header(CXCursor c)
{
	CXFile f;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	if (!f)
		return 0;
	CXString s = clang_getFileName(f);
	int r = rtapi_is_header(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, void *data)
{
	(void)parent;
	struct walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if ((k != CXCursor_FunctionDecl && k != CXCursor_MacroDefinition) || !in_header(c) ||
	    w->n == sizeof(w->v) / sizeof(*w->v))
		return CXChildVisit_Continue;
	CXString s = clang_getCursorSpelling(c);
	struct seen *x = &w->v[w->n++];
	snprintf(x->name, sizeof(x->name), "%s", clang_getCString(s));
	clang_disposeString(s);
	x->is_func = k == CXCursor_FunctionDecl;
	x->cur = c;
	return CXChildVisit_Continue;
}

static const struct seen *find(const struct walk *w, const char *name, int func)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].is_func == func && !strcmp(w->v[i].name, name))
			return &w->v[i];
	return NULL;
}

/* Whether parameter i of fn has a type whose spelling contains `want`. */
static int param_is(CXCursor fn, int i, const char *want)
{
	if (i < 0)
		return 1;
	if (i >= clang_Cursor_getNumArguments(fn))
		return 0;
	CXType t = clang_getCursorType(clang_Cursor_getArgument(fn, (unsigned)i));
	CXString s = clang_getTypeSpelling(t);
	int r = strstr(clang_getCString(s), want) != NULL;
	clang_disposeString(s);
	return r;
}

static int check_entry(const struct walk *w, const struct rt_func *e)
{
	if (e->role == RT_MACRO) {
		if (find(w, e->name, 0))
			return 0;
		printf("FAIL: table entry %s: no such macro in arena_rt.h\n", e->name);
		return 1;
	}
	const struct seen *s = find(w, e->name, 1);
	if (!s) {
		printf("FAIL: table entry %s: arena_rt.h declares no such function\n", e->name);
		return 1;
	}
	if (!param_is(s->cur, e->arena_arg, "arena_t *") || !param_is(s->cur, e->hook_arg, "(*)") ||
	    !param_is(s->cur, e->ptr_arg, "*")) {
		printf("FAIL: table entry %s: an argument index does not match its declaration\n",
		       e->name);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s RUNTIME_DIR\n", argv[0]);
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/arena_rt.h", argv[1]);
	const char *args[] = {"-x", "c", "-std=c11", "-resource-dir", cx_resource_dir()};
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	if (clang_parseTranslationUnit2(idx, path, args, 5, NULL, 0,
	                                CXTranslationUnit_DetailedPreprocessingRecord,
	                                &tu) != CXError_Success) {
		printf("FAIL: cannot parse %s\n", path);
		return 1;
	}
	for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		int bad = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
		clang_disposeDiagnostic(d);
		if (bad) {
			printf("FAIL: %s does not compile\n", path);
			return 1;
		}
	}
	static struct walk w;
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &w);
	int fail = 0;
	size_t nfunc = 0;
	for (size_t i = 0; i < w.n; i++) {
		if (!w.v[i].is_func || find(&w, w.v[i].name, 1) != &w.v[i])
			continue; /* macros; a function declared twice counts once */
		nfunc++;
		if (!rtapi_find(w.v[i].name)) {
			printf(
			    "FAIL: arena_rt.h declares %s, which the tool's table (rules/rtapi.c) "
			    "lacks\n",
			    w.v[i].name);
			fail = 1;
		}
	}
	size_t n;
	const struct rt_func *t = rtapi_table(&n);
	for (size_t i = 0; i < n; i++)
		fail |= check_entry(&w, &t[i]);
	printf("arena_rt.h: %zu functions; table: %zu entries\n", nfunc, n);
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	if (!fail)
		printf("PASS\n");
	return fail;
}
