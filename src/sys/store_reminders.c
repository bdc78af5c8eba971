/* The reminders' outcomes in the history store: each firing and what
 * became of it, the last of an entry, and the reminders.log of earlier
 * builds brought in. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "remindlog.h"
#include "store_priv.h"
#include "text.h"
#include "util.h"

int store_put_reminder(struct store *s, const struct remind_record *r)
{
	sqlite3_stmt *st;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "INSERT INTO reminders (at, utc_offset, routine, hour, minute,"
				     " outcome, why, test) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				     -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot record the reminder");
	s->L->sqlite3_bind_int64(st, 1, r->when);
	s->L->sqlite3_bind_int64(st, 2, r->utc_offset);
	st_bind_text(s, st, 3, r->name);
	s->L->sqlite3_bind_int64(st, 4, r->hour);
	s->L->sqlite3_bind_int64(st, 5, r->minute);
	st_bind_text(s, st, 6, remind_outcome_name(r->outcome));
	st_bind_text(s, st, 7, r->why);
	s->L->sqlite3_bind_int64(st, 8, r->test);
	return st_run_stmt(s, st, "cannot record the reminder");
}

static bool outcome_parse(const char *s, enum remind_outcome *o)
{
	for (int i = REMIND_FIRED; i <= REMIND_UNANSWERED; i++)
		if (strcmp(s, remind_outcome_name((enum remind_outcome)i)) == 0) {
			*o = (enum remind_outcome)i;
			return true;
		}
	return false;
}

static void row_to_reminder(struct store *s, sqlite3_stmt *st, struct remind_record *r)
{
	memset(r, 0, sizeof(*r));
	r->when = st_clamp_ll(s->L->sqlite3_column_int64(st, 0), 0, 100000000000LL);
	long long off = s->L->sqlite3_column_int64(st, 1);
	r->utc_offset = off < -86400 || off > 86400 ? 0 : (int)off;
	text_sanitize(st_col_text(s, st, 2), r->name, sizeof(r->name));
	r->hour = st_col_u(s, st, 3) % 24;
	r->minute = st_col_u(s, st, 4) % 60;
	if (!outcome_parse(st_col_text(s, st, 5), &r->outcome))
		r->outcome = REMIND_MISSED;
	text_sanitize(st_col_text(s, st, 6), r->why, sizeof(r->why));
	r->test = s->L->sqlite3_column_int64(st, 7) != 0;
}

#define REMINDER_COLUMNS "at, utc_offset, routine, hour, minute, outcome, why, test"

int store_each_reminder(struct store *s, int (*cb)(void *ctx, const struct remind_record *r),
			void *ctx)
{
	sqlite3_stmt *st;
	if (s->empty)
		return 0;
	if (s->L->sqlite3_prepare_v2(s->db, "SELECT " REMINDER_COLUMNS " FROM reminders ORDER BY id",
				     -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot read the reminders");
	int rc;
	struct remind_record r;
	while ((rc = s->L->sqlite3_step(st)) == SQLITE_ROW) {
		row_to_reminder(s, st, &r);
		if (cb(ctx, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	s->L->sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : st_fail(s, "cannot read the reminders");
}

int store_last_reminder(struct store *s, const char *name, unsigned hour, unsigned minute,
			struct remind_record *firing, bool *has_firing, struct remind_record *then,
			bool *has_then)
{
	static const char *const sql[2] = {
		"SELECT " REMINDER_COLUMNS ", id FROM reminders WHERE routine = ?1 AND hour = ?2"
		" AND minute = ?3 AND test = 0 AND outcome IN ('fired', 'missed')"
		" ORDER BY id DESC LIMIT 1",
		"SELECT " REMINDER_COLUMNS ", id FROM reminders WHERE routine = ?1 AND hour = ?2"
		" AND minute = ?3 AND id > ?4 AND test = 0 AND outcome NOT IN ('fired', 'missed')"
		" ORDER BY id DESC LIMIT 1",
	};
	struct remind_record *out[2] = {firing, then};
	bool *has[2] = {has_firing, has_then};
	long long firing_id = 0;

	*has_firing = *has_then = false;
	for (int q = 0; q < 2 && !s->empty; q++) {
		sqlite3_stmt *st;
		if (q == 1 && !*has_firing)
			break;
		if (s->L->sqlite3_prepare_v2(s->db, sql[q], -1, &st, NULL) != SQLITE_OK)
			return st_fail(s, "cannot read the reminders");
		st_bind_text(s, st, 1, name);
		s->L->sqlite3_bind_int64(st, 2, hour);
		s->L->sqlite3_bind_int64(st, 3, minute);
		if (q == 1)
			s->L->sqlite3_bind_int64(st, 4, firing_id);
		int rc = s->L->sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			row_to_reminder(s, st, out[q]);
			*has[q] = true;
			firing_id = s->L->sqlite3_column_int64(st, 8);
		}
		s->L->sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return st_fail(s, "cannot read the reminders");
	}
	return 0;
}

/* The reminders.log that came before the store, brought in under the
 * write lock and renamed in the same turn, so that of two processes at
 * once only one brings it in, and a failure leaves it where it was. Lines
 * that do not parse (a torn last line) are left out. */
