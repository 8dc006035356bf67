/*
 * cmd: compile commands, the arguments one translation unit is parsed with.
 *
 * A struct cmd holds the absolute source path, the folder the compiler ran in, and the
 * arguments for clang's parser: the compiler name, "-c", "-o FILE", the source itself and
 * dependency-file options are removed (cmd_clean), and so are options GCC takes and clang
 * rejects, so that code built with GCC parses without the user editing their build. Paths in
 * -I, -isystem, -include and the like are made absolute against the command's folder: the
 * parse never depends on the process's current folder.
 *
 * Where the arguments come from follows docs/cli.md, section 3: after "--"; from -p DIR; from a
 * compile_commands.json found by walking up from the source (cmd_find_db); else defaults.
 *
 * Ownership: a cmd owns its strings; a cmdlist owns its cmds and the index that looks them up
 * (built on the first cmdlist_find, kept by cmdlist_add_unique, dropped by cmdlist_push; one
 * thread at a time).
 */
#ifndef ARW_CMD_H
#define ARW_CMD_H

#include <stddef.h>

struct cmd {
	char *file; /* absolute */
	char *dir;  /* absolute working folder */
	char **argv;
	size_t argc, argv_cap;
};

struct cmdlist_ix;

struct cmdlist {
	struct cmd *v;
	size_t n, cap;
	struct cmdlist_ix *ix; /* NULL until a lookup needs it */
};

void cmd_init(struct cmd *c, const char *file, const char *dir);
void cmd_add_arg(struct cmd *c, const char *arg);
/* Adds arguments given by the user (after "--"): GCC-only options dropped, paths of -I and
 * friends made absolute against c->dir. */
void cmd_add_user_args(struct cmd *c, char *const *argv, size_t argc);
void cmd_free(struct cmd *c);
/* Builds a clean cmd from a raw compiler command line (argv[0] is the compiler). */
void cmd_from_compiler_argv(struct cmd *out, const char *file, const char *dir, char **argv,
                            size_t argc);
/* Whether a GCC option is one clang rejects; exported for the retry on "unknown argument". */
int cmd_is_gcc_only(const char *arg);
void cmd_remove_arg(struct cmd *c, const char *arg);

void cmdlist_push(struct cmdlist *l, struct cmd *c); /* takes over *c */
/* Pushes c unless an entry names its file (by path, else by device and inode): 1 pushed, 0
 * not (c is freed). One stat per new path: loading a database is linear in its entries. */
int cmdlist_add_unique(struct cmdlist *l, struct cmd *c);
void cmdlist_free(struct cmdlist *l);
/* Keeps the entries u with keep[u] set, in their order, and frees the others. */
void cmdlist_keep(struct cmdlist *l, const unsigned char *keep);
/* The entry for abs_file: by path, else by device and inode (a link on the way). Each lookup
 * costs a hash lookup, and a miss by path one stat (the entries are stat'ed once, on the first
 * such miss). */
const struct cmd *cmdlist_find(const struct cmdlist *l, const char *abs_file);

/*
 * Validates DIR/compile_commands.json before libclang loads it (libclang prints a parse error
 * and carries on with what it read): strict JSON (jsonx.h), an array of entries each with
 * "directory", "file" and "arguments" or "command". ERR_INPUT naming the file (and line and
 * column, or the entry) when not; 0 when valid or absent (the loader reports absence).
 */
struct err;
int cmd_check_db(const char *dir, struct err *e);

/* The folder holding compile_commands.json nearest above abs_file, or NULL; malloc'd. */
char *cmd_find_db(const char *abs_file);

#endif
