/* Starting speech-dispatcher where libspeechd's autospawn would not say
 * why it failed: the daemon's own last words are kept. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "speechd_spawn.h"

extern char **environ;

/* The first sentence of the last non-empty line of text, without
 * speech-dispatcher's "[date : usec] speechd: " prefix. Edits text. */
static const char *last_line(char *text)
{
	char *line = NULL, *save = NULL;
	for (char *p = strtok_r(text, "\r\n", &save); p; p = strtok_r(NULL, "\r\n", &save))
		line = p;
	if (line == NULL)
		return NULL;
	char *tag = strstr(line, "speechd: ");
	if (tag)
		line = tag + strlen("speechd: ");
	char *stop = strstr(line, ". "); /* the first sentence says enough */
	if (stop)
		stop[1] = '\0';
	size_t n = strlen(line); /* without its full stop: more follows it */
	if (n > 0 && line[n - 1] == '.')
		line[n - 1] = '\0';
	return line;
}

/* Start speech-dispatcher as libspeechd's autospawn does (same arguments),
 * but with every signal unblocked and at its default: the daemon inherits
 * the signal mask, and one started with SIGTERM blocked ignores a polite
 * stop. It daemonizes once it listens, and the first process exits then.
 * Returns 0 when that process exited 0, or -1 with why filled. */
int speechd_spawn(const char *socket_path, char *why, size_t len)
{
	char *argv[] = {"speech-dispatcher", "--spawn", "--communication-method", "unix_socket",
			"--socket-path", (char *)socket_path, NULL};
	posix_spawn_file_actions_t files;
	posix_spawnattr_t attr;
	sigset_t none, all;
	int pipefd[2], err, status;
	pid_t pid;
	char out[1024];
	size_t got = 0;

	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		snprintf(why, len, "cannot start speech-dispatcher: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&files);
	posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&files, pipefd[1], 2);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	err = posix_spawnp(&pid, argv[0], &files, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&files);
	close(pipefd[1]);
	if (err != 0) {
		close(pipefd[0]);
		snprintf(why, len, "cannot run speech-dispatcher: %s", strerror(err));
		return -1;
	}
	/* Its messages, until it exits (the daemon it leaves has stderr on
	 * /dev/null). Only the last line is kept in the end. */
	for (;;) {
		ssize_t n = read(pipefd[0], out + got, sizeof(out) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == sizeof(out) - 1) {
			memmove(out, out + got / 2, got - got / 2);
			got -= got / 2;
		}
	}
	out[got] = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 0; /* reaped by someone else: try to connect */
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	const char *line = last_line(out);
	if (line)
		snprintf(why, len, "speech-dispatcher did not start: %s", line);
	else if (WIFEXITED(status))
		snprintf(why, len, "speech-dispatcher did not start (exit status %d)",
			 WEXITSTATUS(status));
	else
		snprintf(why, len, "speech-dispatcher did not start (signal %d)", WTERMSIG(status));
	return -1;
}

/* Whether something listens on the unix socket at path; errno if not. */
int speechd_probe_socket(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd, ok;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	int saved = errno;
	close(fd);
	errno = saved;
	return ok;
}

