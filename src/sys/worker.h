/* One worker thread behind a backend (git's struct async): the speech,
 * sound, notification and history backends each hand their work to one,
 * because the library they call can hang (a frozen speech-dispatcher, a
 * hung D-Bus server, a sound server that stopped, a database another
 * process holds) and the thread that keeps time must never wait on it.
 *
 * The backend embeds a struct worker and writes the thread's body; this
 * file owns the rest, once: the mutex and the condition variable (on
 * CLOCK_MONOTONIC, like every deadline here), the thread started with
 * every signal blocked (so the signals the caller reads from a signalfd
 * stay with it, and a write to a closed socket gives EPIPE), the failure
 * said once, a descriptor that wakes the caller's poll() when there is a
 * failure to say or a call has been busy too long, and the way out: stop
 * with a deadline, join, and a thread still stuck after it is given up on
 * and frees everything itself if it ever comes back. */
#ifndef SELFCARE_WORKER_H
#define SELFCARE_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct worker;

struct worker_ops {
	/* The thread's name, as ps -L and perf show it (15 bytes at most). */
	const char *name;
	/* The thread's body: waits for work with worker_wait_locked(), does
	 * it, and returns once w->stop is set and nothing is left that may
	 * still be done before w->deadline (worker_late_locked()). */
	void (*body)(struct worker *w);
	/* Frees the backend that embeds w (after worker_release(w)): called
	 * by worker_join(), or by the thread itself when it was given up on. */
	void (*release)(struct worker *w);
	/* While running, a call busy for stuck_ms is on a hung server (0:
	 * never decided while running). */
	int stuck_ms;
	/* At worker_join(), a call busy for give_up_ms is not waited for (0:
	 * wait to the deadline). */
	int give_up_ms;
	/* With mu held, when a call is stuck, or the thread has not finished
	 * by the deadline: fail and, if the backend can, break the call off
	 * (speech shuts its socket). NULL: fail with stuck_why. */
	void (*stuck)(struct worker *w);
	const char *stuck_why;
};

struct worker {
	pthread_mutex_t mu;
	pthread_cond_t cv;	   /* CLOCK_MONOTONIC; broadcast for any change */
	bool stop;		   /* worker_stop() was called */
	struct timespec deadline;  /* with stop: what is left after it is dropped */
	bool busy;		   /* inside a call that may hang */
	long long busy_since;	   /* since when, monotonic_ms() */
	/* The rest is this file's. */
	const struct worker_ops *ops;
	pthread_t thread;
	bool exited, abandoned;
	atomic_bool failed;
	char why[400];
	int fd; /* a timerfd: see worker_fd() */
};

/* Start w's thread (w zeroed beforehand, apart from the backend's own
 * fields around it): 0, or -1 when no thread or descriptor could be had
 * (w then holds nothing to release). */
int worker_start(struct worker *w, const struct worker_ops *ops);

/* The lock, and waiting on w->cv: for ever, or until an absolute
 * CLOCK_MONOTONIC time (false when it came first). */
void worker_lock(struct worker *w);
void worker_unlock(struct worker *w);
void worker_wake_locked(struct worker *w);
void worker_wait_locked(struct worker *w);
bool worker_wait_until_locked(struct worker *w, const struct timespec *until);

/* With mu held: a call that may hang begins (the caller is woken
 * ops->stuck_ms later if it has not ended), or has ended. */
void worker_busy_locked(struct worker *w);
void worker_idle_locked(struct worker *w);
/* With mu held: when w->busy for at least ops->stuck_ms, fail (ops->stuck)
 * and say so. */
bool worker_stuck_locked(struct worker *w);
/* With mu held: stopping and past the deadline. */
bool worker_late_locked(const struct worker *w);

/* Why the backend stopped working: the first reason given stays, the
 * caller is woken through worker_fd(). */
void worker_fail(struct worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void worker_fail_locked(struct worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool worker_failed(struct worker *w);

/* For the caller (the thread that keeps time), never blocking for more
 * than the lock: the failure, or NULL. A call busy for stuck_ms is found
 * out here (ops->stuck), so poll worker_fd(): it becomes readable when a
 * failure is set and when a call has been busy for stuck_ms. */
const char *worker_failure(struct worker *w);
int worker_fd(const struct worker *w);

/* Ask the thread to finish what it has within wait_ms and return; never
 * blocks (a second call keeps the first deadline). */
void worker_stop(struct worker *w, int wait_ms);
/* After worker_stop: wait for the thread until the deadline and grace_ms
 * more, then free the backend (ops->release) and return true. A thread
 * still stuck then is given up on: it frees the backend when it comes
 * back (false). A call busy for stuck_ms already is not waited for. */
bool worker_join(struct worker *w, int grace_ms);
/* What worker_start() made, for ops->release. */
void worker_release(struct worker *w);

#endif
