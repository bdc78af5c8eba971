#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs.h"
#include "fsutil.h"
#include "store_priv.h"
#include "text.h"
#include "timeutil.h"
#include "util.h"


void st_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v);

/* Schema migrations: migrations[i] takes user_version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE runs ("
	" id INTEGER PRIMARY KEY,"
	" started INTEGER NOT NULL,"
	" utc_offset INTEGER NOT NULL,"
	" routine TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" nominal_s INTEGER NOT NULL,"
	" actual_ms INTEGER NOT NULL,"
	" holds INTEGER NOT NULL,"
	" done INTEGER NOT NULL,"
	" skipped INTEGER NOT NULL,"
	" ended TEXT NOT NULL,"
	" segment INTEGER NOT NULL,"
	" segments INTEGER NOT NULL,"
	" tension_before INTEGER CHECK (tension_before BETWEEN 0 AND 10),"
	" tension_after INTEGER CHECK (tension_after BETWEEN 0 AND 10),"
	" resumed_from INTEGER REFERENCES runs(id));"
	"CREATE INDEX runs_by_routine ON runs(routine, id);"
	"CREATE TABLE reminders ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" utc_offset INTEGER NOT NULL,"
	" routine TEXT NOT NULL,"
	" hour INTEGER NOT NULL,"
	" minute INTEGER NOT NULL,"
	" outcome TEXT NOT NULL,"
	" why TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX reminders_by_entry ON reminders(routine, hour, minute, id);",
	/* 2: a test reminder ('schedule add --test') is not the entry's
	 * last firing. */
	"ALTER TABLE reminders ADD COLUMN test INTEGER NOT NULL DEFAULT 0;",
};
#define MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

const char *store_error(struct store *s)
{
	return s->err;
}

bool store_was_busy(struct store *s)
{
	return (s->code & 0xff) == SQLITE_BUSY || (s->code & 0xff) == SQLITE_LOCKED;
}

/* What went wrong, in the words of the system where it knows them: a full
 * disk is "no space left on device", not SQLite's "disk I/O error". */
static const char *reason(struct store *s, const char *sqlite_says)
{
	int code = s->code & 0xff;
	int e = s->L->sqlite3_system_errno(s->db);
	if (code == SQLITE_FULL || e == ENOSPC || e == EDQUOT)
		return e == EDQUOT ? "disk quota exceeded" : "no space left on device";
	if (code == SQLITE_IOERR && e != 0) {
		snprintf(s->syserr, sizeof(s->syserr), "%s", strerror(e));
		if (s->syserr[0] >= 'A' && s->syserr[0] <= 'Z' && s->syserr[1] >= 'a')
			s->syserr[0] = (char)(s->syserr[0] - 'A' + 'a');
		return s->syserr;
	}
	return sqlite_says;
}

int st_fail(struct store *s, const char *what)
{
	s->code = s->L->sqlite3_extended_errcode(s->db);
	snprintf(s->err, sizeof(s->err), "%s: %s", what,
		 reason(s, s->L->sqlite3_errmsg(s->db)));
	return -1;
}

