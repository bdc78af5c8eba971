#include "session_find.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "util.h"

#define ENVIRON_MAX (256 * 1024)

/* Whether every uid of the process (real, effective, saved, filesystem)
 * is ours: /proc/PID itself belongs to the effective uid only, and to root
 * for a process that is not dumpable. */
static bool all_uids_mine(int dir)
{
	int fd = openat(dir, "status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	const char *u = strstr(buf, "\nUid:");
	unsigned long id[4];
	if (u == NULL || sscanf(u + 5, "%lu %lu %lu %lu", &id[0], &id[1], &id[2], &id[3]) != 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (id[i] != (unsigned long)getuid())
			return false;
	return true;
}

/* A process's environment block, or NULL (gone, not ours, unreadable).
 * Everything is read through one descriptor of its /proc directory, so
 * that a pid reused meanwhile cannot slip another process in. */
static char *read_environ(const char *pid, size_t *len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%s", pid);
	int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return NULL;
	struct stat st;
	if (fstat(dir, &st) != 0 || st.st_uid != getuid() || !all_uids_mine(dir)) {
		close(dir);
		return NULL;
	}
	int fd = openat(dir, "environ", O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	close(dir);
	if (fd < 0)
		return NULL;
	char *buf = xmalloc(ENVIRON_MAX);
	size_t n = 0;
	ssize_t r;
	while (n < ENVIRON_MAX && (r = read(fd, buf + n, ENVIRON_MAX - n)) > 0)
		n += (size_t)r;
	close(fd);
	*len = n;
	return buf;
}

/* A bus that answers: a killed dbus-daemon leaves its socket file behind,
 * so the socket is connected to, without blocking. */
static bool bus_alive(const char *bus)
{
	char path[SESSION_VALUE_MAX];
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	socklen_t salen = sizeof(sa);
	const char *abs = strstr(bus, "abstract=");
	if (session_path_of_bus(bus, path, sizeof(path))) {
		if (strlen(path) >= sizeof(sa.sun_path))
			return false;
		memcpy(sa.sun_path, path, strlen(path) + 1);
	} else if (strncmp(bus, "unix:", 5) == 0 && abs && (abs[-1] == ':' || abs[-1] == ',')) {
		/* An abstract socket: a NUL, then the name. */
		size_t n = strcspn(abs + 9, ",;");
		if (n == 0 || n + 1 > sizeof(sa.sun_path))
			return false;
		memcpy(sa.sun_path + 1, abs + 9, n);
		salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
	} else {
		return false;
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return false;
	int rc = connect(fd, (struct sockaddr *)&sa, salen);
	bool alive = rc == 0 || errno == EINPROGRESS || errno == EAGAIN;
	close(fd);
	return alive;
}

#define CANDIDATES_MAX 32

struct found {
	struct session s;
	long pid;
};

/* The live sessions of the user's processes, at most max, one per bus:
 * of the processes on one bus, the first that has a display. Those with a
 * display come first, each group in the order of /proc (oldest first). */
static int scan_processes(struct found *out, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
		    strspn(de->d_name, "0123456789") != strlen(de->d_name) ||
		    (pid_t)atol(de->d_name) == getpid())
			continue;
		size_t len; /* read_environ reads only the user's own processes */
		char *env = read_environ(de->d_name, &len);
		if (env == NULL)
			continue;
		struct found p = {.pid = atol(de->d_name)};
		session_from_environ(env, len, &p.s);
		free(env);
		int rank = session_rank(&p.s);
		if (rank == 0)
			continue;
		int i = 0;
		while (i < n && !session_same_bus(out[i].s.bus, p.s.bus))
			i++;
		if (i < n) { /* a bus seen before: keep the first with a display */
			if (session_rank(&out[i].s) < rank)
				out[i] = p;
			continue;
		}
		if (n == max || !bus_alive(p.s.bus))
			continue;
		out[n++] = p;
	}
	closedir(d);
	/* Those with a display first; stable, so oldest first in each. */
	for (int i = 1; i < n; i++) {
		struct found cur = out[i];
		int j = i;
		while (j > 0 && session_rank(&out[j - 1].s) < session_rank(&cur.s)) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = cur;
	}
	return n;
}

/* Our own environment, read as /proc/PID/environ is. */
static void own_session(struct session *s)
{
	extern char **environ;
	struct sbuf own = {0};

	for (char **e = environ; *e; e++)
		sbuf_put(&own, *e, strlen(*e) + 1);
	session_from_environ(own.s ? own.s : "", own.len, s);
	free(own.s);
}

int session_find_usable(struct session *s, char *from, size_t len,
			bool (*usable)(const struct session *s))
{
	struct session own;
	struct found *procs = xcalloc(CANDIDATES_MAX, sizeof(*procs));
	struct found *cand = xcalloc(CANDIDATES_MAX + 1, sizeof(*cand));
	int n = 0, np = -1;

	own_session(&own);
	/* First our own bus, else the one at $XDG_RUNTIME_DIR/bus, with the
	 * display of a process on it when we have none. */
	cand[0].s = own;
	cand[0].pid = 0;
	if (own.bus[0] == '\0') {
		const char *rt = getenv("XDG_RUNTIME_DIR");
		char path[SESSION_VALUE_MAX - 16];
		struct stat st;
		if (rt && rt[0] == '/')
			snprintf(path, sizeof(path), "%s/bus", rt);
		else
			snprintf(path, sizeof(path), "/run/user/%u/bus", (unsigned)getuid());
		if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode)) {
			snprintf(cand[0].s.bus, sizeof(cand[0].s.bus), "unix:path=%s", path);
			cand[0].pid = -1;
		}
	}
	if (cand[0].s.bus[0]) {
		if (!cand[0].s.display[0] && !cand[0].s.wayland[0]) {
			np = scan_processes(procs, CANDIDATES_MAX);
			for (int i = 0; i < np; i++)
				if (session_same_bus(procs[i].s.bus, cand[0].s.bus)) {
					session_merge(&cand[0].s, &procs[i].s);
					break;
				}
		}
		n = 1;
	}
	/* Then the bus of each of the user's processes. */
	if (np < 0)
		np = scan_processes(procs, CANDIDATES_MAX);
	for (int i = 0; i < np; i++) {
		if (n > 0 && session_same_bus(procs[i].s.bus, cand[0].s.bus))
			continue;
		cand[n].s = own;
		cand[n].s.bus[0] = '\0';
		session_merge(&cand[n].s, &procs[i].s);
		cand[n].pid = procs[i].pid;
		n++;
	}

	int pick = 0;
	if (usable)
		for (int i = 0; i < n; i++)
			if (usable(&cand[i].s)) {
				pick = i;
				break;
			}
	if (n == 0) {
		*s = own;
		from[0] = '\0';
	} else {
		*s = cand[pick].s;
		if (cand[pick].pid > 0)
			snprintf(from, len, "process %ld", cand[pick].pid);
		else if (cand[pick].pid < 0)
			snprintf(from, len, "%s", cand[pick].s.bus + strlen("unix:path="));
		else
			snprintf(from, len, "this process");
	}
	free(procs);
	free(cand);
	return session_rank(s);
}

int session_find(struct session *s, char *from, size_t len)
{
	return session_find_usable(s, from, len, NULL);
}

void session_apply(const struct session *s)
{
	if (s->bus[0])
		setenv("DBUS_SESSION_BUS_ADDRESS", s->bus, 1);
	if (s->display[0])
		setenv("DISPLAY", s->display, 1);
	if (s->wayland[0])
		setenv("WAYLAND_DISPLAY", s->wayland, 1);
	if (s->xauthority[0])
		setenv("XAUTHORITY", s->xauthority, 1);
	if (s->runtime_dir[0] && getenv("XDG_RUNTIME_DIR") == NULL)
		setenv("XDG_RUNTIME_DIR", s->runtime_dir, 1);
	if (s->terminal[0])
		setenv("SELFCARE_TERMINAL", s->terminal, 1);
}

