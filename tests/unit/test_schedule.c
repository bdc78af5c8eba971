#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"

static void test_time(void **state)
{
	unsigned h, m;
	char err[160];
	(void)state;
	const char *good[] = {"08:30", "8:30", "00:00", "23:59", "0:05"};
	const unsigned gh[] = {8, 8, 0, 23, 0}, gm[] = {30, 30, 0, 59, 5};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(schedule_parse_time(good[i], &h, &m, err, sizeof(err)), 0);
		assert_int_equal(h, gh[i]);
		assert_int_equal(m, gm[i]);
	}
	const char *bad[] = {"25:00", "24:00", "7:5", "08:60", "0830", "08:30:00", " 8:30", "8:30 ",
			     "", "-1:30", "+8:30", "8h30", "０8:30", "08;30", "8:3x", "123:00",
			     "08:30\n"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (schedule_parse_time(bad[i], &h, &m, err, sizeof(err)) == 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_non_null(strstr(err, "invalid time"));
		assert_null(strchr(err, '\n')); /* one line, however hostile the input */
	}
}

static unsigned days(const char *s)
{
	unsigned d = 0;
	char err[200];
	if (schedule_parse_days(s, &d, err, sizeof(err)) != 0)
		fail_msg("'%s': %s", s, err);
	return d;
}

