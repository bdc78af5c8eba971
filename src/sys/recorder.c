#include "recorder.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "timeutil.h"
#include "util.h"

struct srec {
	struct recorder base;
	char *path;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct run_record pending;
	struct run_record last; /* the latest posted, for a side file at the end */
	long long known_id;     /* its row, once the first write went in */
	bool has_pending, busy, stop, have_last;
	atomic_bool failed;
	char why[600];
	char behind[600]; /* the last write waited out a busy database: why, or "" */
	int efd;
};

static void fail(struct srec *s, const char *why)
{
	snprintf(s->why, sizeof(s->why), "%s", why);
	atomic_store(&s->failed, true);
	uint64_t one = 1;
	if (write(s->efd, &one, sizeof(one)) < 0) {
		/* The flag is what counts. */
	}
}

static void *worker(void *arg)
{
	struct srec *s = arg;
	struct store *st = NULL;
	long long id = 0;
	char why[512];

	for (;;) {
		pthread_mutex_lock(&s->mu);
		while (!s->has_pending && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (!s->has_pending) {
			pthread_mutex_unlock(&s->mu);
			break;
		}
		struct run_record r = s->pending;
		s->has_pending = false;
		s->busy = true;
		pthread_mutex_unlock(&s->mu);

		if (!atomic_load(&s->failed)) {
			bool busy = false;
			if (st == NULL &&
			    (st = store_open_busy(s->path, true, why, sizeof(why), &busy)) == NULL) {
				/* Held by another process (bringing an older schema
				 * up to date waits for it): the next state tries
				 * again, and the last is kept aside at the end. */
				if (busy)
					snprintf(s->behind, sizeof(s->behind), "%s", why);
				else
					fail(s, why);
			}
			r.id = id;
			if (st && store_put_run(st, &r) < 0) {
				snprintf(why, sizeof(why), "%s: %s", s->path, store_error(st));
				if (store_was_busy(st)) /* another process, for now: the next state may go in */
					snprintf(s->behind, sizeof(s->behind), "%s", why);
				else
					fail(s, why);
			} else if (st) {
				s->behind[0] = '\0';
			}
			id = r.id;
		}

		pthread_mutex_lock(&s->mu);
		s->known_id = id;
		s->busy = false;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	store_close(st);
	return NULL;
}

static void post(struct recorder *base, const struct run_record *r)
{
	struct srec *s = (struct srec *)base;
	if (atomic_load(&s->failed))
		return;
	pthread_mutex_lock(&s->mu);
	s->pending = *r;
	s->last = *r;
	s->have_last = true;
	s->has_pending = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static const char *failure(struct recorder *base)
{
	struct srec *s = (struct srec *)base;
	return atomic_load(&s->failed) ? s->why : NULL;
}

static int fd(struct recorder *base)
{
	return ((struct srec *)base)->efd;
}

static const char *close_recorder(struct recorder *base, int wait_ms, char *why, size_t len)
{
	struct srec *s = (struct srec *)base;
	struct timespec until;

	until = realtime_after_ms(wait_ms);
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_signal(&s->cv);
	while (s->has_pending || s->busy)
		if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
			break;
	bool done = !s->has_pending && !s->busy;
	struct run_record last = s->last;
	bool have_last = s->have_last;
	last.id = s->known_id;
	pthread_mutex_unlock(&s->mu);
	const char *out = NULL;
	/* Another process held the database past the wait: the result is
	 * kept beside it, and goes in at the next open. */
	char *aside = NULL, aside_why[600] = "";
	if (!atomic_load(&s->failed) && have_last && (!done || s->behind[0]))
		aside = store_keep_aside(s->path, &last, aside_why, sizeof(aside_why));
	if (atomic_load(&s->failed))
		out = why ? snprintf(why, len, "%s: this run is not recorded", s->why), why : "";
	else if (aside)
		out = why ? snprintf(why, len, "%s was busy (another process held it for over %d s): "
				     "this run is kept in %s and goes into the history at the next "
				     "run or look at it", s->path, wait_ms / 1000, aside), why : "";
	else if (done && s->behind[0])
		out = why ? snprintf(why, len, "%s: this run is recorded only up to an earlier step (%s)",
				     s->behind, aside_why), why : "";
	else if (!done)
		out = why ? snprintf(why, len, "%s: still busy after %d s: the end of this run is not "
				     "recorded (%s)", s->path, wait_ms / 1000, aside_why), why : "";
	free(aside);
	if (done) {
		pthread_join(s->thread, NULL);
		close(s->efd);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		free(s->path);
		free(s);
	}
	/* Otherwise the database stayed busy longer than we wait: the
	 * process exits and SQLite's journal keeps the file whole. */
	return out;
}

struct recorder *recorder_store_open(const char *path)
{
	struct srec *s = xcalloc(1, sizeof(*s));

	s->base = (struct recorder){.post = post, .failure = failure, .fd = fd,
				    .close = close_recorder};
	s->path = xstrdup(path);
	atomic_init(&s->failed, false);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->efd < 0 || pthread_create(&s->thread, NULL, worker, s) != 0) {
		if (s->efd >= 0)
			close(s->efd);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		free(s->path);
		free(s);
		return NULL;
	}
	return &s->base;
}

static void null_post(struct recorder *rec, const struct run_record *r)
{
	(void)rec;
	(void)r;
}

static const char *null_failure(struct recorder *rec)
{
	(void)rec;
	return NULL;
}

static int null_fd(struct recorder *rec)
{
	(void)rec;
	return -1;
}

static const char *null_close(struct recorder *rec, int wait_ms, char *why, size_t len)
{
	(void)wait_ms;
	(void)why;
	(void)len;
	free(rec);
	return NULL;
}

struct recorder *recorder_null_open(void)
{
	struct recorder *r = xcalloc(1, sizeof(*r));
	*r = (struct recorder){.post = null_post, .failure = null_failure, .fd = null_fd,
			       .close = null_close};
	return r;
}
