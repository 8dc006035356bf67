/*
 * effects coverage: parses a unit that includes glibc's public headers (with _GNU_SOURCE, once
 * plain and once with -O2 -D_FORTIFY_SOURCE=2, which declares the __*_chk entry points a
 * fortified build calls) with libclang, lists every function they declare that takes or
 * returns a pointer (a pointer, an array, a function, a va_list, or a struct or union holding
 * one), and checks the effects table the tool embeds (rules/effects.json, loaded with
 * rules_load as the tool loads it) against them:
 *
 *   - a function with pointers that is in neither "effects" nor "unknown" fails;
 *   - an entry whose "params" length differs from the declaration's parameter count, or whose
 *     "variadic" disagrees with the declaration's "...", fails (any declared function, with
 *     pointers or not);
 *   - an entry that names no declared function must be a compiler builtin (__builtin_memcpy,
 *     __sync_fetch_and_add): a probe unit calls it with "params" arguments, and with one more;
 *     clang must accept the first count and reject the second unless "variadic" is given. A
 *     name clang does not know fails.
 *
 * It prints the coverage figure: N functions with pointers: D described, U deliberately
 * unknown. Headers the system does not have are skipped with a note.
 *
 * usage: effects_coverage [--list]   (--list prints every function with pointers, its status,
 *                                     prototype and header: the maintainer's worklist)
 */
#include "cx.h"
#include "err.h"
#include "rules.h"
#include "strmap.h"

#include <cjson/cJSON.h>
#include <clang-c/Index.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The built-in table as compiled in (rules/CMakeLists.txt). */
extern const char rules_effects_json[];

/* The headers: the list and the rest of glibc's commonly used public headers. */
static const char *const headers[] = {
    "aio.h",
    "aliases.h",
    "alloca.h",
    "argp.h",
    "argz.h",
    "arpa/inet.h",
    "assert.h",
    "byteswap.h",
    "complex.h",
    "ctype.h",
    "dirent.h",
    "dlfcn.h",
    "endian.h",
    "envz.h",
    "err.h",
    "errno.h",
    "error.h",
    "execinfo.h",
    "fcntl.h",
    "fenv.h",
    "fmtmsg.h",
    "fnmatch.h",
    "fstab.h",
    "fts.h",
    "ftw.h",
    "getopt.h",
    "glob.h",
    "grp.h",
    "gshadow.h",
    "iconv.h",
    "ifaddrs.h",
    "inttypes.h",
    "langinfo.h",
    "libgen.h",
    "libintl.h",
    "limits.h",
    "link.h",
    "locale.h",
    "malloc.h",
    "math.h",
    "mcheck.h",
    "memory.h",
    "mntent.h",
    "monetary.h",
    "mqueue.h",
    "net/if.h",
    "netdb.h",
    "netinet/ether.h",
    "netinet/in.h",
    "nl_types.h",
    "nss.h",
    "obstack.h",
    "paths.h",
    "poll.h",
    "printf.h",
    "pthread.h",
    "pty.h",
    "pwd.h",
    "re_comp.h",
    "regex.h",
    "resolv.h",
    "sched.h",
    "search.h",
    "semaphore.h",
    "setjmp.h",
    "sgtty.h",
    "shadow.h",
    "signal.h",
    "spawn.h",
    "stdatomic.h",
    "stdio.h",
    "stdio_ext.h",
    "stdlib.h",
    "string.h",
    "strings.h",
    "sys/acct.h",
    "sys/auxv.h",
    "sys/bitypes.h",
    "sys/debugreg.h",
    "sys/dir.h",
    "sys/epoll.h",
    "sys/errno.h",
    "sys/eventfd.h",
    "sys/fanotify.h",
    "sys/fcntl.h",
    "sys/file.h",
    "sys/fsuid.h",
    "sys/gmon.h",
    "sys/gmon_out.h",
    "sys/inotify.h",
    "sys/io.h",
    "sys/ioctl.h",
    "sys/ipc.h",
    "sys/kd.h",
    "sys/klog.h",
    "sys/mman.h",
    "sys/mount.h",
    "sys/msg.h",
    "sys/mtio.h",
    "sys/param.h",
    "sys/pci.h",
    "sys/perm.h",
    "sys/personality.h",
    "sys/pidfd.h",
    "sys/platform/x86.h",
    "sys/poll.h",
    "sys/prctl.h",
    "sys/procfs.h",
    "sys/profil.h",
    "sys/ptrace.h",
    "sys/queue.h",
    "sys/quota.h",
    "sys/random.h",
    "sys/raw.h",
    "sys/reboot.h",
    "sys/reg.h",
    "sys/resource.h",
    "sys/rseq.h",
    "sys/select.h",
    "sys/sem.h",
    "sys/sendfile.h",
    "sys/shm.h",
    "sys/signal.h",
    "sys/signalfd.h",
    "sys/single_threaded.h",
    "sys/socket.h",
    "sys/socketvar.h",
    "sys/soundcard.h",
    "sys/stat.h",
    "sys/statfs.h",
    "sys/statvfs.h",
    "sys/swap.h",
    "sys/syscall.h",
    "sys/sysinfo.h",
    "sys/syslog.h",
    "sys/sysmacros.h",
    "sys/termios.h",
    "sys/time.h",
    "sys/timeb.h",
    "sys/timerfd.h",
    "sys/times.h",
    "sys/timex.h",
    "sys/ttychars.h",
    "sys/ttydefaults.h",
    "sys/types.h",
    "sys/ucontext.h",
    "sys/uio.h",
    "sys/un.h",
    "sys/unistd.h",
    "sys/user.h",
    "sys/utsname.h",
    "sys/vfs.h",
    "sys/vlimit.h",
    "sys/vt.h",
    "sys/wait.h",
    "sys/xattr.h",
    "syscall.h",
    "sysexits.h",
    "syslog.h",
    "termio.h",
    "termios.h",
    "threads.h",
    "time.h",
    "ttyent.h",
    "uchar.h",
    "ucontext.h",
    "ulimit.h",
    "unistd.h",
    "utime.h",
    "utmp.h",
    "utmpx.h",
    "values.h",
    "wait.h",
    "wchar.h",
    "wctype.h",
    "wordexp.h",
};
#define NHEADERS (sizeof(headers) / sizeof(*headers))