static void test_days(void **state)
{
	char buf[64], err[200];
	unsigned d;
	(void)state;
	assert_int_equal(days("daily"), DAYS_ALL);
	assert_int_equal(days("weekdays"), 0x1F);
	assert_int_equal(days("weekends"), 0x60);
	assert_int_equal(days("mon-fri"), 0x1F);
	assert_int_equal(days("mon,wed,fri"), 0x15);
	assert_int_equal(days("Mon,WED"), 0x05);
	assert_int_equal(days("sat-mon"), 0x61); /* wraps round the week */
	assert_int_equal(days("mon-wed,fri"), 0x17);
	const char *bad[] = {"", "mon-xyz", "funday", "mon,,fri", "mon,", ",mon", "mon-", "-fri",
			     "monday", "mon fri", "mon;fri", "1-5", "daily\n"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (schedule_parse_days(bad[i], &d, err, sizeof(err)) == 0)
			fail_msg("'%s' accepted", bad[i]);
	assert_string_equal(schedule_days_format(DAYS_ALL, buf, sizeof(buf)), "daily");
	assert_string_equal(schedule_days_format(0x1F, buf, sizeof(buf)), "weekdays");
	assert_string_equal(schedule_days_format(0x60, buf, sizeof(buf)), "weekends");
	assert_string_equal(schedule_days_format(0x15, buf, sizeof(buf)), "mon,wed,fri");
	assert_string_equal(schedule_days_format(0x17, buf, sizeof(buf)), "mon-wed,fri");
	assert_string_equal(schedule_days_format(0x61, buf, sizeof(buf)), "mon,sat,sun");
	assert_string_equal(schedule_days_format(0x03, buf, sizeof(buf)), "mon,tue");
}

static void test_units(void **state)
{
	struct entry_spec e = {.name = "psoas-release", .hour = 8, .minute = 30, .days = 0x1F};
	char buf[128], err[200];
	(void)state;
	assert_string_equal(schedule_unit_base(&e, buf, sizeof(buf)), "selfcare-psoas-release-0830");
	assert_string_equal(schedule_oncalendar(&e, buf, sizeof(buf)), "Mon..Fri *-*-* 08:30:00");
	e.days = DAYS_ALL;
	assert_string_equal(schedule_oncalendar(&e, buf, sizeof(buf)), "*-*-* 08:30:00");
	e.days = 0x15;
	assert_string_equal(schedule_oncalendar(&e, buf, sizeof(buf)), "Mon,Wed,Fri *-*-* 08:30:00");
	e.days = 0x61;
	assert_string_equal(schedule_oncalendar(&e, buf, sizeof(buf)), "Mon,Sat..Sun *-*-* 08:30:00");

	char *t = schedule_timer_unit(&e);
	assert_non_null(strstr(t, "\nPersistent=true\n"));
	assert_non_null(strstr(t, "\nWantedBy=timers.target\n"));
	assert_null(strstr(t, "graphical-session"));
	free(t);
	/* %, $, quotes and backslashes in the binary's path are escaped. */
	char *s = schedule_service_unit(&e, "/opt/my 100% \"$elf\\care\"/selfcare", err, sizeof(err));
	assert_non_null(s);
	assert_non_null(strstr(s, "\nExecStart=\"/opt/my 100%% \\\"$$elf\\\\care\\\"/selfcare\" remind "
				  "psoas-release --at 08:30\n"));
	/* The terminal that Start opens is not killed when remind exits. */
	assert_non_null(strstr(s, "\nKillMode=process\n"));
	assert_null(strstr(s, "graphical-session"));
	free(s);
	assert_null(schedule_service_unit(&e, "relative/selfcare", err, sizeof(err)));
	assert_null(schedule_service_unit(&e, "/bad\npath", err, sizeof(err)));

	/* The marker round-trips. */
	struct entry_spec back;
	schedule_mark(&e, buf, sizeof(buf));
	assert_string_equal(buf, "# selfcare-entry: psoas-release 08:30 mon,sat,sun");
	assert_int_equal(schedule_parse_mark(buf, &back), 0);
	assert_string_equal(back.name, "psoas-release");
	assert_int_equal(back.days, 0x61);
	assert_int_equal(schedule_parse_mark("# selfcare-entry: Bad;name 08:30 daily", &back), -1);
	assert_int_equal(schedule_parse_mark("# selfcare-entry: ok 25:00 daily", &back), -1);
}

/* Parse crontab (which must be sound) and put lines for e in it. */
static char *put(const char *crontab, const struct entry_spec *e, const char *lines)
{
	struct cron_block blk;
	char err[256];
	if (schedule_cron_parse(crontab, &blk, err, sizeof(err)) != 0)
		fail_msg("%s in:\n%s", err, crontab);
	char *out = schedule_crontab_put(crontab, &blk, e, lines);
	schedule_cron_block_release(&blk);
	return out;
}

/* The entries of a sound crontab into blk. */
static size_t parse_ok(const char *crontab, struct cron_block *blk)
{
	char err[256];
	if (schedule_cron_parse(crontab, blk, err, sizeof(err)) != 0)
		fail_msg("%s in:\n%s", err, crontab);
	return blk->count;
}

static void test_cron(void **state)
{
	struct entry_spec e = {.name = "desk-reset", .hour = 13, .minute = 5, .days = 0x41};
	struct entry_spec e2 = {.name = "desk-reset", .hour = 18, .minute = 0, .days = DAYS_ALL};
	struct cron_block blk;
	char err[200];
	(void)state;
	char *l = schedule_cron_lines(&e, "/opt/it's 50%/selfcare", "/run/user/1000", err, sizeof(err));
	assert_string_equal(l, "# selfcare-entry: desk-reset 13:05 mon,sun\n"
			       "5 13 * * 1,0 XDG_RUNTIME_DIR='/run/user/1000' "
			       "'/opt/it'\\''s 50'\"$(printf '\\045')\"'/selfcare' remind desk-reset --at "
			       "13:05\n");
	/* With the HOME and XDG directories of this selfcare, and the user's
	 * own terminal; anything else, or a line cron would cut, refused. */
	const char *vars[] = {"HOME", "/home/a b", "SELFCARE_TERMINAL", "foot -T x", NULL};
	char *withvars = schedule_cron_lines_env(&e, "/usr/bin/selfcare", "/run/user/1000", vars, err,
					     sizeof(err));
	assert_non_null(withvars);
	assert_non_null(strstr(withvars, " HOME='/home/a b' SELFCARE_TERMINAL='foot -T x' "
				     "XDG_RUNTIME_DIR='/run/user/1000' '/usr/bin/selfcare' remind"));
	free(withvars);
	const char *evil[] = {"PATH", "/tmp/evil", NULL};
	assert_null(schedule_cron_lines_env(&e, "/usr/bin/selfcare", "/run/user/1000", evil, err,
					    sizeof(err)));
	const char *relative[] = {"XDG_STATE_HOME", "state", NULL};
	assert_null(schedule_cron_lines_env(&e, "/usr/bin/selfcare", "/run/user/1000", relative, err,
					    sizeof(err)));
	char longpath[1100];
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	const char *longer[] = {"XDG_DATA_HOME", longpath, NULL};
	assert_null(schedule_cron_lines_env(&e, "/usr/bin/selfcare", "/run/user/1000", longer, err,
					    sizeof(err)));
	assert_non_null(strstr(err, "longer than cron reads"));
	e.days = DAYS_ALL;
	char *daily = schedule_cron_lines(&e, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));
	assert_non_null(strstr(daily, "\n5 13 * * * XDG_RUNTIME_DIR="));
	assert_null(schedule_cron_lines(&e, "/usr/bin/selfcare", "relative", err, sizeof(err)));
	assert_null(schedule_cron_lines(&e, "relative", "/run/user/0", err, sizeof(err)));
	e.days = 0x41;
	char *other = schedule_cron_lines(&e2, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));

	/* Add a block, find the entries, remove them: every byte comes back. */
	const char *originals[] = {
		"",
		"# jobs\nMAILTO=me@example.com\n*/5 * * * * echo \"50\\% done\"\n",
		"0 1 * * * true", /* no trailing newline */
		"\n\n# blank lines first\n",
	};
	for (size_t i = 0; i < 4; i++) {
		char *with = put(originals[i], &e, l);
		assert_true(strncmp(with, CRON_BEGIN "\n", strlen(CRON_BEGIN) + 1) == 0);
		assert_int_equal(parse_ok(with, &blk), 1);
		assert_string_equal(blk.entries[0].spec.name, "desk-reset");
		assert_int_equal(blk.entries[0].line, 2);
		schedule_cron_block_release(&blk);
		char *two = put(with, &e2, other);
		assert_int_equal(parse_ok(two, &blk), 2);
		schedule_cron_block_release(&blk);
		/* Removing one keeps the other's lines as they were. */
		char *one = put(two, &e, NULL);
		assert_non_null(strstr(one, CRON_BEGIN "\n"));
		assert_non_null(strstr(one, other));
		assert_null(strstr(one, l));
		char *back = put(one, &e2, NULL);
		assert_string_equal(back, originals[i]);
		/* Same slot, other days: that entry's lines change, in place. */
		char *changed = put(two, &e, daily);
		assert_int_equal(parse_ok(changed, &blk), 2);
		assert_int_equal(blk.entries[0].spec.days, DAYS_ALL);
		assert_non_null(strstr(changed, other));
		schedule_cron_block_release(&blk);
		free(with);
		free(two);
		free(one);
		free(back);
		free(changed);
	}
	/* A block the user moved stays where it is. */
	char *moved = put("A=1\n" CRON_BEGIN "\n# selfcare-entry: z-old 07:00 daily\n"
			  "0 7 * * * XDG_RUNTIME_DIR='/old' '/old/selfcare' remind z-old\n" CRON_END
			  "\nB=2\n",
			  &e, l);
	const char *head = "A=1\n" CRON_BEGIN "\n# selfcare-entry: desk-reset";
	assert_true(strncmp(moved, head, strlen(head)) == 0);
	assert_non_null(strstr(moved, "'/old/selfcare' remind z-old\n" CRON_END "\nB=2\n"));
	free(moved);
	/* Removing what is not there changes nothing. */
	char *same = put("0 1 * * * true\n", &e, NULL);
	assert_string_equal(same, "0 1 * * * true\n");
	free(same);
	free(l);
	free(daily);
	free(other);
}

