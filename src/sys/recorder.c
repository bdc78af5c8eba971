#include "recorder.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "util.h"
#include "worker.h"

#define GRACE_MS 50 /* for the worker to finish once the record is written */

struct srec {
	struct recorder base;
	struct worker w;
	char *path;
	struct run_record pending;
	struct run_record last; /* the latest posted, for a side file at the end */
	long long known_id;     /* its row, once the first write went in */
	bool has_pending, have_last;
	char behind[600]; /* the last write waited out a busy database: why, or "" */
};

#define SREC(wp) ((struct srec *)((char *)(wp) - offsetof(struct srec, w)))

/* Write r; its row id is set after the first write. */
static void write_record(struct srec *s, struct store **st, struct run_record *r)
{
	char why[512];
	bool busy = false;

	if (*st == NULL && (*st = store_open_busy(s->path, true, why, sizeof(why), &busy)) == NULL) {
		/* Held by another process (bringing an older schema up to
		 * date waits for it): the next state tries again, and the last
		 * is kept aside at the end. */
		if (busy)
			snprintf(s->behind, sizeof(s->behind), "%s", why);
		else
			worker_fail(&s->w, "%s", why);
		return;
	}
	if (store_put_run(*st, r) < 0) {
		snprintf(why, sizeof(why), "%s: %s", s->path, store_error(*st));
		if (store_was_busy(*st)) /* another process, for now: the next state may go in */
			snprintf(s->behind, sizeof(s->behind), "%s", why);
		else
			worker_fail(&s->w, "%s", why);
	} else {
		s->behind[0] = '\0';
	}
}

static void body(struct worker *w)
{
	struct srec *s = SREC(w);
	struct store *st = NULL;
	long long id = 0;

	worker_lock(w);
	for (;;) {
		while (!s->has_pending && !w->stop)
			worker_wait_locked(w);
		if (!s->has_pending)
			break; /* stopped, and everything is written */
		struct run_record r = s->pending;
		s->has_pending = false;
		worker_busy_locked(w);
		worker_unlock(w);
		if (!worker_failed(w)) {
			r.id = id;
			write_record(s, &st, &r);
			id = r.id;
		}
		worker_lock(w);
		s->known_id = id;
		worker_idle_locked(w);
	}
	worker_unlock(w);
	store_close(st);
}

static void release(struct worker *w)
{
	struct srec *s = SREC(w);
	worker_release(w);
	free(s->path);
	free(s);
}

static const struct worker_ops ops = {
	.name = "sc-record",
	.body = body,
	.release = release,
	/* SQLite itself gives up on a busy database after STORE_BUSY_MS. */
	.stuck_why = "the history's database stayed busy",
};

static void post(struct recorder *base, const struct run_record *r)
{
	struct srec *s = (struct srec *)base;
	if (worker_failed(&s->w))
		return;
	worker_lock(&s->w);
	s->pending = *r;
	s->last = *r;
	s->have_last = true;
	s->has_pending = true;
	worker_wake_locked(&s->w);
	worker_unlock(&s->w);
}

static const char *failure(struct recorder *base)
{
	return worker_failure(&((struct srec *)base)->w);
}

static int fd(struct recorder *base)
{
	return worker_fd(&((struct srec *)base)->w);
}

static void stop_recorder(struct recorder *base, int wait_ms)
{
	worker_stop(&((struct srec *)base)->w, wait_ms);
}

static const char *close_recorder(struct recorder *base, int wait_ms, char *why, size_t len)
{
	struct srec *s = (struct srec *)base;

	worker_stop(&s->w, wait_ms);
	worker_lock(&s->w);
	while (s->has_pending || s->w.busy)
		if (!worker_wait_until_locked(&s->w, &s->w.deadline))
			break;
	bool done = !s->has_pending && !s->w.busy;
	struct run_record last = s->last;
	bool have_last = s->have_last;
	last.id = s->known_id;
	worker_unlock(&s->w);
	const char *out = NULL;
	const char *failed = worker_failed(&s->w) ? worker_failure(&s->w) : NULL;
	/* Another process held the database past the wait: the result is
	 * kept beside it, and goes in at the next open. */
	char *aside = NULL, aside_why[600] = "";
	if (!failed && have_last && (!done || s->behind[0]))
		aside = store_keep_aside(s->path, &last, aside_why, sizeof(aside_why));
	if (failed)
		out = why ? snprintf(why, len, "%s: this run is not recorded", failed), why : "";
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
	/* When the database stayed busy longer than we wait, the worker is
	 * given up on: the process exits and SQLite's journal keeps the file
	 * whole. */
	worker_join(&s->w, GRACE_MS);
	return out;
}

struct recorder *recorder_store_open(const char *path)
{
	struct srec *s = xcalloc(1, sizeof(*s));

	s->base = (struct recorder){.post = post, .failure = failure, .fd = fd,
				    .stop = stop_recorder, .close = close_recorder};
	s->path = xstrdup(path);
	if (worker_start(&s->w, &ops) != 0) {
		free(s->path);
		free(s);
		return NULL;
	}
	return &s->base;
}