struct fn {
	char *name;
	int alias; /* a header's private name for another function (fortify's __read_alias) */
	char *proto;
	char *file;
	int np;
	int variadic;
	int ptrs;
};

struct fns {
	struct fn *v;
	size_t n, cap;
	int missing[NHEADERS]; /* headers the system lacks */
};

static char *cxstr(CXString s)
{
	const char *c = clang_getCString(s);
	size_t n = strlen(c ? c : "");
	char *r = malloc(n + 1);
	if (!r)
		abort();
	memcpy(r, c ? c : "", n + 1);
	clang_disposeString(s);
	return r;
}

static int holds_ptr(CXType t, int depth);

static enum CXVisitorResult field_ptr(CXCursor c, CXClientData data)
{
	int *found = data;
	if (holds_ptr(clang_getCursorType(c), 1)) {
		*found = 1;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

/* Whether a value of type t is or holds a pointer. depth 0: a parameter or a result, where an
 * array or a function is a pointer; deeper: a member, where an array holds its elements. */
static int holds_ptr(CXType t, int depth)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Pointer:
	case CXType_BlockPointer:
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		return 1;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
		return depth == 0 || holds_ptr(clang_getArrayElementType(t), depth + 1);
	case CXType_Record: {
		int found = 0;
		if (depth < 8)
			clang_Type_visitFields(t, field_ptr, &found);
		return found;
	}
	default:
		return 0;
	}
}

static enum CXChildVisitResult asm_label(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_AsmLabelAttr)
		return CXChildVisit_Continue;
	*(int *)data = 1;
	return CXChildVisit_Break;
}

/* A reserved name bound to another symbol by an asm label: what a fortified header's inline
 * wrapper calls (__read_alias is read, __read_chk_warn is __read_chk). Sources do not name
 * them, and the analysis never walks the headers' bodies. */
static int is_alias(CXCursor c, const char *name)
{
	int label = 0;
	if (name[0] != '_' || name[1] != '_')
		return 0;
	clang_visitChildren(c, asm_label, &label);
	return label;
}

