/* The reminder log's lines: made, read back, and the last of each reminder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "remindlog.h"

static void test_round_trip(void **state)
{
	(void)state;
	struct remind_record r = {.when = 1796117700, .utc_offset = 3600, .hour = 9, .minute = 15,
				  .outcome = REMIND_MISSED};
	char line[REMINDLOG_LINE_MAX];
	strcpy(r.name, "psoas-release");
	strcpy(r.why, "no desktop\tsession\x1b[2J found");
	assert_true(remind_record_format(&r, line, sizeof(line)));
	assert_string_equal(line, "2026-12-01T10:35:00+01:00\tpsoas-release\t09:15\tmissed\t"
				  "no desktop session[2J found\n");
	struct remind_record back;
	assert_true(remind_record_parse(line, strlen(line), &back));
	assert_int_equal(back.when, r.when);
	assert_int_equal(back.utc_offset, 3600);
	assert_string_equal(back.name, "psoas-release");
	assert_int_equal(back.hour, 9);
	assert_int_equal(back.minute, 15);
	assert_int_equal(back.outcome, REMIND_MISSED);
	assert_string_equal(back.why, "no desktop session[2J found");
	/* West of UTC. */
	r.utc_offset = -5 * 3600 - 1800;
	assert_true(remind_record_format(&r, line, sizeof(line)));
	assert_non_null(strstr(line, "T04:05:00-05:30\t"));
	assert_true(remind_record_parse(line, strlen(line), &back));
	assert_int_equal(back.when, r.when);
	/* A name that could not be scheduled is never written. */
	strcpy(r.name, "Bad name");
	assert_false(remind_record_format(&r, line, sizeof(line)));
}

static void test_parse_rejects(void **state)
{
	(void)state;
	static const char *bad[] = {
		"",
		"2026-12-01T10:35:00+01:00\tpsoas-release\t09:15\tmissed", /* torn */
		"2026-12-01T10:35:00+01:00\tpsoas-release\t9:15\tfired\t",
		"2026-12-01T10:35:00\tpsoas-release\t09:15\tfired\t",
		"2026-12-01T10:35:00+01:00\tpsoas-release\t09:15\texploded\t",
		"2026-12-01T10:35:00+01:00\tPsoas\t09:15\tfired\t",
		"2026-13-01T10:35:00+01:00\tpsoas-release\t09:15\tfired\t",
	};
	struct remind_record r;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(remind_record_parse(bad[i], strlen(bad[i]), &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