int st_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (s->L->sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		s->code = s->L->sqlite3_extended_errcode(s->db);
		snprintf(s->err, sizeof(s->err), "%s",
			 reason(s, msg ? msg : s->L->sqlite3_errmsg(s->db)));
		s->L->sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The schema's version and whether anything is in the file, read in one
 * statement, so from one snapshot: another process may be creating it.
 * Version 0 is a new, empty file; with tables in it, it is some other
 * program's database, never written. */
static int schema_state(struct store *s, int *v)
{
	sqlite3_stmt *st;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "SELECT (SELECT user_version FROM pragma_user_version),"
				     " (SELECT count(*) FROM sqlite_master)",
				     -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot read its schema");
	int rc = s->L->sqlite3_step(st);
	long long tables = 0;
	if (rc == SQLITE_ROW) {
		*v = (int)s->L->sqlite3_column_int64(st, 0);
		tables = s->L->sqlite3_column_int64(st, 1);
	} else {
		st_fail(s, "cannot read its schema");
	}
	s->L->sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	if (*v > MIGRATIONS) {
		snprintf(s->err, sizeof(s->err), "made by a newer selfcare (schema %d, this one knows %d)",
			 *v, MIGRATIONS);
		s->foreign = true;
		return -1;
	}
	if (*v == 0 && tables > 0) {
		snprintf(s->err, sizeof(s->err), "an SQLite database, but not selfcare's history");
		s->foreign = true;
		return -1;
	}
	return 0;
}

int st_rollback(struct store *s)
{
	char why[sizeof(s->err)];
	int code = s->code;
	memcpy(why, s->err, sizeof(why));
	st_exec(s, "ROLLBACK");
	memcpy(s->err, why, sizeof(why));
	s->code = code;
	return -1;
}

/* Bring the schema up to date in one transaction, looking again under the
 * write lock: another process may have just done it. */
static int migrate(struct store *s, bool create)
{
	int v;
	if (schema_state(s, &v) < 0)
		return -1;
	if (v == MIGRATIONS)
		return 0;
	if (!create) {
		s->empty = v == 0;
		return 0;
	}
	if (st_exec(s, "BEGIN IMMEDIATE") < 0)
		return -1;
	if (schema_state(s, &v) < 0)
		return st_rollback(s);
	for (; v < MIGRATIONS; v++) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (st_exec(s, migrations[v]) < 0 || st_exec(s, pragma) < 0)
			return st_rollback(s);
	}
	return st_exec(s, "COMMIT");
}

/* A read-only directory: SQLite cannot make the -shm file a WAL database
 * is read through. With no -wal file (nothing waiting to be checkpointed),
 * reading it as immutable is exact. */
static char *immutable_uri(const char *path)
{
	struct sbuf b = {0};
	sbuf_put(&b, "file:", 5);
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sbuf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			sbuf_put(&b, p, 1);
	}
	sbuf_printf(&b, "?immutable=1");
	return b.s;
}

static struct store *open_at(const char *path, const char *uri, bool create, char *why,
			     size_t len, int *code_out, bool *bad);

static struct store *open_checked(const char *path, bool create, char *why, size_t len,
				  bool *bad, int *code_out)
{
	int code = 0;
	*bad = false;
	struct store *s = open_at(path, NULL, create, why, len, &code, bad);
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	if (s == NULL && !create &&
	    ((code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_READONLY) &&
	    (stat(wal, &st) != 0 || st.st_size == 0)) {
		char *uri = immutable_uri(path);
		s = open_at(path, uri, create, why, len, &code, bad);
		free(uri);
	}
	free(wal);
	if (code_out)
		*code_out = code;
	return s;
}

struct store *store_open_busy(const char *path, bool create, char *why, size_t len, bool *busy)
{
	bool bad;
	int code = 0;
	struct store *s = open_checked(path, create, why, len, &bad, &code);
	if (busy)
		*busy = s == NULL && ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED);
	return s;
}

struct store *store_open(const char *path, bool create, char *why, size_t len)
{
	return store_open_busy(path, create, why, len, NULL);
}

