#include "prog.h"
#include "cmd.h"
#include "err.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLY "/.cmake/api/v1/reply"

/* The codemodel of one reply: its targets (first configuration) and their documents, read
 * when the walk reaches them. */
struct reply {
	char *dir;            /* BUILD_DIR/.cmake/api/v1/reply */
	cJSON *model;         /* the codemodel-v2 document */
	const cJSON *targets; /* configurations[0].targets: {name, id, jsonFile} */
	const char *source;   /* paths.source: relative source paths are under it */
	cJSON **docs;         /* docs[k]: target k's document, NULL until read */
	unsigned char *seen;
	size_t n;
};

static const char *str_of(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int malformed(const struct reply *r, const char *file, const char *what, struct err *e)
{
	return err_set(e, ERR_INPUT, file ? file : r->dir, 0, 0,
	               "malformed CMake file API reply: %s", what);
}

/* Reads the reply file `name` (a name the reply itself gave: no folder part allowed). */
static cJSON *load(const struct reply *r, const char *name, struct err *e)
{
	if (!name || strchr(name, '/')) {
		malformed(r, NULL, "a jsonFile that is not a file of the reply folder", e);
		return NULL;
	}
	size_t len = strlen(r->dir) + strlen(name) + 2;
	char *path = xmalloc(len);
	snprintf(path, len, "%s/%s", r->dir, name);
	struct fs_text t = {0};
	cJSON *doc = NULL;
	if (!fs_read_regular(path, &t, e))
		doc = jsonx_parse(t.data, t.len, path, "CMake file API reply", e);
	fs_text_free(&t);
	free(path);
	return doc;
}

/* The newest index file (the greatest name: CMake names them by time), or NULL. */
static char *newest_index(const char *dir)
{
	DIR *d = opendir(dir);
	char *best = NULL;
	for (struct dirent *de; d && (de = readdir(d));) {
		size_t len = strlen(de->d_name);
		if (strncmp(de->d_name, "index-", 6) || len < 11 ||
		    strcmp(de->d_name + len - 5, ".json") ||
		    (best && strcmp(de->d_name, best) <= 0))
			continue;
		free(best);
		best = xstrdup(de->d_name);
	}
	if (d)
		closedir(d);
	return best;
}

/* The codemodel-v2 object the index lists (a shared query or a client's). */
static const char *codemodel_file(const cJSON *index)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(index, "objects"))
	{
		const char *kind = str_of(o, "kind");
		const cJSON *ver = cJSON_GetObjectItemCaseSensitive(o, "version");
		const cJSON *major = cJSON_GetObjectItemCaseSensitive(ver, "major");
		if (kind && !strcmp(kind, "codemodel") && cJSON_IsNumber(major) &&
		    major->valuedouble == 2)
			return str_of(o, "jsonFile");
	}
	return NULL;
}

static int open_reply(struct reply *r, const char *build_dir, struct err *e)
{
	size_t len = strlen(build_dir) + sizeof(REPLY);
	r->dir = xmalloc(len);
	snprintf(r->dir, len, "%s%s", build_dir, REPLY);
	char *index_name = newest_index(r->dir);
	cJSON *index = NULL;
	const char *cm = NULL;
	if (index_name && !(index = load(r, index_name, e))) {
		free(index_name);
		return -1;
	}
	free(index_name);
	if (!index || !(cm = codemodel_file(index))) {
		cJSON_Delete(index);
		return 1; /* no reply: the database may still tell (db_program) */
	}
	r->model = load(r, cm, e);
	cJSON_Delete(index);
	if (!r->model)
		return -1;
	const cJSON *conf =
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r->model, "configurations"), 0);
	r->targets = cJSON_GetObjectItemCaseSensitive(conf, "targets");
	r->source = str_of(cJSON_GetObjectItemCaseSensitive(r->model, "paths"), "source");
	if (!cJSON_IsArray(r->targets) || !r->source)
		return malformed(r, NULL, "the codemodel has no targets or no source folder", e);
	r->n = (size_t)cJSON_GetArraySize(r->targets);
	r->docs = xcalloc(r->n + 1, sizeof(*r->docs));
	r->seen = xcalloc(r->n + 1, 1);
	return 0;
}

