/* The run's record, written to the history store from a worker thread:
 * SQLite waits up to STORE_BUSY_MS for another writer, and `run` never
 * waits on its clock's thread. Behind a small struct of function pointers,
 * so `run` plays the same with the store, with nothing, or in a test. */
#ifndef SELFCARE_RECORDER_H
#define SELFCARE_RECORDER_H

#include <stddef.h>

#include "history.h"

struct recorder {
	/* Hand over the run as it is now; never blocks. A state not yet
	 * written is replaced by a newer one: each is the whole record. */
	void (*post)(struct recorder *rec, const struct run_record *r);
	/* Why recording stopped ("cannot create ...: Read-only file system"),
	 * or NULL while it works. Said once, as a warning; the run goes on. */
	const char *(*failure)(struct recorder *rec);
	/* A descriptor that becomes readable when failure() turns non-NULL. */
	int (*fd)(struct recorder *rec);
	/* Write what is pending within wait_ms; never blocks. */
	void (*stop)(struct recorder *rec, int wait_ms);
	/* Write what is pending, waiting at most wait_ms (an earlier stop's
	 * deadline stays), and free rec.
	 * Returns a sentence saying how the record is not whole (a failure,
	 * a database busy at the end, the wait ran out), in why; or NULL
	 * when all was written. */
	const char *(*close)(struct recorder *rec, int wait_ms, char *why, size_t len);
};

/* A run that is not recorded is a NULL struct recorder, or NULL methods:
 * these calls do nothing then, and failure() and close() are NULL. */
static inline void recorder_post(struct recorder *rec, const struct run_record *r)
{
	if (rec && rec->post)
		rec->post(rec, r);
}
static inline const char *recorder_failure(struct recorder *rec)
{
	return rec && rec->failure ? rec->failure(rec) : NULL;
}
static inline int recorder_fd(struct recorder *rec)
{
	return rec && rec->fd ? rec->fd(rec) : -1;
}
static inline void recorder_stop(struct recorder *rec, int wait_ms)
{
	if (rec && rec->stop)
		rec->stop(rec, wait_ms);
}
static inline const char *recorder_close(struct recorder *rec, int wait_ms, char *why, size_t len)
{
	return rec && rec->close ? rec->close(rec, wait_ms, why, len) : NULL;
}

/* The store at path, opened (created) by the worker (worker.h). */
struct recorder *recorder_store_open(const char *path);

#endif
