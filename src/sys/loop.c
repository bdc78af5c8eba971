#include "loop.h"

#include <errno.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int64_t loop_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int loop_open(struct loop *l)
{
	sigset_t mask;

	*l = (struct loop){.sfd = -1, .tfd = -1};
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGTSTP);
	sigaddset(&mask, SIGWINCH);
	sigprocmask(SIG_BLOCK, &mask, &l->old);
	l->sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (l->sfd >= 0 && l->tfd >= 0)
		return 0;
	int e = errno;
	loop_close(l);
	errno = e;
	return -1;
}

void loop_close(struct loop *l)
{
	if (l->sfd >= 0)
		close(l->sfd);
	if (l->tfd >= 0)
		close(l->tfd);
	l->sfd = l->tfd = -1;
	sigprocmask(SIG_SETMASK, &l->old, NULL);
}

int loop_add(struct loop *l, int fd, loop_ready_fn *ready, void *ctx)
{
	if (l->used == LOOP_FDS_MAX)
		return -1;
	int slot = l->used++;
	l->ready[slot] = ready;
	l->ctx[slot] = ctx;
	loop_set(l, slot, fd);
	return slot;
}

void loop_set(struct loop *l, int slot, int fd)
{
	l->fds[2 + slot] = (struct pollfd){.fd = fd, .events = POLLIN};
}

void loop_remove_last(struct loop *l)
{
	if (l->used > 0)
		l->used--;
}

static void arm(int tfd, int64_t at)
{
	struct itimerspec its = {0};

	if (at != LOOP_NEVER) {
		if (at <= 0)
			at = 1;
		its.it_value.tv_sec = at / 1000000000LL;
		its.it_value.tv_nsec = at % 1000000000LL;
	}
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL); /* all zero: disarmed */
}

int loop_wait(struct loop *l, int64_t deadline)
{
	arm(l->tfd, deadline);
	l->fds[0] = (struct pollfd){.fd = l->tfd, .events = POLLIN};
	l->fds[1] = (struct pollfd){.fd = l->sfd, .events = POLLIN};
	if (poll(l->fds, (nfds_t)(2 + l->used), -1) < 0)
		return 0; /* EINTR: the caller looks again */
	if (l->fds[0].revents & POLLIN) {
		uint64_t expirations;
		if (read(l->tfd, &expirations, sizeof(expirations)) < 0) {
			/* EAGAIN after a re-arm: nothing to do. */
		}
	}
	for (int i = 0; i < l->used; i++) {
		struct pollfd *p = &l->fds[2 + i];
		if (p->fd >= 0 && p->revents)
			l->ready[i](l->ctx[i], p->fd);
	}
	if (l->fds[1].revents & POLLIN) {
		struct signalfd_siginfo si;
		if (read(l->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			return (int)si.ssi_signo;
	}
	return 0;
}

void loop_stop_self(bool foreground)
{
	raise(SIGSTOP);
	/* Continued. In the background, wait to be brought back. */
	while (foreground && tcgetpgrp(STDIN_FILENO) != getpgrp())
		raise(SIGTTOU);
}
