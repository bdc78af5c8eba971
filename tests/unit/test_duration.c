#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "duration.h"

static unsigned parse_ok(const char *s)
{
	char err[128] = "";
	unsigned v = 12345;
	if (duration_parse(s, &v, err, sizeof(err)) != 0)
		fail_msg("'%s' should parse, got: %s", s, err);
	return v;
}

static void parse_bad(const char *s, const char *needle)
{
	char err[128] = "";
	unsigned v = 777;
	if (duration_parse(s, &v, err, sizeof(err)) == 0)
		fail_msg("'%s' should be rejected, got %u", s, v);
	assert_int_equal(v, 777); /* untouched on failure */
	if (strstr(err, needle) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", s, err, needle);
}

static void test_valid(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("90"), 90);
	assert_int_equal(parse_ok("90s"), 90);
	assert_int_equal(parse_ok("1m30s"), 90);
	assert_int_equal(parse_ok("2m"), 120);
	assert_int_equal(parse_ok("1h"), 3600);
	assert_int_equal(parse_ok("1h5m10s"), 3910);
	assert_int_equal(parse_ok("0"), 0);
	assert_int_equal(parse_ok("0s"), 0);
	assert_int_equal(parse_ok("4h"), 4 * 3600);
	assert_int_equal(parse_ok("150m"), 9000); /* a lone unit has no upper bound of 60 */
	assert_int_equal(parse_ok("010"), 10);   /* decimal, never octal */
}

static void test_invalid(void **state)
{
	(void)state;
	parse_bad("", "empty");
	parse_bad("30x", "invalid duration");
	parse_bad("30s ", "invalid duration");
	parse_bad(" 30s", "invalid duration");
	parse_bad("-5", "invalid duration");
	parse_bad("+5", "invalid duration");
	parse_bad("1.5m", "invalid duration");
	parse_bad("0x1E", "invalid duration");
	parse_bad("1e3", "invalid duration");
	parse_bad("1_000", "invalid duration");
	parse_bad("s", "invalid duration");
	parse_bad("1m1h", "order");
	parse_bad("1m2m", "order");
	parse_bad("1m30", "needs its own unit");
	parse_bad("1m90s", "under 60");
	parse_bad("1h60m", "under 60");
	parse_bad("9999999", "too long");
	parse_bad("30S", "invalid duration");
	parse_bad("30 s", "invalid duration");
	parse_bad("１０", "invalid duration"); /* full-width digits */
}

static void test_format(void **state)
{
	char b[32];
	(void)state;
	assert_string_equal(duration_format(0, b, sizeof(b)), "0s");
	assert_string_equal(duration_format(45, b, sizeof(b)), "45s");
	assert_string_equal(duration_format(60, b, sizeof(b)), "1m");
	assert_string_equal(duration_format(90, b, sizeof(b)), "1m30s");
	assert_string_equal(duration_format(3600, b, sizeof(b)), "1h");
	assert_string_equal(duration_format(3905, b, sizeof(b)), "1h5m5s");
	assert_string_equal(duration_clock(0, b, sizeof(b)), "0:00");
	assert_string_equal(duration_clock(65, b, sizeof(b)), "1:05");
	assert_string_equal(duration_clock(720, b, sizeof(b)), "12:00");
	assert_string_equal(duration_clock(3723, b, sizeof(b)), "1:02:03");
	/* Round trip over every value up to 4 h. */
	for (unsigned s = 0; s <= DURATION_MAX_HOLD; s++) {
		char err[64];
		unsigned back;
		duration_format(s, b, sizeof(b));
		assert_int_equal(duration_parse(b, &back, err, sizeof(err)), 0);
		assert_int_equal(back, s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
