/* Files and commands, for the command files and backends only. */
#ifndef SELFCARE_FSUTIL_H
#define SELFCARE_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Write text to path through a temporary file in the same directory and a
 * rename, so that a reader sees the old file or the new one, never half.
 * Returns 0, or -1 with errno set. */
int atomic_write(const char *path, const char *text, mode_t mode);

/* Read a whole small file (at most max bytes); NULL with errno on failure. */
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
