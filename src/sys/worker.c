#include "worker.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "timeutil.h"

static bool passed(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* Wake the caller ms from now: 0 at once, -1 never. */
static void alarm_at(struct worker *w, int ms)
{
	struct itimerspec it = {0};
	if (ms >= 0) {
		it.it_value.tv_sec = ms / 1000;
		it.it_value.tv_nsec = (long)(ms % 1000) * 1000000L + 1;
	}
	timerfd_settime(w->fd, 0, &it, NULL);
}

void worker_lock(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
}

void worker_unlock(struct worker *w)
{
	pthread_mutex_unlock(&w->mu);
}

void worker_wake_locked(struct worker *w)
{
	pthread_cond_broadcast(&w->cv);
}

void worker_wait_locked(struct worker *w)
{
	pthread_cond_wait(&w->cv, &w->mu);
}

bool worker_wait_until_locked(struct worker *w, const struct timespec *until)
{
	return pthread_cond_timedwait(&w->cv, &w->mu, until) != ETIMEDOUT;
}

void worker_busy_locked(struct worker *w)
{
	w->busy = true;
	w->busy_since = monotonic_ms();
	if (w->ops->stuck_ms > 0 && !atomic_load(&w->failed))
		alarm_at(w, w->ops->stuck_ms);
}

void worker_idle_locked(struct worker *w)
{
	w->busy = false;
	if (w->ops->stuck_ms > 0 && !atomic_load(&w->failed))
		alarm_at(w, -1);
	pthread_cond_broadcast(&w->cv);
}

static void vfail_locked(struct worker *w, const char *fmt, va_list ap)
{
	if (atomic_load(&w->failed))
		return;
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	atomic_store(&w->failed, true);
	alarm_at(w, 0);
	pthread_cond_broadcast(&w->cv);
}

void worker_fail_locked(struct worker *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_locked(w, fmt, ap);
	va_end(ap);
}

void worker_fail(struct worker *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&w->mu);
	vfail_locked(w, fmt, ap);
	pthread_mutex_unlock(&w->mu);
	va_end(ap);
}

bool worker_failed(struct worker *w)
{
	return atomic_load(&w->failed);
}

static void give_up_locked(struct worker *w)
{
	if (w->ops->stuck)
		w->ops->stuck(w);
	else
		worker_fail_locked(w, "%s", w->ops->stuck_why ? w->ops->stuck_why : "it stopped answering");
}

bool worker_stuck_locked(struct worker *w)
{
	if (!w->busy || w->ops->stuck_ms <= 0 || (monotonic_ms() - w->busy_since) < w->ops->stuck_ms)
		return false;
	give_up_locked(w);
	return true;
}

bool worker_late_locked(const struct worker *w)
{
	return w->stop && passed(&w->deadline);
}

const char *worker_failure(struct worker *w)
{
	if (atomic_load(&w->failed))
		return w->why;
	pthread_mutex_lock(&w->mu);
	if (!worker_stuck_locked(w) && !atomic_load(&w->failed)) {
		uint64_t n;
		if (read(w->fd, &n, sizeof(n)) < 0) {
			/* Not gone off: nothing to take. */
		}
		if (w->busy && w->ops->stuck_ms > 0)
			alarm_at(w, (int)(w->ops->stuck_ms - (monotonic_ms() - w->busy_since)));
	}
	pthread_mutex_unlock(&w->mu);
	return atomic_load(&w->failed) ? w->why : NULL;
}

int worker_fd(const struct worker *w)
{
	return w->fd;
}

void worker_release(struct worker *w)
{
	close(w->fd);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
}

static void *trampoline(void *arg)
{
	struct worker *w = arg;

	if (w->ops->name)
		pthread_setname_np(pthread_self(), w->ops->name);
	w->ops->body(w);
	pthread_mutex_lock(&w->mu);
	w->exited = true;
	bool abandoned = w->abandoned;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (abandoned)
		w->ops->release(w);
	return NULL;
}

int worker_start(struct worker *w, const struct worker_ops *ops)
{
	pthread_condattr_t ca;
	sigset_t all, old;

	w->ops = ops;
	atomic_init(&w->failed, false);
	w->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (w->fd < 0)
		return -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* The thread, and any its library starts (libspeechd's reader,
	 * libpulse's main loop), inherit this mask. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&w->thread, NULL, trampoline, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		worker_release(w);
		return -1;
	}
	return 0;
}

void worker_stop(struct worker *w, int wait_ms)
{
	pthread_mutex_lock(&w->mu);
	if (!w->stop) {
		w->stop = true;
		w->deadline = clock_after_ms(CLOCK_MONOTONIC, wait_ms);
	}
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static bool wait_exit_locked(struct worker *w, const struct timespec *until)
{
	while (!w->exited)
		if (!worker_wait_until_locked(w, until))
			break;
	return w->exited;
}

bool worker_join(struct worker *w, int grace_ms)
{
	worker_stop(w, 0); /* keeps an earlier deadline */
	pthread_mutex_lock(&w->mu);
	struct timespec until = w->deadline;
	until.tv_nsec += (long)grace_ms * 1000000L;
	while (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	bool hung = w->busy && w->ops->give_up_ms > 0 && (monotonic_ms() - w->busy_since) >= w->ops->give_up_ms;
	if (!hung && !wait_exit_locked(w, &until)) {
		/* Not done by the deadline: break the call off where the
		 * backend can, and give it the grace once more. */
		give_up_locked(w);
		until = clock_after_ms(CLOCK_MONOTONIC, grace_ms);
		wait_exit_locked(w, &until);
	}
	pthread_t thread = w->thread;
	if (w->exited) {
		pthread_mutex_unlock(&w->mu);
		pthread_join(thread, NULL);
		w->ops->release(w);
		return true;
	}
	/* Stuck inside the library on a hung server: it frees everything
	 * when it returns; if the process exits first, nothing is lost
	 * either. w may be gone once the lock is let go. */
	w->abandoned = true;
	pthread_mutex_unlock(&w->mu);
	pthread_detach(thread);
	return false;
}
