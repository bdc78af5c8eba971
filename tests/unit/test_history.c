#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "history.h"
#include "text.h"

/* 2026-12-01 00:00:00 UTC, a Tuesday. */
#define DEC1 1796083200LL
#define DAY 86400LL
#define HOUR 3600

static struct run_record run_at(long long t, int offset, const char *name, unsigned done)
{
	struct run_record r = {0};
	r.started = t;
	r.utc_offset = offset;
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.title, sizeof(r.title), "Title of %s", name);
	r.holds = 3;
	r.done = done;
	r.actual_ms = 6 * 60 * 1000;
	r.end = done == 3 ? RUN_COMPLETED : RUN_QUIT;
	r.before = r.after = HISTORY_NO_SCORE;
	return r;
}

static void test_days(void **state)
{
	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2026, 12, 1), DEC1 / DAY);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	for (long long z = -1000; z < 30000; z += 7) {
		int y;
		unsigned m, d;
		civil_from_days(z, &y, &m, &d);
		assert_int_equal(days_from_civil(y, m, d), z);
	}
	assert_int_equal(weekday(DEC1 / DAY), 1); /* a Tuesday */
	assert_int_equal(weekday(0), 3);          /* 1970-01-01, a Thursday */
	assert_int_equal(weekday(-1), 2);
	/* Just before midnight UTC is the next day in +01:00, the same in -05:00. */
	assert_int_equal(local_day(DEC1 - 1, 3600), DEC1 / DAY);
	assert_int_equal(local_day(DEC1 - 1, -5 * HOUR), DEC1 / DAY - 1);
	assert_int_equal(local_day(-1, 0), -1);

	long long d;
	assert_true(parse_day("2026-12-01", &d));
	assert_int_equal(d, DEC1 / DAY);
	assert_true(parse_day("2024-02-29", &d));
	const char *bad[] = {"2026-02-29", "2026-13-01", "2026-1-01", "20261201", "2026-12-01x",
			     "2026-12-32", "yesterday", "", "1969-12-31", "2026-00-10"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(parse_day(bad[i], &d));
}

