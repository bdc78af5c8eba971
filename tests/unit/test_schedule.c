#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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
	assert_non_null(strstr(s, "\nExecStart=\"/opt/my 100%% \\\"$$elf\\\\care\\\"/selfcare\" remind psoas-release\n"));
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

/* A block of two entries applied to a crontab that has one. */
static char *xtwo(const char *crontab, const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *block = malloc(n);
	strcpy(block, a);
	strcat(block, b);
	char *out = schedule_crontab_apply(crontab, block);
	free(block);
	return out;
}

static void test_cron(void **state)
{
	struct entry_spec e = {.name = "desk-reset", .hour = 13, .minute = 5, .days = 0x41};
	char err[200];
	(void)state;
	char *l = schedule_cron_lines(&e, "/opt/it's 50%/selfcare", "/run/user/1000", err, sizeof(err));
	assert_string_equal(l, "# selfcare-entry: desk-reset 13:05 mon,sun\n"
			       "5 13 * * 1,0 XDG_RUNTIME_DIR='/run/user/1000' "
			       "'/opt/it'\\''s 50\\%/selfcare' remind desk-reset\n");
	e.days = DAYS_ALL;
	char *daily = schedule_cron_lines(&e, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));
	assert_non_null(strstr(daily, "\n5 13 * * * XDG_RUNTIME_DIR="));
	assert_null(schedule_cron_lines(&e, "/usr/bin/selfcare", "relative", err, sizeof(err)));

	/* Add a block, find the entries, remove it: every byte comes back. */
	const char *originals[] = {
		"",
		"# jobs\nMAILTO=me@example.com\n*/5 * * * * echo \"50\\% done\"\n",
		"0 1 * * * true", /* no trailing newline */
		"\n\n# blank lines first\n",
	};
	for (size_t i = 0; i < 4; i++) {
		char *with = schedule_crontab_apply(originals[i], l);
		assert_true(strncmp(with, CRON_BEGIN "\n", strlen(CRON_BEGIN) + 1) == 0);
		struct entry_spec found[4];
		assert_int_equal(schedule_crontab_entries(with, found, 4), 1);
		assert_string_equal(found[0].name, "desk-reset");
		char *two = xtwo(with, l, daily);
		assert_int_equal(schedule_crontab_entries(two, found, 4), 2);
		char *back = schedule_crontab_apply(two, "");
		assert_string_equal(back, originals[i]);
		free(with);
		free(two);
		free(back);
	}
	/* A block the user moved stays where it is. */
	char *moved = schedule_crontab_apply("A=1\n" CRON_BEGIN "\nold\n" CRON_END "\nB=2\n", l);
	const char *head = "A=1\n" CRON_BEGIN "\n# selfcare-entry";
	assert_true(strncmp(moved, head, strlen(head)) == 0);
	assert_non_null(strstr(moved, CRON_END "\nB=2\n"));
	free(moved);
	free(l);
	free(daily);
}

static void test_slots_and_block(void **state)
{
	struct entry_spec a = {.name = "b-routine", .hour = 8, .minute = 30, .days = 0x1F};
	struct entry_spec b = {.name = "b-routine", .hour = 8, .minute = 30, .days = 0x60};
	struct entry_spec c = {.name = "b-routine", .hour = 7, .minute = 0, .days = DAYS_ALL};
	struct entry_spec d = {.name = "a-routine", .hour = 9, .minute = 0, .days = DAYS_ALL};
	char err[200];
	(void)state;
	assert_true(schedule_same_slot(&a, &b)); /* other days, same reminder */
	assert_false(schedule_same_slot(&a, &c));
	assert_false(schedule_same_slot(&c, &d));
	struct entry_spec all[] = {a, c, d};
	char *block = schedule_cron_block(all, 3, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));
	/* Sorted by routine, then time. */
	assert_string_equal(all[0].name, "a-routine");
	assert_int_equal(all[1].hour, 7);
	assert_int_equal(all[2].hour, 8);
	const char *first = strstr(block, "a-routine 09:00"), *second = strstr(block, "b-routine 07:00"),
		   *third = strstr(block, "b-routine 08:30");
	assert_true(first && second && third && first < second && second < third);
	free(block);
	assert_null(schedule_cron_block(all, 3, "relative", "/run/user/0", err, sizeof(err)));
	/* schedule_crontab_entries fills at most max, and says how many. */
	char *lines = schedule_cron_block(all, 3, "/usr/bin/selfcare", "/run/user/0", err, sizeof(err));
	char *tab = schedule_crontab_apply("", lines);
	struct entry_spec two[2];
	assert_int_equal(schedule_crontab_entries(tab, two, 2), 2);
	assert_string_equal(two[1].name, "b-routine");
	free(tab);
	free(lines);
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
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