static void test_slots_and_block(void **state)
{
	struct entry_spec a = {.name = "b-routine", .hour = 8, .minute = 30, .days = 0x1F};
	struct entry_spec b = {.name = "b-routine", .hour = 8, .minute = 30, .days = 0x60};
	struct entry_spec c = {.name = "b-routine", .hour = 7, .minute = 0, .days = DAYS_ALL};
	struct entry_spec d = {.name = "a-routine", .hour = 9, .minute = 0, .days = DAYS_ALL};
	struct cron_block blk;
	char err[200];
	(void)state;
	assert_true(schedule_same_slot(&a, &b)); /* other days, same reminder */
	assert_false(schedule_same_slot(&a, &c));
	assert_false(schedule_same_slot(&c, &d));
	/* Entries go in by routine, then time, whatever order they come in. */
	struct entry_spec all[] = {a, c, d};
	char *tab = strdup("");
	for (size_t i = 0; i < 3; i++) {
		char *lines = schedule_cron_lines(&all[i], "/usr/bin/selfcare", "/run/user/0", err,
						  sizeof(err));
		char *next = put(tab, &all[i], lines);
		free(tab);
		free(lines);
		tab = next;
	}
	const char *first = strstr(tab, "a-routine 09:00"), *second = strstr(tab, "b-routine 07:00"),
		   *third = strstr(tab, "b-routine 08:30");
	assert_true(first && second && third && first < second && second < third);
	/* Reading gives every entry: none dropped. */
	assert_int_equal(parse_ok(tab, &blk), 3);
	assert_string_equal(blk.entries[1].spec.name, "b-routine");
	assert_int_equal(blk.entries[1].spec.hour, 7);
	assert_non_null(schedule_cron_find(&blk, &b)); /* found by slot, whatever its days */
	struct entry_spec later = {.name = "a-routine", .hour = 10, .minute = 0};
	assert_null(schedule_cron_find(&blk, &later));
	schedule_cron_block_release(&blk);
	free(tab);
}

