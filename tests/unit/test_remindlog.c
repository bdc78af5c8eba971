/* The reminder log's lines of selfcare 0.1, read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "remindlog.h"

/* Lines as selfcare 0.1 wrote them, read back for the history store. */
static void test_parse(void **state)
{
	(void)state;
	const char *line = "2026-12-01T10:35:00+01:00\tpsoas-release\t09:15\tmissed\t"
			   "no desktop session found\n";
	struct remind_record back;
	assert_true(remind_record_parse(line, strlen(line), &back));
	assert_int_equal(back.when, 1796117700);
	assert_int_equal(back.utc_offset, 3600);
	assert_string_equal(back.name, "psoas-release");
	assert_int_equal(back.hour, 9);
	assert_int_equal(back.minute, 15);
	assert_int_equal(back.outcome, REMIND_MISSED);
	assert_string_equal(back.why, "no desktop session found");
	/* West of UTC. */
	line = "2026-12-01T04:05:00-05:30\tpsoas-release\t09:15\tfired\t\n";
	assert_true(remind_record_parse(line, strlen(line), &back));
	assert_int_equal(back.when, 1796117700);
	assert_int_equal(back.utc_offset, -5 * 3600 - 1800);
	assert_int_equal(back.outcome, REMIND_FIRED);
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
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
