/* Files and commands, for the command files and backends only. */
#ifndef SELFCARE_FSUTIL_H
#define SELFCARE_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Write text to path through a temporary file in the same directory and a
 * rename, so that a reader sees the old file or the new one, never half.
 * Returns 0, or -1 with errno set. */
int atomic_write(const char *path, const char *text, mode_t mode);

/* Write all n bytes of p to fd, going on after EINTR and short writes.
 * 0, or -1 with errno set. */
int write_full(int fd, const void *p, size_t n);

/* $TMPDIR when it is an absolute path, else "/tmp". */
const char *tmp_dir(void);

/* The directory part of path, into dir: "/a/b/c" gives "/a/b"; a path
 * with no slash, or only a leading one ("/x"), is copied whole. */
void path_dir(const char *path, char *dir, size_t len);

/* The errno for a path that exists but is not a regular file or a
 * directory: a FIFO, a socket, a device. Linux has no such code (BSD's
 * EFTYPE), so this one is ours, above every system errno; fs_strerror()
 * names it. */
#define FS_ENOTREG 0x10000
/* strerror(), knowing FS_ENOTREG. */
const char *fs_strerror(int err);

/* Open path for reading when it is a regular file (or a link to one).
 * Never blocks: the open is O_NONBLOCK, so a FIFO with no writer cannot
 * hang us, and the type is checked on the open descriptor. Returns the
 * descriptor, or -1 with errno set: EISDIR for a directory, FS_ENOTREG for
 * a FIFO, socket or device. */
int open_regular(const char *path);

/* Read at most max bytes of the regular file at path into a new buffer
 * with a NUL after them; *len (when not NULL) is how many, NUL bytes in
 * the file included. NULL with errno set (as open_regular's) on failure. */
char *read_regular_file(const char *path, size_t max, size_t *len);

/* A buffer that is kept and reused. */
struct buffer {
	char *data;
	size_t cap;
};

/* read_regular_file() into b, grown as needed (its old text is lost).
 * Returns 0 and the length, or -1 with errno set. */
int read_regular_into(const char *path, size_t max, struct buffer *b, size_t *len);

/* read_regular_file() for text: at most max bytes; NULL with errno on
 * failure. */
char *read_small_file(const char *path, size_t max);

/* Run argv (argv[0] looked up in PATH) with input on its stdin (or
 * /dev/null), collecting stdout and stderr (callers free them; either
 * pointer may be NULL to discard). Returns the exit status, or -1 when it
 * could not be run (errno set), or 128+N when signal N ended it. */
int proc_run(const char *const argv[], const char *input, char **out, char **err);

/* "WHAT failed: REASON" into err: the first line of stderr_text, or
 * errno's text when rc < 0 (the command could not be run). Sanitized. */
void proc_failure(char *err, size_t len, const char *what, int rc, const char *stderr_text);

/* Open path (created 0600 when missing) and take an exclusive flock on
 * it, waiting at most timeout_ms for whoever holds it. Returns the
 * descriptor (close it to unlock), or -1 with errno: EWOULDBLOCK when the
 * wait ran out. */
int lock_wait(const char *path, int timeout_ms);

/* mkdir -p with mode for each new directory. */
int mkdir_p(const char *path, mode_t mode);

/* The absolute path of this program. Caller frees. */
char *self_exe(void);

#endif
