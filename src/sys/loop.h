/* A small event loop (redis's ae, cut down): the descriptors to watch, one
 * deadline, and the signals a run takes, read from a signalfd it owns, so
 * no signal handler ever runs. The run's player loop and the check-in
 * prompt both wait on it. Deadlines are absolute, on CLOCK_MONOTONIC, in
 * nanoseconds, and kept by a timerfd, so a wait is never a chain of
 * sleeps. One thread: the one that keeps time. */
#ifndef SELFCARE_LOOP_H
#define SELFCARE_LOOP_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#define LOOP_NEVER INT64_MAX
#define LOOP_FDS_MAX 10

/* Called when fd is readable (or at its end: a hang-up counts), with the
 * ctx given to loop_add. */
typedef void loop_ready_fn(void *ctx, int fd);

struct loop {
	int sfd, tfd;
	sigset_t old; /* the mask before loop_open */
	struct pollfd fds[LOOP_FDS_MAX + 2]; /* the timerfd, the signalfd, then the slots */
	loop_ready_fn *ready[LOOP_FDS_MAX];
	void *ctx[LOOP_FDS_MAX];
	int used; /* slots taken */
};

/* Block SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP and SIGWINCH (before any
 * thread starts, so every thread inherits the mask and they reach only the
 * signalfd), and make the signalfd and timerfd. 0, or -1 with errno (the
 * mask as it was). */
int loop_open(struct loop *l);
/* Close both and put the signal mask back. */
void loop_close(struct loop *l);

/* Watch fd (-1: a slot kept for later) with ready(ctx, fd): the slot's
 * number, or -1 when all are taken. */
int loop_add(struct loop *l, int fd, loop_ready_fn *ready, void *ctx);
/* Watch another descriptor in slot (-1: none for now). */
void loop_set(struct loop *l, int slot, int fd);
/* Give back the last slot taken (slots are a stack). */
void loop_remove_last(struct loop *l);

/* Wait until a watched descriptor is ready (its function is called), a
 * signal comes, or the deadline passes (LOOP_NEVER: no deadline). Returns
 * the signal's number, or 0. */
int loop_wait(struct loop *l, int64_t deadline);

/* Now on CLOCK_MONOTONIC, in nanoseconds. */
int64_t loop_now(void);

/* Ctrl-Z, done: stop this process (the caller has given the terminal
 * back); once continued, with foreground, wait to be in the foreground of
 * the terminal on stdin again. */
void loop_stop_self(bool foreground);

#endif