static void close_reply(struct reply *r)
{
	for (size_t k = 0; k < r->n; k++)
		cJSON_Delete(r->docs[k]);
	free(r->docs);
	free(r->seen);
	cJSON_Delete(r->model);
	free(r->dir);
}

/* The index of the target whose field `key` is `val`, or -1. */
static int target_by(const struct reply *r, const char *key, const char *val)
{
	for (size_t k = 0; k < r->n; k++) {
		const char *v = str_of(cJSON_GetArrayItem(r->targets, (int)k), key);
		if (v && !strcmp(v, val))
			return (int)k;
	}
	return -1;
}

static const cJSON *target_doc(struct reply *r, int k, struct err *e)
{
	if (!r->docs[k])
		r->docs[k] = load(r, str_of(cJSON_GetArrayItem(r->targets, k), "jsonFile"), e);
	return r->docs[k];
}

static int is_library(const char *type)
{
	return type && (!strcmp(type, "STATIC_LIBRARY") || !strcmp(type, "SHARED_LIBRARY") ||
	                !strcmp(type, "OBJECT_LIBRARY"));
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/*
 * Whether `user` links library `dep`: an object library's objects are among its sources; a
 * target with a link step (an executable, a shared library) names the others' files on its
 * link line; a static library has no link step, so whatever it depends on goes on to the
 * program linking it.
 */
static int links(const cJSON *user, const cJSON *dep)
{
	const cJSON *link = cJSON_GetObjectItemCaseSensitive(user, "link");
	const char *type = str_of(dep, "type"), *disk = str_of(dep, "nameOnDisk");
	if (!link || !strcmp(type, "OBJECT_LIBRARY"))
		return 1;
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(link, "commandFragments"))
	{
		const char *role = str_of(f, "role"), *frag = str_of(f, "fragment");
		const char *base = frag ? base_name(frag) : NULL;
		size_t len = disk ? strlen(disk) : 0;
		/* a versioned shared library is linked by its full name: libx.so.1.2.3 */
		if (role && base && disk && !strcmp(role, "libraries") &&
		    !strncmp(base, disk, len) && (!base[len] || base[len] == '.'))
			return 1;
	}
	return 0;
}

/* Adds target k's sources to `files` and walks on to the libraries it links. */
static int walk(struct reply *r, int k, struct cmdlist *files, struct err *e)
{
	const cJSON *doc = target_doc(r, k, e), *s, *d;
	if (!doc)
		return -1;
	r->seen[k] = 1;
	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(doc, "sources"))
	{
		const char *path = str_of(s, "path");
		if (!path)
			return malformed(r, NULL, "a target source without a path", e);
		struct cmd c;
		char *abs = fs_abspath(path, r->source);
		cmd_init(&c, abs, r->source);
		free(abs);
		cmdlist_push(files, &c);
	}
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(doc, "dependencies"))
	{
		const char *id = str_of(d, "id");
		int dk = id ? target_by(r, "id", id) : -1;
		if (dk < 0)
			return malformed(r, NULL, "a dependency on no target of the codemodel", e);
		const cJSON *dd = r->seen[dk] ? NULL : target_doc(r, dk, e);
		if (!r->seen[dk] && !dd)
			return -1;
		if (dd && is_library(str_of(dd, "type")) && links(doc, dd) && walk(r, dk, files, e))
			return -1;
	}
	return 0;
}

/* The executables of the reply, for the message naming an unknown target. */
static void list_executables(struct reply *r, char *buf, size_t cap, struct err *e)
{
	size_t len = 0, shown = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < r->n && len + 1 < cap; k++) {
		const cJSON *doc = target_doc(r, (int)k, e);
		const char *type = doc ? str_of(doc, "type") : NULL;
		if (!type || strcmp(type, "EXECUTABLE"))
			continue;
		int w = snprintf(buf + len, cap - len, "%s%s", shown++ ? ", " : "",
		                 str_of(doc, "name"));
		len += w > 0 ? (size_t)w : 0;
	}
	err_clear(e);
}