#define BEGIN CRON_BEGIN "\n"
#define END CRON_END "\n"
#define MARK "# selfcare-entry: desk-reset 07:00 daily\n"
#define JOB "0 7 * * * XDG_RUNTIME_DIR='/run/user/0' '/usr/bin/selfcare' remind desk-reset\n"

static void test_cron_damaged(void **state)
{
	struct cron_block blk;
	char err[300], want[32], long_mark[400];
	(void)state;
	snprintf(long_mark, sizeof(long_mark), "# selfcare-entry: desk-reset 07:00 daily%300s\n", "x");
	char *long_case = malloc(strlen(long_mark) + 200);
	snprintf(long_case, strlen(long_mark) + 200, BEGIN "%s" JOB END, long_mark);
	const struct {
		const char *text;
		size_t line;
		const char *what;
	} cases[] = {
		{"# mine\n" BEGIN MARK JOB "0 4 * * * mine-after\n", 2, "no END line"},
		{BEGIN MARK JOB, 1, "no END line"},
		{END "0 4 * * * mine\n", 1, "no BEGIN"},
		{END BEGIN MARK JOB END, 1, "no BEGIN"},
		{BEGIN MARK JOB BEGIN END, 4, "a second BEGIN"},
		{BEGIN END "0 4 * * * mine\n" BEGIN MARK JOB END, 4, "a second selfcare block"},
		{BEGIN MARK JOB END END, 5, "no BEGIN"},
		{BEGIN "0 4 * * * mine\n" END, 2, "not a selfcare reminder"},
		{BEGIN "\n" MARK JOB END, 2, "not a selfcare reminder"},
		{BEGIN "# selfcare-entry: Bad;name 07:00 daily\n" JOB END, 2, "not a selfcare reminder"},
		{BEGIN MARK END, 2, "no command line"},
		{BEGIN MARK MARK JOB END, 3, "not the command"},
		{BEGIN MARK "0 8 * * * XDG_RUNTIME_DIR='/r' '/s' remind desk-reset\n" END, 3, "not the command"},
		{BEGIN MARK "0 7 * * 1 XDG_RUNTIME_DIR='/r' '/s' remind desk-reset\n" END, 3, "not the command"},
		{BEGIN MARK "0 7 * * * XDG_RUNTIME_DIR='/r' '/s' remind psoas-release\n" END, 3, "not the command"},
		{BEGIN MARK "#" JOB END, 3, "not the command"},
		{BEGIN MARK JOB "# selfcare-entry: desk-reset 07:00 weekdays\n"
		       "0 7 * * 1,2,3,4,5 x remind desk-reset\n" END, 4, "again (first at line 2)"},
		{long_case, 2, "not a selfcare reminder"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		if (schedule_cron_parse(cases[i].text, &blk, err, sizeof(err)) != -1)
			fail_msg("case %zu accepted:\n%s", i, cases[i].text);
		snprintf(want, sizeof(want), "crontab line %zu: ", cases[i].line);
		if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, cases[i].what))
			fail_msg("case %zu: '%s', want '%s...%s'", i, err, want, cases[i].what);
		assert_non_null(strstr(err, "'crontab -e'"));
		assert_null(strchr(err, '\n'));
		assert_false(blk.found);
		assert_int_equal(blk.count, 0);
		assert_null(blk.entries);
	}
	free(long_case);

	/* Sound: none at all, markers with trailing blanks, an entry line
	 * outside the block (the user's comment), an empty block. */
	assert_int_equal(parse_ok("", &blk), 0);
	assert_false(blk.found);
	assert_int_equal(parse_ok("# selfcare-entry: desk-reset 07:00 daily\n", &blk), 0);
	assert_false(blk.found);
	assert_int_equal(parse_ok(CRON_BEGIN " \n" MARK JOB CRON_END "\t\r\n", &blk), 1);
	schedule_cron_block_release(&blk);
	assert_int_equal(parse_ok("A=1\n" BEGIN END, &blk), 0);
	assert_true(blk.found);
	assert_int_equal(blk.start, 4);
	/* Adding to an empty block goes inside it. */
	struct entry_spec e = {.name = "desk-reset", .hour = 7, .minute = 0, .days = DAYS_ALL};
	char *in = schedule_crontab_put("A=1\n" BEGIN END, &blk, &e, MARK JOB);
	assert_string_equal(in, "A=1\n" BEGIN MARK JOB END);
	free(in);
	schedule_cron_block_release(&blk);
	/* No END line at the very end of the file, no newline after it. */
	assert_int_equal(parse_ok(BEGIN MARK JOB CRON_END, &blk), 1);
	char *gone = schedule_crontab_put(BEGIN MARK JOB CRON_END, &blk, &e, NULL);
	assert_string_equal(gone, "");
	free(gone);
	schedule_cron_block_release(&blk);
}

