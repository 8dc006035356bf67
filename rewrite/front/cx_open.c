/*
 * cx_open: every file libclang opens while it parses, watched (cx_int.h: cx_watch_begin).
 *
 * libclang reads an #include'd file until its end, and opens it before it could be asked
 * anything: a FIFO hangs the parse, /dev/zero reads until memory runs out (issue 24), and the
 * C API has no hook before a file is read. libclang opens files with open(2) through the
 * dynamic linker (libLLVM's `open`), so this program defines `open`: while a parse runs on the
 * calling thread, a read-only open of anything but a regular file or a folder is refused (the
 * path and its kind are kept, and the parse reports it as the include it is); every regular
 * file opened is noted as an input of the run (fsio.h), so that no output replaces a header
 * the parse read. Outside a parse, and on other threads, `open` is the system call it always
 * was. /dev/null is let through: reading it is harmless, and some builds name it.
 */
#define _GNU_SOURCE
#include "cx_int.h"
#include "fsio.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static _Thread_local struct cx_watch *watch;

void cx_watch_begin(struct cx_watch *w)
{
	w->bad = NULL;
	w->mode = 0;
	watch = w;
}

void cx_watch_end(struct cx_watch *w)
{
	(void)w;
	watch = NULL;
}

static int refused(const char *path, int flags)
{
	struct stat st;
	if ((flags & O_ACCMODE) != O_RDONLY || stat(path, &st) || S_ISREG(st.st_mode) ||
	    S_ISDIR(st.st_mode) || (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)))
		return 0;
	if (!watch->bad) {
		watch->bad = xstrdup(path);
		watch->mode = st.st_mode;
	}
	return 1;
}

__attribute__((visibility("default"))) int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) { /* as glibc's open */
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (watch && refused(path, flags)) {
		errno = EACCES;
		return -1;
	}
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
	struct stat st;
	if (fd >= 0 && watch && !fstat(fd, &st) && S_ISREG(st.st_mode))
		fs_input_add(st.st_dev, st.st_ino);
	return fd;
}
