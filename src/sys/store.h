/* The history store: every run and every reminder's outcome, in SQLite at
 * $XDG_STATE_HOME/selfcare/history.db (schema in selfcare(1), FILES).
 *
 * WAL mode and a busy timeout: two processes writing at once take turns,
 * and a writer killed at any moment leaves the database as it was after its
 * last transaction. Each record is one transaction. Concurrency and crash
 * safety are SQLite's; there is no locking of our own.
 *
 * A database that is not one of ours, is corrupt, or comes from a newer
 * selfcare is never written: the open fails and says why, naming the file.
 * These calls block (for at most STORE_BUSY_MS on a busy database):
 * `run` makes them from a worker thread (recorder.h), never on its clock. */
#ifndef SELFCARE_STORE_H
#define SELFCARE_STORE_H

#include <stdbool.h>

#include "history.h"
#include "remindlog.h"

#define STORE_FILE "history.db"
#define STORE_BUSY_MS 5000

struct store;

/* Open (and when create, make) the database at path, its directory made
 * too. NULL with a one-line reason in why on failure. */
struct store *store_open(const char *path, bool create, char *why, size_t len);
/* The same; *busy says whether it failed only because another process
 * held the database past STORE_BUSY_MS (to be tried again later). */
struct store *store_open_busy(const char *path, bool create, char *why, size_t len, bool *busy);
void store_close(struct store *s);
enum store_state {
	STORE_OPENED,
	STORE_ABSENT, /* no file yet: nothing recorded, no error */
	STORE_BAD,    /* not a history: not a regular file, not a database,
		       * another program's or a newer selfcare's (EXIT_DATA) */
	STORE_FAILED, /* could not be read: why says why */
};
/* Read-only, for the commands that show the history: NULL unless *state
 * is STORE_OPENED, with why for STORE_BAD and STORE_FAILED. */
struct store *store_open_existing(const char *path, enum store_state *state, char *why,
				  size_t len);
/* A run's record the database could not take in time (another process
 * held it past the wait at the end of a run): kept in a side file beside
 * it, PATH.pending-PID-STARTED, written atomically, and brought in at the
 * next open that can write (the next run's, or a reader's first).
 * Returns the side file's path, to be freed, or NULL with why. */
char *store_keep_aside(const char *path, const struct run_record *r, char *why, size_t len);
/* Bring the records kept aside beside path into s (open for writing),
 * removing each side file once its record is in; whether any is there. */
void store_merge_aside(struct store *s, const char *path);
bool store_has_aside(const char *path);
/* Whether s has run id, of routine, begun at started. */
bool store_has_run(struct store *s, long long id, long long started, const char *routine);
/* The last error's text, for a failed call below. */
const char *store_error(struct store *s);
/* Whether that error was another process holding the database for longer
 * than STORE_BUSY_MS: the next try may work. */
bool store_was_busy(struct store *s);

/* A run: inserted when r->id is 0 (r->id is set), else updated. */
int store_put_run(struct store *s, struct run_record *r);
int store_put_reminder(struct store *s, const struct remind_record *r);

struct run_filter {
	const char *name;     /* or NULL */
	long long since_day;  /* local day, or LLONG_MIN */
};
/* Each run, oldest first. The callback returns nonzero to stop. */
int store_each_run(struct store *s, const struct run_filter *f,
		   int (*cb)(void *ctx, const struct run_record *r), void *ctx);
/* The latest run of name: 1 found, 0 none, -1 error. */
int store_last_run(struct store *s, const char *name, struct run_record *out);
/* Has name ever run to its end? 1 yes, 0 no, -1 error. */
int store_ever_completed(struct store *s, const char *name);
int store_each_reminder(struct store *s, int (*cb)(void *ctx, const struct remind_record *r),
			void *ctx);
/* For the reminder of name at hour:minute: its last firing (fired or
 * missed) and the last thing that came of it after. Each found or not. */
int store_last_reminder(struct store *s, const char *name, unsigned hour, unsigned minute,
			struct remind_record *firing, bool *has_firing, struct remind_record *then,
			bool *has_then);

/* For `remind`: open (make) the store in state_dir, bring in the
 * reminders.log of earlier versions once (it is renamed
 * reminders.log.imported), add r, close. 0, or -1 with why (a sentence
 * that says what was not recorded). */
int store_add_reminder(const char *state_dir, const struct remind_record *r, char *why,
		       size_t len);
/* For `schedule list`: only that bringing in, when there is an old log. */
int store_import_remind_log(const char *state_dir, char *why, size_t len);

/* $XDG_STATE_HOME/selfcare/history.db (or ~/.local/state/...). Caller frees;
 * NULL when there is neither XDG_STATE_HOME nor HOME. */
char *store_default_path(void);

#endif
