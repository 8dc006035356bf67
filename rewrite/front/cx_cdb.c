/*
 * cx_cdb: compilation databases (compile_commands.json, read by libclang as clang tools read it)
 * -> struct cmd, one per source file. Paths are made absolute against each entry's directory,
 * itself taken against the database's folder (a relative -p against the current folder); a
 * file listed twice (by path, or by device and inode) keeps its first command. Linear in the
 * entries: one stat per distinct path (cmdlist_add_unique). Owns nothing after it returns.
 */
#include "cmd.h"
#include "cx.h"
#include "cx_int.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"

#include <clang-c/CXCompilationDatabase.h>
#include <stdlib.h>

int cx_cdb_load(const char *dir, struct cmdlist *list, struct err *e)
{
	CXCompilationDatabase_Error cerr;
	char *json = xasprintf("%s/compile_commands.json", dir);
	if (!fs_exists(json)) {
		err_set(e, ERR_INPUT, json, 0, 0, "no compilation database here");
		free(json);
		return -1;
	}
	CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &cerr);
	if (cerr != CXCompilationDatabase_NoError || !db) {
		err_set(e, ERR_INPUT, json, 0, 0, "cannot load compilation database");
		free(json);
		return -1;
	}
	free(json);
	char *absdb = fs_abspath(dir, NULL);
	CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = clang_CompileCommands_getSize(cmds);
	for (unsigned i = 0; i < n; i++) {
		CXCompileCommand cc = clang_CompileCommands_getCommand(cmds, i);
		char *wd = cx_take(clang_CompileCommand_getDirectory(cc));
		char *file = cx_take(clang_CompileCommand_getFilename(cc));
		char *absdir = fs_abspath(wd, absdb);
		char *absfile = fs_abspath(file, absdir);
		unsigned na = clang_CompileCommand_getNumArgs(cc);
		char **argv = xcalloc(na + 1, sizeof(char *));
		for (unsigned k = 0; k < na; k++)
			argv[k] = cx_take(clang_CompileCommand_getArg(cc, k));
		struct cmd c;
		cmd_from_compiler_argv(&c, absfile, absdir, argv, na);
		cmdlist_add_unique(list, &c);
		for (unsigned k = 0; k < na; k++)
			free(argv[k]);
		free(argv);
		free(wd);
		free(file);
		free(absdir);
		free(absfile);
	}
	free(absdb);
	clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	return 0;
}