/* Other entries keep the lines they were written with: another binary,
 * another runtime dir. */
static void test_cron_keeps_lines(void **state)
{
	const char *old_a = "# selfcare-entry: evening-unwind 21:30 daily\n"
			    "30 21 * * * XDG_RUNTIME_DIR='/run/user/4242' '/opt/old 2/selfcare' remind evening-unwind\n";
	const char *old_b = "# selfcare-entry: psoas-release 08:30 weekdays\n"
			    "30 8 * * 1,2,3,4,5 XDG_RUNTIME_DIR='/run/user/4242' '/opt/old/selfcare' remind psoas-release\n";
	struct entry_spec neu = {.name = "desk-reset", .hour = 12, .minute = 0, .days = DAYS_ALL};
	struct entry_spec b = {.name = "psoas-release", .hour = 8, .minute = 30, .days = 0x1F};
	char err[200];
	(void)state;
	char *tab = malloc(1024);
	snprintf(tab, 1024, "%s\n%s%s%s\n0 4 * * * mine\n", CRON_BEGIN, old_a, old_b, CRON_END);
	char *lines = schedule_cron_lines(&neu, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));
	char *added = put(tab, &neu, lines);
	char *want = malloc(2048);
	snprintf(want, 2048, "%s\n%s%s%s%s\n0 4 * * * mine\n", CRON_BEGIN, lines, old_a, old_b, CRON_END);
	assert_string_equal(added, want);
	char *removed = put(added, &b, NULL);
	snprintf(want, 2048, "%s\n%s%s%s\n0 4 * * * mine\n", CRON_BEGIN, lines, old_a, CRON_END);
	assert_string_equal(removed, want);
	free(tab);
	free(lines);
	free(added);
	free(removed);
	free(want);
}

/* Hundreds of entries: reading gives every one. */
static void test_cron_many(void **state)
{
	struct cron_block blk;
	size_t cap = 300 * 160 + 256, o = 0;
	char *tab = malloc(cap);
	(void)state;
	o += (size_t)snprintf(tab + o, cap - o, "%s\n", CRON_BEGIN);
	for (unsigned i = 0; i < 300; i++)
		o += (size_t)snprintf(tab + o, cap - o,
				      "# selfcare-entry: desk-reset %02u:%02u daily\n"
				      "%u %u * * * XDG_RUNTIME_DIR='/r' '/s' remind desk-reset\n",
				      i / 60, i % 60, i % 60, i / 60);
	snprintf(tab + o, cap - o, "%s\n", CRON_END);
	assert_int_equal(parse_ok(tab, &blk), 300);
	assert_int_equal(blk.entries[299].spec.hour, 4);
	assert_int_equal(blk.entries[299].spec.minute, 59);
	assert_int_equal(blk.entries[299].line, 2 + 2 * 299);
	schedule_cron_block_release(&blk);
	free(tab);
}