static struct store *open_at(const char *path, const char *uri, bool create, char *why,
			     size_t len, int *code_out, bool *bad)
{
	const char *lwhy = NULL;
	const struct lib_sqlite *L = lib_sqlite(&lwhy);
	if (L == NULL) {
		snprintf(why, len, "cannot load SQLite: %s", lwhy ? lwhy : "unknown");
		return NULL;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && (!create || errno != ENOENT)) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* A FIFO would hang SQLite's open, a device is nobody's history:
	 * only a regular file (or a link to one) is opened. */
	if (exists && !S_ISREG(st.st_mode)) {
		snprintf(why, len, "%s: not a regular file; it is left as it is", path);
		*bad = true;
		return NULL;
	}
	if (create) {
		char dir[4096];
		path_dir(path, dir, sizeof(dir));
		if (mkdir_p(dir, 0700) < 0) {
			snprintf(why, len, "cannot create %s: %s", dir, strerror(errno));
			return NULL;
		}
	}
	struct store *s = xcalloc(1, sizeof(*s));
	s->L = L;
	int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	if (uri)
		flags |= SQLITE_OPEN_URI;
	if (L->sqlite3_open_v2(uri ? uri : path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		*code_out = s->db ? L->sqlite3_extended_errcode(s->db) : SQLITE_NOMEM;
		s->code = *code_out;
		snprintf(why, len, "cannot open %s: %s", path,
			 s->db ? reason(s, L->sqlite3_errmsg(s->db)) : "out of memory");
		store_close(s);
		return NULL;
	}
	L->sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	/* Whose file it is comes first: only ours, or an empty one, is
	 * switched to WAL (kept in the file: set once, by the first writer)
	 * and given the schema. While another process is making the file or
	 * switching it to WAL, SQLite can say "database is locked" at once,
	 * without its busy handler: those steps are tried again, for as long
	 * as the busy timeout. */
	int rc, v;
	long long t0 = monotonic_ms();
	for (;;) {
		s->err[0] = '\0';
		s->code = 0;
		rc = schema_state(s, &v) < 0 || (create && st_exec(s, "PRAGMA journal_mode = WAL") < 0) ||
		     migrate(s, create) < 0;
		long long ms = monotonic_ms() - t0;
		int code = s->code & 0xff;
		if (!rc || (code != SQLITE_BUSY && code != SQLITE_LOCKED) || ms >= STORE_BUSY_MS)
			break;
		struct timespec ten_ms = {0, 10 * 1000 * 1000};
		nanosleep(&ten_ms, NULL);
	}
	if (rc) {
		int code = s->code ? s->code : L->sqlite3_extended_errcode(s->db);
		*code_out = code;
		if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT) {
			snprintf(why, len, "%s is not a selfcare history (%s); it is left as it is",
				 path, L->sqlite3_errstr(code));
			*bad = true;
		} else if (s->foreign) {
			snprintf(why, len, "%s is %s; it is left as it is", path, s->err);
			*bad = true;
		}
		else
			snprintf(why, len, "%s: %s", path, s->err[0] ? s->err : L->sqlite3_errmsg(s->db));
		store_close(s);
		return NULL;
	}
	st_exec(s, "PRAGMA synchronous = NORMAL"); /* with WAL: durable at checkpoints, never torn */
	/* No checkpoint when we close: it would fsync the database as `run`
	 * exits. The WAL stays and is checkpointed by a later write (every
	 * 1000 pages), which loses nothing. */
	L->sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	if (create)
		store_merge_aside(s, path);
	return s;
}

struct store *store_open_existing(const char *path, enum store_state *state, char *why,
				  size_t len)
{
	struct stat st;
	bool bad = false;
	if (stat(path, &st) < 0 && errno == ENOENT) {
		*state = STORE_ABSENT;
		return NULL;
	}
	/* Records kept aside at the end of a busy run go in first, so that
	 * what is shown has them; if they cannot yet, next time. */
	if (store_has_aside(path)) {
		char ignored[600];
		struct store *w = open_checked(path, true, ignored, sizeof(ignored), &bad, NULL);
		store_close(w);
	}
	struct store *s = open_checked(path, false, why, len, &bad, NULL);
	*state = s ? STORE_OPENED : bad ? STORE_BAD : STORE_FAILED;
	return s;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->put)
		s->L->sqlite3_finalize(s->put);
	if (s->db)
		s->L->sqlite3_close_v2(s->db);
	free(s);
}

void st_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v)
{
	s->L->sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_score(struct store *s, sqlite3_stmt *st, int i, int v)
{
	if (v >= 0 && v <= HISTORY_SCORE_MAX)
		s->L->sqlite3_bind_int64(st, i, v);
	else
		s->L->sqlite3_bind_null(st, i);
}

/* One statement, stepped to its end: one transaction by itself. */
int st_run_stmt(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = s->L->sqlite3_step(st);
	s->L->sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, what);
	return 0;
}