static struct fn *find_fn(const struct fns *w, const char *name)
{
	for (size_t i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].name, name))
			return &w->v[i];
	return NULL;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct fns *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_VarDecl) { /* a marker of a missing header */
		char *name = cxstr(clang_getCursorSpelling(c));
		unsigned i;
		if (sscanf(name, "arw_missing_%u", &i) == 1 && i < NHEADERS)
			w->missing[i] = 1;
		free(name);
		return CXChildVisit_Continue;
	}
	if (k != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	char *name = cxstr(clang_getCursorSpelling(c));
	if (find_fn(w, name)) {
		free(name);
		return CXChildVisit_Continue;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 1024;
		w->v = realloc(w->v, w->cap * sizeof(*w->v));
		if (!w->v)
			abort();
	}
	struct fn *f = &w->v[w->n++];
	CXType t = clang_getCursorType(c);
	f->name = name;
	f->alias = is_alias(c, name);
	f->proto = cxstr(clang_getTypeSpelling(t));
	CXFile file;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
	f->file = cxstr(clang_getFileName(file));
	f->np = clang_Cursor_getNumArguments(c);
	f->variadic = clang_isFunctionTypeVariadic(t);
	f->ptrs = f->variadic || holds_ptr(clang_getResultType(t), 0);
	for (int i = 0; i < f->np && !f->ptrs; i++)
		f->ptrs =
		    holds_ptr(clang_getCursorType(clang_Cursor_getArgument(c, (unsigned)i)), 0);
	return CXChildVisit_Continue;
}

/* The unit that includes every header the system has. */
static char *unit_text(void)
{
	size_t cap = 256 + NHEADERS * 160, n = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	n += (size_t)snprintf(s + n, cap - n, "#define _GNU_SOURCE 1\n");
	for (size_t i = 0; i < NHEADERS; i++)
		n += (size_t)snprintf(s + n, cap - n,
		                      "#if __has_include(<%s>)\n#include <%s>\n#else\n"
		                      "extern int arw_missing_%zu;\n#endif\n",
		                      headers[i], headers[i], i);
	return s;
}

static const char unit_name[] = "arw_effects_coverage.c";

/* Parses text as unit_name with the common flags and `extra`; NULL after printing why. */
static CXTranslationUnit parse(CXIndex idx, const char *text, const char *const *extra, int nextra,
                               int errors_fail)
{
	const char *args[16] = {"-x", "c", "-std=gnu11", "-resource-dir", cx_resource_dir()};
	int nargs = 5;
	for (int i = 0; i < nextra; i++)
		args[nargs++] = extra[i];
	struct CXUnsavedFile u = {unit_name, text, (unsigned long)strlen(text)};
	CXTranslationUnit tu = NULL;
	if (clang_parseTranslationUnit2(idx, unit_name, args, nargs, &u, 1, 0, &tu) !=
	    CXError_Success) {
		printf("FAIL: libclang cannot parse the unit\n");
		return NULL;
	}
	for (unsigned i = 0; errors_fail && i < clang_getNumDiagnostics(tu); i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			char *m =
			    cxstr(clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation));
			printf("FAIL: the headers do not compile: %s\n", m);
			free(m);
			clang_disposeDiagnostic(d);
			clang_disposeTranslationUnit(tu);
			return NULL;
		}
		clang_disposeDiagnostic(d);
	}
	return tu;
}

static int collect(CXIndex idx, struct fns *w)
{
	static const char *const fortify[] = {"-O2", "-D_FORTIFY_SOURCE=2"};
	char *text = unit_text();
	int rc = 0;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		CXTranslationUnit tu = parse(idx, text, fortify, pass ? 2 : 0, 1);
		if (!tu) {
			rc = -1;
			break;
		}
		clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, w);
		clang_disposeTranslationUnit(tu);
	}
	free(text);
	return rc;
}

/* A call of name with n zero arguments, as one line of the probe unit. */
static size_t probe_call(char *s, size_t cap, const char *name, unsigned n)
{
	size_t k = (size_t)snprintf(s, cap, "\t%s(", name);
	for (unsigned i = 0; i < n && k < cap; i++)
		k += (size_t)snprintf(s + k, cap - k, i ? ", 0" : "0");
	return k < cap ? k + (size_t)snprintf(s + k, cap - k, ");\n") : k;
}

static int has(const char *msg, const char *what)
{
	return strstr(msg, what) != NULL;
}

/* The probe: the headers, then for entry k a call with its parameter count on line base+2k
 * and one with one more on the next line. A name the headers declare gets empty lines. */
