/* The history store against a real SQLite, in a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <limits.h>

#include <cmocka.h>

#include "fsutil.h"
#include "store.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/selfcare-store.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/state/history.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd;
	if (asprintf(&cmd, "rm -rf '%s'", f->dir) > 0) {
		if (system(cmd) != 0) {
			/* left behind in /tmp */
		}
		free(cmd);
	}
	free(f);
	return 0;
}

static struct run_record a_run(const char *name, long long t)
{
	struct run_record r = {0};
	r.started = t;
	r.utc_offset = 3600;
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.title, sizeof(r.title), "It's \"%s\"", name);
	r.nominal_s = 300;
	r.holds = 4;
	r.segments = 9;
	r.end = RUN_INTERRUPTED;
	r.before = r.after = HISTORY_NO_SCORE;
	return r;
}

static int count(void *ctx, const struct run_record *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static void test_runs(void **state)
{
	struct fixture *f = *state;
	char why[600];
	struct store *s = store_open(f->path, true, why, sizeof(why));
	assert_non_null(s);

	struct run_record r = a_run("psoas-release", 1796083200);
	assert_int_equal(store_put_run(s, &r), 0);
	assert_int_equal(r.id, 1);
	r.done = 2;
	r.segment = 5;
	r.actual_ms = 123456;
	r.end = RUN_SIGTERM;
	r.before = 7;
	assert_int_equal(store_put_run(s, &r), 0); /* an update, not a second row */
	assert_int_equal(r.id, 1);
	struct run_record other = a_run("desk-reset", 1796083200 + 86400 * 3);
	assert_int_equal(store_put_run(s, &other), 0);

	struct run_record back;
	assert_int_equal(store_last_run(s, "psoas-release", &back), 1);
	assert_int_equal(back.id, 1);
	assert_int_equal(back.done, 2);
	assert_int_equal(back.segment, 5);
	assert_int_equal(back.segments, 9);
	assert_int_equal(back.actual_ms, 123456);
	assert_int_equal(back.end, RUN_SIGTERM);
	assert_int_equal(back.before, 7);
	assert_int_equal(back.after, HISTORY_NO_SCORE);
	assert_int_equal(back.utc_offset, 3600);
	assert_string_equal(back.title, "It's \"psoas-release\"");
	assert_int_equal(store_last_run(s, "evening-unwind", &back), 0);

	int n = 0;
	struct run_filter all = {.name = NULL, .since_day = LLONG_MIN};
	assert_int_equal(store_each_run(s, &all, count, &n), 0);
	assert_int_equal(n, 2);
	n = 0;
	struct run_filter by_name = {.name = "desk-reset", .since_day = LLONG_MIN};
	assert_int_equal(store_each_run(s, &by_name, count, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	long long dec2;
	assert_true(parse_day("2026-12-02", &dec2));
	struct run_filter since = {.name = NULL, .since_day = dec2};
	assert_int_equal(store_each_run(s, &since, count, &n), 0);
	assert_int_equal(n, 1);
	store_close(s);

	/* Read-only, it is the same. */
	s = store_open(f->path, false, why, sizeof(why));
	assert_non_null(s);
	assert_int_equal(store_last_run(s, "desk-reset", &back), 1);
	store_close(s);
}

static struct remind_record a_reminder(const char *name, unsigned h, unsigned m,
				       enum remind_outcome o, long long t, const char *why)
{
	struct remind_record r = {.when = t, .hour = h, .minute = m, .outcome = o};
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.why, sizeof(r.why), "%s", why);
	return r;
}

static void test_reminders(void **state)
{
	struct fixture *f = *state;
	char why[600], state_dir[128];
	snprintf(state_dir, sizeof(state_dir), "%s/state", f->dir);
	assert_int_equal(mkdir_p(state_dir, 0700), 0);

	/* The log of an earlier version, with a torn line: brought in once. */
	char log[160];
	snprintf(log, sizeof(log), "%s/reminders.log", state_dir);
	FILE *fp = fopen(log, "w");
	fputs("2026-11-30T08:30:00+00:00\tdesk-reset\t08:30\tfired\t\n"
	      "2026-11-30T08:31:00+00:00\tdesk-reset\t08:30\tstarted\t\n"
	      "torn line without tabs\n"
	      "2026-11-30T12:00:00+00:00\tdesk-reset\t12:00\tmissed\tno desktop session found\n",
	      fp);
	fclose(fp);

	struct remind_record r[] = {
		a_reminder("desk-reset", 8, 30, REMIND_FIRED, 1796113800, ""),
		a_reminder("psoas-release", 8, 30, REMIND_FIRED, 1796113800, ""),
		a_reminder("desk-reset", 8, 30, REMIND_SNOOZED, 1796114400, ""),
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(store_add_reminder(state_dir, &r[i], why, sizeof(why)), 0);
	struct stat sb;
	assert_int_not_equal(stat(log, &sb), 0);
	char imported[200];
	snprintf(imported, sizeof(imported), "%s.imported", log);
	assert_int_equal(stat(imported, &sb), 0);

	struct store *s = store_open(f->path, false, why, sizeof(why));
	assert_non_null(s);
	struct remind_record fi, th;
	bool hf, ht;
	assert_int_equal(store_last_reminder(s, "desk-reset", 8, 30, &fi, &hf, &th, &ht), 0);
	assert_true(hf && ht);
	assert_int_equal(fi.outcome, REMIND_FIRED);
	assert_int_equal(fi.when, 1796113800);
	assert_int_equal(th.outcome, REMIND_SNOOZED);
	assert_int_equal(store_last_reminder(s, "desk-reset", 12, 0, &fi, &hf, &th, &ht), 0);
	assert_true(hf && !ht);
	assert_int_equal(fi.outcome, REMIND_MISSED);
	assert_string_equal(fi.why, "no desktop session found");
	assert_int_equal(store_last_reminder(s, "psoas-release", 8, 30, &fi, &hf, &th, &ht), 0);
	assert_true(hf && !ht); /* desk-reset's snooze is not its */
	assert_int_equal(store_last_reminder(s, "evening-unwind", 8, 30, &fi, &hf, &th, &ht), 0);
	assert_false(hf);
	store_close(s);
}

/* Not a database: left byte for byte, and the reason names the file. */
static void test_corrupt(void **state)
{
	struct fixture *f = *state;
	char why[600], dir[128];
	snprintf(dir, sizeof(dir), "%s/state", f->dir);
	assert_int_equal(mkdir_p(dir, 0700), 0);
	const char junk[] = "this is not an SQLite database, but it is someone's file\n";
	FILE *fp = fopen(f->path, "w");
	fputs(junk, fp);
	fclose(fp);

	assert_null(store_open(f->path, true, why, sizeof(why)));
	assert_non_null(strstr(why, f->path));
	assert_non_null(strstr(why, "left as it is"));
	assert_null(store_open(f->path, false, why, sizeof(why)));
	char *text = read_small_file(f->path, 4096);
	assert_string_equal(text, junk);
	free(text);
}

/* A database from a newer selfcare is not written. */
static void test_newer(void **state)
{
	struct fixture *f = *state;
	char why[600];
	struct store *s = store_open(f->path, true, why, sizeof(why));
	assert_non_null(s);
	store_close(s);
	char *cmd;
	assert_true(asprintf(&cmd, "python3 -c \"import sqlite3; c = sqlite3.connect('%s'); "
				   "c.execute('PRAGMA user_version = 99'); c.commit()\"",
			     f->path) > 0);
	int rc = system(cmd);
	free(cmd);
	if (rc != 0)
		skip();
	assert_null(store_open(f->path, true, why, sizeof(why)));
	assert_non_null(strstr(why, "newer selfcare"));
}

/* An empty file reads as an empty history; another program's database is
 * neither read nor written. */
static void test_empty_and_foreign(void **state)
{
	struct fixture *f = *state;
	char why[600], dir[128];
	snprintf(dir, sizeof(dir), "%s/state", f->dir);
	assert_int_equal(mkdir_p(dir, 0700), 0);
	FILE *fp = fopen(f->path, "w");
	fclose(fp);
	struct store *s = store_open(f->path, false, why, sizeof(why));
	assert_non_null(s);
	int n = 0;
	struct run_filter all = {.name = NULL, .since_day = LLONG_MIN};
	assert_int_equal(store_each_run(s, &all, count, &n), 0);
	assert_int_equal(n, 0);
	struct run_record r;
	assert_int_equal(store_last_run(s, "desk-reset", &r), 0);
	store_close(s);

	char *cmd;
	assert_true(asprintf(&cmd, "python3 -c \"import sqlite3; c = sqlite3.connect('%s'); "
				   "c.execute('CREATE TABLE notes (t TEXT)'); c.commit()\"",
			     f->path) > 0);
	int rc = system(cmd);
	free(cmd);
	if (rc != 0)
		skip();
	size_t before_len, after_len;
	char *before = read_regular_file(f->path, 1 << 20, &before_len);
	assert_null(store_open(f->path, true, why, sizeof(why)));
	assert_non_null(strstr(why, "not selfcare's history"));
	assert_non_null(strstr(why, "left as it is"));
	assert_null(store_open(f->path, false, why, sizeof(why)));
	/* Not switched to WAL, not touched at all. */
	char *after = read_regular_file(f->path, 1 << 20, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
	char wal[160];
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	struct stat sb;
	assert_int_not_equal(stat(wal, &sb), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reminders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_foreign, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