bool store_has_run(struct store *s, long long id, long long started, const char *routine)
{
	sqlite3_stmt *st;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "SELECT 1 FROM runs WHERE id = ?1 AND started = ?2 AND routine = ?3",
				     -1, &st, NULL) != SQLITE_OK)
		return false;
	s->L->sqlite3_bind_int64(st, 1, id);
	s->L->sqlite3_bind_int64(st, 2, started);
	st_bind_text(s, st, 3, routine);
	bool yes = s->L->sqlite3_step(st) == SQLITE_ROW;
	s->L->sqlite3_finalize(st);
	return yes;
}

int store_put_run(struct store *s, struct run_record *r)
{
	static const char *const insert =
		"INSERT INTO runs (started, utc_offset, routine, title, nominal_s, actual_ms, holds,"
		" done, skipped, ended, segment, segments, tension_before, tension_after,"
		" resumed_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15)";
	static const char *const update =
		"UPDATE runs SET started = ?1, utc_offset = ?2, routine = ?3, title = ?4,"
		" nominal_s = ?5, actual_ms = ?6, holds = ?7, done = ?8, skipped = ?9, ended = ?10,"
		" segment = ?11, segments = ?12, tension_before = ?13, tension_after = ?14,"
		" resumed_from = ?15 WHERE id = ?16";
	sqlite3_stmt *st;
	/* The UPDATE is made once and kept (a run writes it at every step's
	 * start and end); the INSERT comes once a run. */
	if (r->id && s->put == NULL &&
	    s->L->sqlite3_prepare_v2(s->db, update, -1, &s->put, NULL) != SQLITE_OK) {
		s->put = NULL;
		return st_fail(s, "cannot record the run");
	}
	if (r->id)
		st = s->put;
	else if (s->L->sqlite3_prepare_v2(s->db, insert, -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot record the run");
	s->L->sqlite3_bind_int64(st, 1, r->started);
	s->L->sqlite3_bind_int64(st, 2, r->utc_offset);
	st_bind_text(s, st, 3, r->name);
	st_bind_text(s, st, 4, r->title);
	s->L->sqlite3_bind_int64(st, 5, r->nominal_s);
	s->L->sqlite3_bind_int64(st, 6, r->actual_ms);
	s->L->sqlite3_bind_int64(st, 7, r->holds);
	s->L->sqlite3_bind_int64(st, 8, r->done);
	s->L->sqlite3_bind_int64(st, 9, r->skipped);
	st_bind_text(s, st, 10, run_end_name(r->end));
	s->L->sqlite3_bind_int64(st, 11, r->segment);
	s->L->sqlite3_bind_int64(st, 12, r->segments);
	bind_score(s, st, 13, r->before);
	bind_score(s, st, 14, r->after);
	if (r->resumed_from > 0)
		s->L->sqlite3_bind_int64(st, 15, r->resumed_from);
	else
		s->L->sqlite3_bind_null(st, 15);
	if (r->id) {
		s->L->sqlite3_bind_int64(st, 16, r->id);
		/* The failure is read before the reset, which starts the
		 * statement over for the next write. */
		int rc = s->L->sqlite3_step(st) == SQLITE_DONE ? 0 : st_fail(s, "cannot record the run");
		s->L->sqlite3_reset(st);
		return rc;
	}
	if (st_run_stmt(s, st, "cannot record the run") < 0)
		return -1;
	if (!r->id)
		r->id = s->L->sqlite3_last_insert_rowid(s->db);
	return 0;
}

const char *st_col_text(struct store *s, sqlite3_stmt *st, int i)
{
	const unsigned char *t = s->L->sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static int col_score(struct store *s, sqlite3_stmt *st, int i)
{
	if (s->L->sqlite3_column_type(st, i) == SQLITE_NULL)
		return HISTORY_NO_SCORE;
	long long v = s->L->sqlite3_column_int64(st, i);
	return v >= 0 && v <= HISTORY_SCORE_MAX ? (int)v : HISTORY_NO_SCORE;
}

long long st_clamp_ll(long long v, long long lo, long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

unsigned st_col_u(struct store *s, sqlite3_stmt *st, int i)
{
	long long v = s->L->sqlite3_column_int64(st, i);
	return v < 0 ? 0 : v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

#define RUN_COLUMNS                                                                       \
	"id, started, utc_offset, routine, title, nominal_s, actual_ms, holds, done, skipped," \
	" ended, segment, segments, tension_before, tension_after, resumed_from"

static void row_to_run(struct store *s, sqlite3_stmt *st, struct run_record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = s->L->sqlite3_column_int64(st, 0);
	/* A row edited by hand is read within sane bounds: years 1970 to
	 * about 5000, a run shorter than a year. */
	r->started = st_clamp_ll(s->L->sqlite3_column_int64(st, 1), 0, 100000000000LL);
	long long off = s->L->sqlite3_column_int64(st, 2);
	r->utc_offset = off < -86400 || off > 86400 ? 0 : (int)off;
	text_sanitize(st_col_text(s, st, 3), r->name, sizeof(r->name));
	text_sanitize(st_col_text(s, st, 4), r->title, sizeof(r->title));
	r->nominal_s = st_col_u(s, st, 5);
	r->actual_ms = st_clamp_ll(s->L->sqlite3_column_int64(st, 6), 0, 366LL * 86400 * 1000);
	r->holds = st_col_u(s, st, 7);
	r->done = st_col_u(s, st, 8);
	r->skipped = st_col_u(s, st, 9);
	if (!run_end_parse(st_col_text(s, st, 10), &r->end))
		r->end = RUN_INTERRUPTED;
	r->segment = st_col_u(s, st, 11);
	r->segments = st_col_u(s, st, 12);
	r->before = col_score(s, st, 13);
	r->after = col_score(s, st, 14);
	r->resumed_from = s->L->sqlite3_column_int64(st, 15);
}

int store_each_run(struct store *s, const struct run_filter *f,
		   int (*cb)(void *ctx, const struct run_record *r), void *ctx)
{
	sqlite3_stmt *st;
	if (s->empty)
		return 0;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "SELECT " RUN_COLUMNS " FROM runs"
				     " WHERE (?1 IS NULL OR routine = ?1)"
				     " AND (started + utc_offset) >= ?2 * 86400"
				     " ORDER BY started, id",
				     -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot read the history");
	if (f && f->name)
		st_bind_text(s, st, 1, f->name);
	else
		s->L->sqlite3_bind_null(st, 1);
	long long since = f && f->since_day != LLONG_MIN ? f->since_day : -1000000000LL;
	s->L->sqlite3_bind_int64(st, 2, since);
	int rc;
	struct run_record r;
	while ((rc = s->L->sqlite3_step(st)) == SQLITE_ROW) {
		row_to_run(s, st, &r);
		if (cb(ctx, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	s->L->sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : st_fail(s, "cannot read the history");
}

int store_last_run(struct store *s, const char *name, struct run_record *out)
{
	sqlite3_stmt *st;
	if (s->empty)
		return 0;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "SELECT " RUN_COLUMNS " FROM runs WHERE routine = ?1"
				     " ORDER BY id DESC LIMIT 1",
				     -1, &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot read the history");
	st_bind_text(s, st, 1, name);
	int rc = s->L->sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_to_run(s, st, out);
	s->L->sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : st_fail(s, "cannot read the history");
}

int store_ever_completed(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	if (s->empty)
		return 0;
	if (s->L->sqlite3_prepare_v2(s->db,
				     "SELECT 1 FROM runs WHERE routine = ?1 AND ended = ?2 LIMIT 1", -1,
				     &st, NULL) != SQLITE_OK)
		return st_fail(s, "cannot read the history");
	st_bind_text(s, st, 1, name);
	st_bind_text(s, st, 2, run_end_name(RUN_COMPLETED));
	int rc = s->L->sqlite3_step(st);
	s->L->sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : st_fail(s, "cannot read the history");
}

char *store_default_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	if (state && state[0] == '/')
		return xasprintf("%s/selfcare/" STORE_FILE, state);
	const char *home = getenv("HOME");
	if (home && home[0])
		return xasprintf("%s/.local/state/selfcare/" STORE_FILE, home);
	return NULL;
}