static char *probe_text(const struct eff_table *t, const struct fns *w, unsigned *base)
{
	char *head = unit_text();
	size_t hn = strlen(head), cap = hn + 64 + t->n * 2 * 200, n = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	memcpy(s, head, hn);
	n = hn + (size_t)snprintf(s + hn, cap - hn, "void arw_probe(void)\n{\n");
	free(head);
	*base = 3;
	for (size_t i = 0; i < hn; i++)
		*base += s[i] == '\n';
	for (size_t k = 0; k < t->n; k++) {
		const struct eff_func *f = &t->v[k];
		if (find_fn(w, f->name)) {
			n += (size_t)snprintf(s + n, cap - n, "\n\n");
			continue;
		}
		n += probe_call(s + n, cap - n, f->name, f->unknown ? 0 : f->np);
		n += probe_call(s + n, cap - n, f->name, f->unknown ? 0 : f->np + 1);
	}
	snprintf(s + n, cap - n, "}\n");
	return s;
}

/* What clang said about the probe's lines: bad[2k], bad[2k+1] for entry k's two calls, 1 for
 * a wrong argument count, 2 for a name it does not know. */
static unsigned char *probe_diags(CXTranslationUnit tu, unsigned base, size_t nent)
{
	unsigned char *bad = calloc(2 * nent + 1, 1);
	if (!bad)
		abort();
	for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXFile file;
		unsigned line;
		clang_getSpellingLocation(clang_getDiagnosticLocation(d), &file, &line, NULL, NULL);
		char *m = cxstr(clang_getDiagnosticSpelling(d));
		char *fname = cxstr(clang_getFileName(file));
		clang_disposeDiagnostic(d);
		size_t at = line - base;
		if (!strcmp(fname, unit_name) && line >= base && at < 2 * nent) {
			if (has(m, "implicit declaration") || has(m, "undeclared") ||
			    has(m, "unknown builtin"))
				bad[at & ~(size_t)1] = bad[at | 1] = 2;
			else if (has(m, "too few arguments") || has(m, "too many arguments"))
				bad[at] |= 1;
		}
		free(m);
		free(fname);
	}
	return bad;
}

/*
 * Entries naming no declared function: compiler builtins, checked by calling them (clang must
 * accept "params" arguments, and one more only when "variadic" is given), or entry points the C
 * library exports that no header declares (__memcpy_chk, which __builtin___memcpy_chk becomes:
 * found in libc.so.6 with dlsym, their parameters unchecked). Any other name fails.
 */
static int probe_builtins(CXIndex idx, const struct eff_table *t, const struct fns *w,
                          size_t *nbuiltin, size_t *nexported)
{
	static const char *const all_errors[] = {"-ferror-limit=0"};
	unsigned base;
	char *s = probe_text(t, w, &base);
	CXTranslationUnit tu = parse(idx, s, all_errors, 1, 0);
	free(s);
	if (!tu)
		return 1;
	unsigned char *bad = probe_diags(tu, base, t->n);
	clang_disposeTranslationUnit(tu);
	/* The C library itself, not every object loaded (libclang's symbols are no entries). */
	void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
	int fail = 0;
	for (size_t k = 0; k < t->n; k++) {
		const struct eff_func *f = &t->v[k];
		if (find_fn(w, f->name))
			continue;
		if (bad[2 * k] == 2 && libc && dlsym(libc, f->name)) {
			++*nexported;
			continue;
		}
		++*nbuiltin;
		if (bad[2 * k] == 2) {
			printf("FAIL: entry %s: no header, builtin or C library symbol has this "
			       "name\n",
			       f->name);
			fail = 1;
		} else if (!f->unknown && bad[2 * k]) {
			printf("FAIL: entry %s: clang's builtin does not take %u arguments\n",
			       f->name, f->np);
			fail = 1;
		} else if (!f->unknown && (bad[2 * k + 1] == 0) != (f->has_variadic != 0)) {
			printf("FAIL: entry %s: \"variadic\" is %s, but clang's builtin %s\n",
			       f->name, f->has_variadic ? "given" : "not given",
			       f->has_variadic ? "takes no more arguments"
			                       : "takes more arguments");
			fail = 1;
		}
	}
	free(bad);
	if (libc)
		dlclose(libc);
	return fail;
}