static void test_tension_parse(void **state)
{
	(void)state;
	int v = -5;
	assert_int_equal(tension_parse("7\n", &v), 1);
	assert_int_equal(v, 7);
	assert_int_equal(tension_parse(" 10 ", &v), 1);
	assert_int_equal(v, 10);
	assert_int_equal(tension_parse("0", &v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(tension_parse("\n", &v), 0);
	assert_int_equal(tension_parse("   ", &v), 0);
	assert_int_equal(tension_parse("07", &v), 1);
	assert_int_equal(v, 7);
	const char *bad[] = {"11", "-1", "5.5", "seven", "100", "1 0", "+3", "010"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(tension_parse(bad[i], &v), -1);
}

static void test_ends(void **state)
{
	(void)state;
	enum run_end e;
	for (unsigned i = 0; i < RUN_END_COUNT; i++) {
		assert_true(run_end_parse(run_end_name((enum run_end)i), &e));
		assert_int_equal(e, i);
	}
	assert_false(run_end_parse("finished", &e));
	/* Why a run stopped gives its exit status, one to one. */
	assert_int_equal(run_end_status(RUN_COMPLETED), 0);
	assert_int_equal(run_end_status(RUN_QUIT), 3);
	assert_int_equal(run_end_status(RUN_SIGINT), 130);
	assert_int_equal(run_end_status(RUN_SIGTERM), 143);
	assert_int_equal(run_end_status(RUN_SIGHUP), 129);
	assert_int_equal(run_end_status(RUN_SIGQUIT), 131);
	assert_int_equal(run_end_status(RUN_FAILED), 1);
	assert_int_equal(run_end_for_signal(SIGINT), RUN_SIGINT);
	assert_int_equal(run_end_for_signal(SIGHUP), RUN_SIGHUP);
	assert_int_equal(run_end_for_signal(SIGQUIT), RUN_SIGQUIT);
	assert_int_equal(run_end_for_signal(SIGTERM), RUN_SIGTERM);
}

static void test_empty(void **state)
{
	(void)state;
	struct stats s;
	struct sbuf b = {0};
	stats_compute(NULL, 0, DEC1, 0, &s);
	assert_int_equal(s.runs, 0);
	assert_int_equal(s.current_streak, 0);
	assert_int_equal(s.longest_streak, 0);
	stats_text(&s, true, false, 0, &b);
	assert_non_null(strstr(b.s, "No runs recorded yet"));
	free(b.s);
	b = (struct sbuf){0};
	stats_json(&s, &b);
	assert_non_null(strstr(b.s, "\"runs\":0"));
	assert_non_null(strstr(b.s, "\"longest_end\":null"));
	assert_non_null(strstr(b.s, "\"before\":null"));
	free(b.s);
	stats_release(&s);
}

/* Runs on the last five days up to today, and one three weeks before. */
static void test_streaks(void **state)
{
	(void)state;
	struct run_record v[8];
	size_t n = 0;
	for (int i = 0; i < 5; i++)
		v[n++] = run_at(DEC1 + 10 * HOUR - i * DAY, 0, "psoas-release", 3);
	v[n++] = run_at(DEC1 + 12 * HOUR, 0, "desk-reset", 3); /* the same day again */
	v[n++] = run_at(DEC1 - 21 * DAY, 0, "desk-reset", 3);
	v[n++] = run_at(DEC1 - 2 * DAY + 300, 0, "desk-reset", 0); /* no hold done */
	struct stats s;
	stats_compute(v, n, DEC1 + 20 * HOUR, 0, &s);
	assert_int_equal(s.runs, 8);
	assert_int_equal(s.completed, 7);
	assert_int_equal(s.current_streak, 5);
	assert_int_equal(s.longest_streak, 5);
	assert_int_equal(s.longest_end, DEC1 / DAY);
	/* This week: Monday and Tuesday, three sessions; the week before,
	 * three and the one quit with no hold done (a session, but not a day
	 * of the streak). */
	assert_int_equal(s.weeks[HISTORY_WEEKS - 1].monday, DEC1 / DAY - 1);
	assert_int_equal(s.weeks[HISTORY_WEEKS - 1].sessions, 3);
	assert_int_equal(s.weeks[HISTORY_WEEKS - 2].sessions, 4);
	assert_int_equal(s.routines_count, 2);
	assert_string_equal(s.routines[0].name, "psoas-release"); /* most runs first */
	assert_int_equal(s.routines[0].runs, 5);
	stats_release(&s);

	/* The day after: today has no run yet, the streak stands. */
	stats_compute(v, n, DEC1 + DAY + 8 * HOUR, 0, &s);
	assert_int_equal(s.current_streak, 5);
	stats_release(&s);
	/* Two days after: broken. */
	stats_compute(v, n, DEC1 + 2 * DAY + 8 * HOUR, 0, &s);
	assert_int_equal(s.current_streak, 0);
	assert_int_equal(s.longest_streak, 5);
	stats_release(&s);
}

/* Runs just after local midnight and just before, in zones far from UTC:
 * each run's day is its own local date. */
static void test_midnight_and_zones(void **state)
{
	(void)state;
	/* 23:50 on Nov 28 and 00:10 on Nov 29 in +14:00 (Kiribati): two days,
	 * though 20 minutes apart. */
	struct run_record v[] = {
		run_at(DEC1 - 2 * DAY - 14 * HOUR - 600, 14 * HOUR, "a", 3),
		run_at(DEC1 - 2 * DAY - 14 * HOUR + 600, 14 * HOUR, "a", 3),
		/* 23:30 on Nov 30 in -10:00 (Hawaii): 09:30 UTC on Dec 1. */
		run_at(DEC1 + 9 * HOUR + 1800, -10 * HOUR, "a", 3),
	};
	struct stats s;
	/* Read in UTC+14 on Dec 1, 08:00 local: Nov 28, 29 and 30, up to
	 * yesterday. */
	stats_compute(v, 3, DEC1 - 6 * HOUR, 14 * HOUR, &s);
	assert_int_equal(s.longest_streak, 3);
	assert_int_equal(s.current_streak, 3);
	assert_int_equal(s.longest_end, DEC1 / DAY - 1);
	stats_release(&s);
	/* The same runs read from Hawaii at 23:40 on Nov 30: the same days. */
	stats_compute(v, 3, DEC1 + 9 * HOUR + 2400, -10 * HOUR, &s);
	assert_int_equal(s.today, DEC1 / DAY - 1);
	assert_int_equal(s.current_streak, 3);
	stats_release(&s);
	/* A run begun in Kiribati on Dec 1, read in New York while it is still
	 * Nov 30 there: today's, not tomorrow's. */
	struct run_record ahead = run_at(DEC1 - 10 * HOUR + 3600, 14 * HOUR, "a", 3);
	stats_compute(&ahead, 1, DEC1 - 10 * HOUR + 7200, -5 * HOUR, &s);
	assert_int_equal(s.current_streak, 1);
	assert_int_equal(s.longest_end, s.today);
	stats_release(&s);
}

/* Europe/Berlin across the end of summer time (2026-10-25 03:00 CEST ->
 * 02:00 CET): runs at 00:30 local on the 24th (+02:00), 25th (+02:00) and
 * 26th (+01:00) are three days in a row; read at 00:15 on the 27th, the
 * streak still stands. */
static void test_dst(void **state)
{
	(void)state;
	long long oct24 = days_from_civil(2026, 10, 24) * DAY;
	struct run_record v[] = {
		run_at(oct24 + 1800 - 2 * HOUR, 2 * HOUR, "a", 3),
		run_at(oct24 + DAY + 1800 - 2 * HOUR, 2 * HOUR, "a", 3),
		run_at(oct24 + 2 * DAY + 1800 - HOUR, HOUR, "a", 3),
	};
	struct stats s;
	stats_compute(v, 3, oct24 + 3 * DAY + 900 - HOUR, HOUR, &s);
	assert_int_equal(s.longest_streak, 3);
	assert_int_equal(s.current_streak, 3);
	stats_release(&s);
	/* Spring forward, 2026-03-29 02:00 -> 03:00: 23:30 on the 28th (+01:00)
	 * and 23:30 on the 29th (+02:00) are only 23 hours apart, two days. */
	long long mar28 = days_from_civil(2026, 3, 28) * DAY;
	struct run_record w[] = {
		run_at(mar28 + 23 * HOUR + 1800 - HOUR, HOUR, "a", 3),
		run_at(mar28 + DAY + 23 * HOUR + 1800 - 2 * HOUR, 2 * HOUR, "a", 3),
	};
	stats_compute(w, 2, mar28 + DAY + 23 * HOUR + 3000 - 2 * HOUR, 2 * HOUR, &s);
	assert_int_equal(s.current_streak, 2);
	stats_release(&s);
}

static void test_tension(void **state)
{
	(void)state;
	struct run_record v[] = {
		run_at(DEC1, 0, "a", 3), run_at(DEC1 + 100, 0, "a", 3), run_at(DEC1 + 200, 0, "b", 3),
		run_at(DEC1 + 300, 0, "b", 3),
	};
	v[0].before = 8, v[0].after = 4; /* -4 */
	v[1].before = 6, v[1].after = 4; /* -2 */
	v[2].before = 5;                 /* no after: not a pair, left out */
	v[3].after = 1;                  /* no before: left out too */
	struct stats s;
	stats_compute(v, 4, DEC1 + 400, 0, &s);
	assert_int_equal(s.tension.pairs, 2);
	assert_true(s.tension.change > -3.0001 && s.tension.change < -2.9999);
	assert_true(s.tension.before > 6.9999 && s.tension.before < 7.0001);
	assert_true(s.tension.after > 3.9999 && s.tension.after < 4.0001);
	const struct routine_stats *a = strcmp(s.routines[0].name, "a") == 0 ? &s.routines[0]
									    : &s.routines[1];
	const struct routine_stats *rb = a == &s.routines[0] ? &s.routines[1] : &s.routines[0];
	assert_int_equal(a->tension.pairs, 2);
	assert_int_equal(rb->tension.pairs, 0);
	struct sbuf b = {0};
	stats_json(&s, &b);
	assert_non_null(strstr(b.s, "\"change\":-3.00,\"runs\":2"));
	assert_non_null(strstr(b.s, "\"tension_before\":null"));
	free(b.s);
	stats_release(&s);
}

static void test_calendar(void **state)
{
	(void)state;
	struct run_record v[] = {run_at(DEC1 + 3600, 0, "a", 3), run_at(DEC1 - DAY, 0, "a", 3)};
	v[0].actual_ms = 25 * 60 * 1000; /* 20+ minutes */
	v[1].actual_ms = 3 * 60 * 1000;  /* under 5 */
	struct stats s;
	stats_compute(v, 2, DEC1 + 7200, 0, &s);
	struct sbuf b = {0};
	stats_calendar(&s, false, false, 0, &b);
	/* Monday has the light shade last, Tuesday the darkest; Wednesday
	 * (tomorrow) stops a column early. */
	assert_non_null(strstr(b.s, "Mon . . . . . . . . . . . -\n"));
	assert_non_null(strstr(b.s, "Tue . . . . . . . . . . . #\n"));
	assert_non_null(strstr(b.s, "Wed . . . . . . . . . . .\n"));
	assert_null(strstr(b.s, "\033["));
	free(b.s);
	b = (struct sbuf){0};
	stats_calendar(&s, true, true, 0, &b);
	assert_non_null(strstr(b.s, "█"));
	assert_non_null(strstr(b.s, "\033[38;5;40m"));
	free(b.s);
	stats_release(&s);
}

/* At 40 columns no line is wider: the routines stack, the legend wraps. */
static void test_narrow(void **state)
{
	(void)state;
	struct run_record v[] = {run_at(DEC1 + 3600, 0, "a-rather-long-routine-name", 3),
				 run_at(DEC1 - DAY, 0, "desk-reset", 3)};
	v[0].before = 7, v[0].after = 3;
	struct stats s;
	stats_compute(v, 2, DEC1 + 7200, 0, &s);
	for (unsigned width = 40; width <= 100; width += 60) {
		struct sbuf b = {0};
		stats_text(&s, true, false, width, &b);
		char *save, *copy = strdup(b.s);
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			if (text_width(l) > width)
				fail_msg("wider than %u: '%s'", width, l);
		assert_true((strstr(b.s, "Routine ") != NULL) == (width == 100));
		free(copy);
		free(b.s);
	}
	stats_release(&s);
}

static void test_lines(void **state)
{
	(void)state;
	struct run_record r = run_at(DEC1 + 8 * HOUR + 30 * 60, HOUR, "psoas-release", 2);
	r.id = 4;
	r.skipped = 1;
	r.before = 7;
	r.after = 3;
	snprintf(r.title, sizeof(r.title), "Psoas, \"gently\"");
	struct sbuf b = {0};
	history_line(&r, false, &b);
	assert_string_equal(b.s, "2026-12-01 09:30\tpsoas-release\t6:00\t2/3 (1 skipped)\tquit\t7 -> 3\n");
	free(b.s);
	b = (struct sbuf){0};
	history_line(&r, true, &b); /* the table on a terminal: it fits 80 columns */
	assert_string_equal(b.s, "2026-12-01 09:30\tpsoas-release\t6:00\t2/3\tquit\t7->3\n");
	free(b.s);
	b = (struct sbuf){0};
	history_csv(&r, &b);
	assert_string_equal(b.s, "4,2026-12-01T08:30:00Z,2026-12-01T09:30:00+01:00,3600,"
				 "psoas-release,\"Psoas, \"\"gently\"\"\",0,360.000,3,2,1,quit,0,0,7,"
				 "3,\r\n");
	free(b.s);
	b = (struct sbuf){0};
	history_json(&r, &b);
	assert_non_null(strstr(b.s, "\"title\":\"Psoas, \\\"gently\\\"\""));
	assert_non_null(strstr(b.s, "\"local\":\"2026-12-01T09:30:00+01:00\""));
	assert_non_null(strstr(b.s, "\"resumed_from\":null"));
	free(b.s);
	char buf[40];
	rfc3339_at(DEC1, -(5 * HOUR + 30 * 60), buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-30T18:30:00-05:30");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),         cmocka_unit_test(test_tension_parse),
		cmocka_unit_test(test_ends),         cmocka_unit_test(test_empty),
		cmocka_unit_test(test_streaks),      cmocka_unit_test(test_midnight_and_zones),
		cmocka_unit_test(test_dst),          cmocka_unit_test(test_tension),
		cmocka_unit_test(test_calendar),     cmocka_unit_test(test_lines),
		cmocka_unit_test(test_narrow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