/* The output an entry of the database names: its "output", else the argument after "-o". */
static const char *entry_output(const cJSON *entry)
{
	const char *out = str_of(entry, "output");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(entry, "arguments"), *next;
	for (const cJSON *x = a ? a->child : NULL; !out && x; x = next) {
		next = x->next;
		if (cJSON_IsString(x) && !strcmp(x->valuestring, "-o") && cJSON_IsString(next))
			out = next->valuestring;
	}
	return out;
}

/*
 * Without a codemodel: the entries of the database compiled and linked by one command into an
 * executable named `target` (a build interceptor such as Bear records them with the
 * executable as their "output"). Links of object files are recorded by none, so a program
 * built in two steps is found by none of its entries.
 */
static int db_program(const char *build_dir, const char *target, struct cmdlist *files,
                      struct err *e)
{
	size_t len = strlen(build_dir) + sizeof("/compile_commands.json");
	char *path = xmalloc(len);
	snprintf(path, len, "%s/compile_commands.json", build_dir);
	struct fs_text t = {0};
	cJSON *db = NULL, *entry;
	if (!fs_read_regular(path, &t, e))
		db = jsonx_parse(t.data, t.len, path, "compile database", e);
	fs_text_free(&t);
	free(path);
	if (!db)
		return -1;
	cJSON_ArrayForEach(entry, db)
	{
		const char *dir = str_of(entry, "directory"), *file = str_of(entry, "file");
		const char *out = entry_output(entry);
		if (!dir || !file || !out || strcmp(base_name(out), target))
			continue;
		struct cmd c;
		char *abs = fs_abspath(file, dir);
		cmd_init(&c, abs, dir);
		free(abs);
		cmdlist_push(files, &c);
	}
	cJSON_Delete(db);
	if (files->n)
		return 0;
	return err_set(e, ERR_INPUT, build_dir, 0, 0,
	               "--target reads CMake's file API, and this build holds no codemodel-v2 "
	               "reply (nor an entry of its compile_commands.json compiled straight into "
	               "'%s'): create the empty file %s/.cmake/api/v1/query/codemodel-v2 and run "
	               "cmake on %s again",
	               target, build_dir, build_dir);
}

static int program_files(struct reply *r, const char *build_dir, const char *target,
                         struct cmdlist *files, struct err *e)
{
	int k = target_by(r, "name", target);
	if (k < 0) {
		char names[512];
		list_executables(r, names, sizeof(names), e);
		return err_set(e, ERR_INPUT, build_dir, 0, 0,
		               "--target: no target '%s' in the CMake build (executables: %s)",
		               target, names[0] ? names : "none");
	}
	const cJSON *doc = target_doc(r, k, e);
	const char *type = doc ? str_of(doc, "type") : NULL;
	if (!doc)
		return -1;
	if (!type || strcmp(type, "EXECUTABLE"))
		return err_set(
		    e, ERR_INPUT, build_dir, 0, 0,
		    "--target: '%s' is a %s, not an executable: a program is an executable "
		    "target",
		    target, type ? type : "target of no type");
	return walk(r, k, files, e);
}

int prog_keep(const char *build_dir, const char *target, struct cmdlist *units, size_t *left_out,
              struct err *e)
{
	struct reply r = {0};
	struct cmdlist files = {0};
	int rc = open_reply(&r, build_dir, e);
	if (rc > 0)
		rc = db_program(build_dir, target, &files, e);
	else if (!rc)
		rc = program_files(&r, build_dir, target, &files, e);
	unsigned char *keep = xcalloc(units->n + 1, 1);
	size_t kept = 0;
	for (size_t u = 0; !rc && u < units->n; u++)
		kept += keep[u] = cmdlist_find(&files, units->v[u].file) != NULL;
	if (!rc && !kept)
		rc = err_set(e, ERR_INPUT, build_dir, 0, 0,
		             "--target: none of the %zu unit(s) of the run is a source of '%s'",
		             units->n, target);
	if (!rc) {
		*left_out = units->n - kept;
		cmdlist_keep(units, keep);
	}
	free(keep);
	cmdlist_free(&files);
	close_reply(&r);
	return rc ? -1 : 0;
}
