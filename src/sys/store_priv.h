/* What the history store's files share (store.c, store_reminders.c):
 * the handle and the helpers around SQLite's statements. Private to the
 * store. */
#ifndef SELFCARE_STORE_PRIV_H
#define SELFCARE_STORE_PRIV_H

#include <sqlite3.h>
#include <stdbool.h>

#include "dynlibs.h"
#include "store.h"

struct store {
	const struct lib_sqlite *L;
	sqlite3 *db;
	char err[512];
	char syserr[128];
	int code;   /* SQLite's extended code of the last failure, kept past a ROLLBACK */
	bool empty;   /* read-only, and nothing was ever recorded in it */
	bool foreign; /* another program's database, or a newer selfcare's */
	sqlite3_stmt *put; /* store_put_run's UPDATE, kept: a run writes it at every step */
};

int st_fail(struct store *s, const char *what);
void st_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v);
int st_run_stmt(struct store *s, sqlite3_stmt *st, const char *what);
const char *st_col_text(struct store *s, sqlite3_stmt *st, int i);
unsigned st_col_u(struct store *s, sqlite3_stmt *st, int i);
long long st_clamp_ll(long long v, long long lo, long long hi);
int st_exec(struct store *s, const char *sql);
/* ROLLBACK, keeping the error that called for it. -1. */
int st_rollback(struct store *s);

#endif