static int import_remind_log(struct store *s, const char *state_dir)
{
	char *from = xasprintf("%s/" REMINDLOG_FILE, state_dir);
	char *to = xasprintf("%s/" REMINDLOG_FILE ".imported", state_dir);
	struct stat sb;
	int rc = 0;

	if (stat(from, &sb) == 0 && st_exec(s, "BEGIN IMMEDIATE") == 0) {
		char *text = read_small_file(from, 64 * 1024 * 1024);
		if (text == NULL && errno != ENOENT) {
			snprintf(s->err, sizeof(s->err), "cannot read %s: %s", from, fs_strerror(errno));
			rc = -1;
		}
		struct remind_record r;
		for (char *line = text, *nl; rc == 0 && line && *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (nl == NULL)
				nl = line + strlen(line) - 1;
			if (remind_record_parse(line, (size_t)(nl - line + 1), &r))
				rc = store_put_reminder(s, &r);
		}
		free(text);
		if (rc == 0 && text && rename(from, to) != 0) {
			snprintf(s->err, sizeof(s->err), "cannot rename %s: %s", from, strerror(errno));
			rc = -1;
		}
		rc = rc == 0 && text ? st_exec(s, "COMMIT") : (st_rollback(s), rc);
	} else if (stat(from, &sb) == 0) {
		rc = -1;
	}
	free(from);
	free(to);
	return rc;
}

int store_import_remind_log(const char *state_dir, char *why, size_t len)
{
	char *legacy = xasprintf("%s/" REMINDLOG_FILE, state_dir);
	struct stat sb;
	int rc = 0;
	if (stat(legacy, &sb) == 0) {
		char *path = xasprintf("%s/" STORE_FILE, state_dir);
		struct store *s = store_open(path, true, why, len);
		rc = -1;
		if (s) {
			rc = import_remind_log(s, state_dir);
			if (rc < 0)
				snprintf(why, len, "%s: %s", path, store_error(s));
			store_close(s);
		}
		free(path);
	}
	free(legacy);
	return rc;
}

int store_add_reminder(const char *state_dir, const struct remind_record *r, char *why,
		       size_t len)
{
	char *path = xasprintf("%s/" STORE_FILE, state_dir);
	struct store *s = store_open(path, true, why, len);
	int rc = -1;

	if (s) {
		/* The new record is kept even when the old log cannot be
		 * brought in; the old log stays where it is for next time. */
		char old[sizeof(s->err)] = "";
		if (import_remind_log(s, state_dir) < 0)
			snprintf(old, sizeof(old), "%s", s->err);
		rc = store_put_reminder(s, r);
		if (rc < 0)
			snprintf(why, len, "cannot record the reminder in %s: %s", path, store_error(s));
		else if (old[0])
			snprintf(why, len, "the old %s/" REMINDLOG_FILE " was not brought into %s: %s",
				 state_dir, path, old), rc = -1;
		store_close(s);
	} else {
		char open_why[600];
		snprintf(open_why, sizeof(open_why), "%s", why);
		snprintf(why, len, "cannot record the reminder: %s", open_why);
	}
	free(path);
	return rc;
}