static void test_next(void **state)
{
	struct entry_spec e = {.name = "x", .hour = 8, .minute = 30, .days = 0x1F};
	(void)state;
	/* struct tm wday: 0 Sunday. Monday 07:00 -> today. */
	assert_int_equal(schedule_next_days(&e, 1, 7, 0, 0), 0);
	assert_int_equal(schedule_next_days(&e, 1, 8, 30, 0), 1); /* at the minute: next time */
	assert_int_equal(schedule_next_days(&e, 5, 9, 0, 0), 3);  /* Friday after -> Monday */
	assert_int_equal(schedule_next_days(&e, 6, 9, 0, 0), 2);  /* Saturday -> Monday */
	e.days = 0x01; /* Mondays only, Monday after the time: a week */
	assert_int_equal(schedule_next_days(&e, 1, 9, 0, 0), 7);
}

static void test_paths(void **state)
{
	struct sched_paths p;
	char err[200];
	(void)state;
	/* HOME must be absolute, whatever XDG_* say. */
	const char *bad_homes[] = {NULL, "", "relhome", "./home", "~/x"};
	for (size_t i = 0; i < sizeof(bad_homes) / sizeof(bad_homes[0]); i++) {
		struct sched_env env = {.home = bad_homes[i], .xdg_config_home = "/cfg",
					.xdg_runtime_dir = "/run/user/7", .uid = 7};
		err[0] = '\0';
		assert_int_equal(schedule_paths(&env, &p, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "HOME"));
		assert_null(strchr(err, '\n'));
		assert_null(p.unit_dir);
	}
	struct sched_env bad_text = {.home = "rel\nhome\e[2J"};
	assert_int_equal(schedule_paths(&bad_text, &p, err, sizeof(err)), -1);
	assert_null(strchr(err, '\n'));
	assert_null(strchr(err, '\033'));

	/* Absolute XDG values are used. */
	struct sched_env env = {.home = "/home/me", .xdg_config_home = "/cfg",
				.xdg_runtime_dir = "/run/user/7", .uid = 7};
	assert_int_equal(schedule_paths(&env, &p, err, sizeof(err)), 0);
	assert_string_equal(p.unit_dir, "/cfg/systemd/user");
	assert_string_equal(p.runtime_dir, "/run/user/7");
	assert_string_equal(p.lock_file, "/home/me/.local/state/selfcare/schedule.lock");
	schedule_paths_release(&p);
	env.xdg_state_home = "/state";
	assert_int_equal(schedule_paths(&env, &p, err, sizeof(err)), 0);
	assert_string_equal(p.state_dir, "/state/selfcare");
	assert_string_equal(p.lock_file, "/state/selfcare/schedule.lock");
	schedule_paths_release(&p);
	/* The lock is the uid's: in its passwd home, whatever HOME and
	 * XDG_STATE_HOME say, so that every selfcare of the user meets it. */
	env.passwd_home = "/home/real";
	assert_int_equal(schedule_paths(&env, &p, err, sizeof(err)), 0);
	assert_string_equal(p.state_dir, "/state/selfcare");
	assert_string_equal(p.lock_file, "/home/real/.local/state/selfcare/schedule.lock");
	schedule_paths_release(&p);
	env.home = "/elsewhere";
	env.xdg_state_home = NULL;
	assert_int_equal(schedule_paths(&env, &p, err, sizeof(err)), 0);
	assert_string_equal(p.state_dir, "/elsewhere/.local/state/selfcare");
	assert_string_equal(p.lock_file, "/home/real/.local/state/selfcare/schedule.lock");
	schedule_paths_release(&p);
	/* Unset, empty or relative: ignored, the defaults used. */
	const char *ignored[] = {NULL, "", "relcfg", "./x"};
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		struct sched_env e2 = {.home = "/home/me", .xdg_config_home = ignored[i],
				       .xdg_state_home = ignored[i], .xdg_runtime_dir = ignored[i],
				       .uid = 1000};
		assert_int_equal(schedule_paths(&e2, &p, err, sizeof(err)), 0);
		assert_string_equal(p.unit_dir, "/home/me/.config/systemd/user");
		assert_string_equal(p.runtime_dir, "/run/user/1000");
		assert_string_equal(p.lock_file, "/home/me/.local/state/selfcare/schedule.lock");
		schedule_paths_release(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_cron),
		cmocka_unit_test(test_slots_and_block),
		cmocka_unit_test(test_cron_damaged),
		cmocka_unit_test(test_cron_keeps_lines),
		cmocka_unit_test(test_cron_many),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
