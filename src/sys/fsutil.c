#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

int write_full(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

const char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && t[0] == '/' ? t : "/tmp";
}

int atomic_write(const char *path, const char *text, mode_t mode)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	size_t len = strlen(text), off = 0;
	int e;

	if (fd < 0)
		goto fail_free;
	if (fchmod(fd, mode) < 0)
		goto fail_close;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail_close;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0)
		goto fail_close;
	if (close(fd) < 0) {
		fd = -1;
		goto fail_unlink;
	}
	if (rename(tmp, path) < 0) {
		fd = -1;
		goto fail_unlink;
	}
	free(tmp);
	return 0;
fail_close:
	e = errno;
	close(fd);
	errno = e;
fail_unlink:
	e = errno;
	unlink(tmp);
	errno = e;
fail_free:
	e = errno;
	free(tmp);
	errno = e;
	return -1;
}

const char *fs_strerror(int err)
{
	return err == FS_ENOTREG ? "not a regular file" : strerror(err);
}

/* errno for a path of a type we do not read. */
static int type_error(mode_t mode)
{
	return S_ISDIR(mode) ? EISDIR : FS_ENOTREG;
}

int open_regular(const char *path)
{
	struct stat st;

	/* Look before opening: opening some devices does something. The
	 * check after opening is the one that counts (the file may change in
	 * between); this one only keeps us from opening what is plainly not a
	 * file. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		errno = type_error(st.st_mode);
		return -1;
	}
	/* O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
	 * O_NOCTTY: a terminal device must not become ours. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		/* A socket (ENXIO) or a device without a driver fails here,
		 * before there is a descriptor to look at: say what it is. */
		int e = errno;
		if (e != ENOENT && e != ENOTDIR && e != ENAMETOOLONG && e != ELOOP &&
		    stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			e = type_error(st.st_mode);
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = type_error(st.st_mode);
		return -1;
	}
	/* O_NONBLOCK means nothing for a regular file's reads: left as is. */
	return fd;
}

int read_regular_into(const char *path, size_t max, struct buffer *b, size_t *lenp)
{
	int fd = open_regular(path);
	struct stat st;
	size_t len = 0, want = 4096;

	if (fd < 0)
		return -1;
	/* Sized by what fstat says, one byte over so that the first read can
	 * see the end; grown if the file says more than that. */
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size < max)
		want = (size_t)st.st_size + 1;
	if (want > max)
		want = max;
	for (;;) {
		if (b->cap < want + 1) {
			b->cap = want + 1;
			b->data = xreallocarray(b->data, b->cap, 1);
		}
		if (len == want) {
			if (want == max)
				break;
			want = want > max / 2 ? max : want * 2;
			continue;
		}
		ssize_t n = read(fd, b->data + len, want - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	b->data[len] = '\0';
	*lenp = len;
	return 0;
}

char *read_regular_file(const char *path, size_t max, size_t *lenp)
{
	struct buffer b = {0};
	size_t len;

	if (read_regular_into(path, max, &b, &len) < 0) {
		int e = errno;
		free(b.data);
		errno = e;
		return NULL;
	}
	if (lenp)
		*lenp = len;
	return b.data;
}

char *read_small_file(const char *path, size_t max)
{
	return read_regular_file(path, max, NULL);
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
}

int proc_run(const char *const argv[], const char *input, char **out, char **err)
{
	int in[2] = {-1, -1}, o[2] = {-1, -1}, e[2] = {-1, -1};
	struct sbuf so = {0}, se = {0};
	pid_t pid = -1;

	if (pipe2(in, O_CLOEXEC) == 0 && pipe2(o, O_CLOEXEC) == 0 && pipe2(e, O_CLOEXEC) == 0)
		pid = fork();
	if (pid < 0) {
		int saved = errno;
		close_pair(in);
		close_pair(o);
		close_pair(e);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL); /* blocked signals are inherited */
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		execvp(argv[0], (char *const *)argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	/* Small inputs only (a crontab): written before reading. A command
	 * that exits without reading must not kill us with SIGPIPE. */
	if (input) {
		struct sigaction ign = {.sa_handler = SIG_IGN}, old;
		size_t len = strlen(input), off = 0;
		sigemptyset(&ign.sa_mask);
		sigaction(SIGPIPE, &ign, &old);
		while (off < len) {
			ssize_t n = write(in[1], input + off, len - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			off += (size_t)n;
		}
		sigaction(SIGPIPE, &old, NULL);
	}
	close(in[1]);
	struct pollfd fds[2] = {{.fd = o[0], .events = POLLIN}, {.fd = e[0], .events = POLLIN}};
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			char buf[4096];
			ssize_t n = read(fds[i].fd, buf, sizeof(buf));
			if (n > 0) {
				sbuf_put(i ? &se : &so, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sbuf_put(&so, "", 0);
	sbuf_put(&se, "", 0);
	if (out)
		*out = so.s;
	else
		free(so.s);
	if (err)
		*err = se.s;
	else
		free(se.s);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void proc_failure(char *err, size_t len, const char *what, int rc, const char *stderr_text)
{
	char first[256], clean[256];

	snprintf(first, sizeof(first), "%s", stderr_text ? stderr_text : "");
	first[strcspn(first, "\n")] = '\0';
	text_sanitize(rc < 0 ? strerror(errno) : (*first ? first : "no reason given"), clean,
		      sizeof(clean));
	snprintf(err, len, "%s failed: %s", what, clean);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int lock_wait(const char *path, int timeout_ms)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	long long deadline = now_ms() + timeout_ms;
	long pause_ms = 5;

	if (fd < 0)
		return -1;
	/* flock has no timeout of its own: try, then sleep a little longer
	 * each time, up to a tenth of a second. */
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (now_ms() >= deadline) {
			close(fd);
			errno = EWOULDBLOCK;
			return -1;
		}
		struct timespec ts = {.tv_sec = 0, .tv_nsec = pause_ms * 1000000L};
		nanosleep(&ts, NULL);
		pause_ms = pause_ms < 50 ? pause_ms * 2 : 100;
	}
	return fd;
}

int mkdir_p(const char *path, mode_t mode)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode) < 0 && errno != EEXIST ? -1 : 0;
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

char *self_exe(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

void path_dir(const char *path, char *dir, size_t len)
{
	snprintf(dir, len, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
}