/* A name listed twice in the built-in table: the loader keeps the later entry, so the earlier
 * one would be dead text that reads as a fact. */
static int check_duplicates(void)
{
	cJSON *root = cJSON_Parse(rules_effects_json);
	const char *keys[] = {"effects", "unknown"};
	struct strmap seen = STRMAP_INIT;
	int fail = 0;
	for (int k = 0; k < 2; k++) {
		const cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, keys[k]))
		{
			const cJSON *fn = k ? it : cJSON_GetObjectItemCaseSensitive(it, "function");
			if (!cJSON_IsString(fn))
				continue;
			if (strmap_find(&seen, fn->valuestring)) {
				printf("FAIL: rules/effects.json lists %s twice\n",
				       fn->valuestring);
				fail = 1;
			}
			strmap_put(&seen, fn->valuestring, 0);
		}
	}
	strmap_free(&seen);
	cJSON_Delete(root);
	return fail;
}

/* The entry of a declared function against its declaration. */
static int check_decl(const struct fn *d, const struct eff_func *f)
{
	if (f->unknown)
		return 0;
	if ((int)f->np != d->np) {
		printf("FAIL: entry %s: %u \"params\", the declaration has %d (%s, %s)\n", f->name,
		       f->np, d->np, d->proto, d->file);
		return 1;
	}
	if (!f->has_variadic != !d->variadic) {
		printf("FAIL: entry %s: \"variadic\" %s, but the declaration %s (%s)\n", f->name,
		       f->has_variadic ? "given" : "missing",
		       d->variadic ? "has \"...\"" : "has no \"...\"", d->proto);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int list = argc == 2 && !strcmp(argv[1], "--list");
	if (argc > 2 || (argc == 2 && !list)) {
		fprintf(stderr, "usage: %s [--list]\n", argv[0]);
		return 2;
	}
	struct rules r;
	struct err e = ERR_INIT;
	if (rules_load(&r, NULL, &e)) {
		printf("FAIL: the built-in rules do not load: %s: %s\n", e.where ? e.where : "",
		       e.msg);
		err_clear(&e);
		return 1;
	}
	CXIndex idx = clang_createIndex(0, 0);
	static struct fns w;
	int fail = check_duplicates() | (collect(idx, &w) != 0);
	for (size_t i = 0; i < NHEADERS; i++)
		if (w.missing[i])
			printf("note: <%s> is not on this system: skipped\n", headers[i]);
	size_t nptr = 0, ndesc = 0, nunk = 0, nmiss = 0, nbuiltin = 0, nexported = 0, nalias = 0;
	for (size_t i = 0; i < w.n; i++) {
		const struct fn *d = &w.v[i];
		const struct eff_func *f = eff_find(&r.eff, d->name);
		if (f)
			fail |= check_decl(d, f);
		if (!d->ptrs || d->alias) {
			nalias += d->ptrs;
			if (list && d->ptrs)
				printf("%-9s %s\t%s\t%s\n", "alias", d->name, d->proto, d->file);
			continue;
		}
		nptr++;
		const char *st = !f ? "MISSING" : f->unknown ? "unknown" : "described";
		if (!f) {
			nmiss++;
			if (!list)
				printf(
				    "FAIL: %s (%s, %s) is in neither \"effects\" nor \"unknown\"\n",
				    d->name, d->proto, d->file);
		} else if (f->unknown) {
			nunk++;
		} else {
			ndesc++;
		}
		if (list)
			printf("%-9s %s\t%s\t%s\n", st, d->name, d->proto, d->file);
	}
	fail |= nmiss != 0;
	fail |= probe_builtins(idx, &r.eff, &w, &nbuiltin, &nexported);
	printf("%zu functions with pointers: %zu described, %zu deliberately unknown, %zu missing\n"
	       "(of %zu functions declared; %zu header-private aliases not counted; %zu entries "
	       "for compiler builtins, %zu for C library symbols no header declares)\n",
	       nptr, ndesc, nunk, nmiss, w.n, nalias, nbuiltin, nexported);
	for (size_t i = 0; i < w.n; i++) {
		free(w.v[i].name);
		free(w.v[i].proto);
		free(w.v[i].file);
	}
	free(w.v);
	clang_disposeIndex(idx);
	rules_free(&r);
	if (!fail)
		printf("PASS\n");
	return fail;
}
