#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

static void parse(const char *text, struct config *c, struct diags *d)
{
	config_defaults(c);
	memset(d, 0, sizeof(*d));
	config_parse(text, strlen(text), c, d);
}

static void test_defaults(void **state)
{
	(void)state;
	struct config c;
	struct diags d;
	parse("", &c, &d);
	assert_int_equal(d.count, 0);
	assert_true(c.voice && c.sounds && c.bell && c.notifications && c.checkin && c.big_digits);
	assert_true(c.safety_voice);
	assert_int_equal(c.voice_rate, CONFIG_RATE_DEFAULT);
	assert_int_equal(c.prepare, 5);
	assert_int_equal(c.snooze, 600);
	assert_int_equal(c.color, CONFIG_COLOR_AUTO);
	parse("# nothing but a comment\n\n   # and another\n", &c, &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.line[CFG_VOICE], 0);
	diags_release(&d);
}

static void test_values(void **state)
{
	(void)state;
	struct config c;
	struct diags d;
	parse("# mine\nvoice: false\nvoice-rate: -20\nsounds: no\nbell: off\nnotifications: yes\n"
	      "checkin: false\nprepare: 15s\nsnooze: 2m\ncolor: never\nbig-digits: false\n"
	      "safety-voice: false\n",
	      &c, &d);
	assert_int_equal(d.count, 0);
	assert_false(c.voice || c.sounds || c.bell || c.checkin || c.big_digits || c.safety_voice);
	assert_int_equal(c.line[CFG_SAFETY_VOICE], 12);
	assert_true(c.notifications);
	assert_int_equal(c.voice_rate, -20);
	assert_int_equal(c.prepare, 15);
	assert_int_equal(c.snooze, 120);
	assert_int_equal(c.color, CONFIG_COLOR_NEVER);
	assert_int_equal(c.line[CFG_VOICE], 2);
	assert_int_equal(c.line[CFG_BIG_DIGITS], 11);
	char buf[32];
	config_value_text(&c, CFG_PREPARE, buf, sizeof(buf));
	assert_string_equal(buf, "15s");
	config_value_text(&c, CFG_VOICE_RATE, buf, sizeof(buf));
	assert_string_equal(buf, "-20");
	diags_release(&d);
}

/* Each error at its node, in file order; the good settings still count. */
static void test_errors(void **state)
{
	(void)state;
	struct config c;
	struct diags d;
	parse("voice: maybe\nsnooze: 0s\nvoise: true\nsounds: false\ncolor: [red]\n"
	      "prepare: 1h\nsounds: true\nwidth: 3\n",
	      &c, &d);
	assert_int_equal(d.count, 7);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 8);
	assert_string_equal(d.items[0].msg, "'voice' takes true or false, not 'maybe'");
	assert_int_equal(d.items[1].line, 2);
	assert_string_equal(d.items[1].msg, "'snooze' must be from 1s to 24h, not 0s");
	assert_int_equal(d.items[2].line, 3);
	assert_int_equal(d.items[2].col, 1);
	assert_string_equal(d.items[2].msg, "unknown setting 'voise' (did you mean 'voice'?)");
	assert_string_equal(d.items[3].msg, "'color' needs a single value");
	assert_int_equal(d.items[3].line, 5);
	assert_string_equal(d.items[4].msg, "'prepare' must be from 0s to 10m, not 1h");
	assert_string_equal(d.items[5].msg, "'sounds' is set twice (first on line 4)");
	assert_string_equal(d.items[6].msg, "unknown setting 'width'");
	assert_true(c.voice);                 /* kept its default */
	assert_int_equal(c.snooze, 600);
	diags_release(&d);

	parse("voice: [\n", &c, &d);
	assert_true(d.count >= 1);
	diags_release(&d);
	parse("- voice\n- false\n", &c, &d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].msg, "the settings must be a mapping, such as 'voice: false'");
	diags_release(&d);
	/* A list where a value belongs: the other settings still apply. */
	parse("bell: false\nvoice: [true]\n", &c, &d);
	assert_int_equal(d.count, 1);
	assert_false(c.bell);
	assert_int_equal(c.line[CFG_BELL], 1);
	diags_release(&d);
	/* A good setting beside a bad one still applies. */
	parse("voice: false\ncolour: never\n", &c, &d);
	assert_int_equal(d.count, 1);
	assert_false(c.voice);
	diags_release(&d);

	/* A second document is named as such, not as a routine file's. */
	parse("voice: false\n---\nbell: false\n", &c, &d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].msg, "a second YAML document: the file holds only one");
	assert_int_equal(d.items[0].line, 2);
	diags_release(&d);

	/* Over 64 KiB is an error even when its first 64 KiB are comments
	 * (the reader stops one byte past the limit). */
	static char big[CONFIG_FILE_MAX + 2];
	memset(big, '\n', sizeof(big) - 1);
	big[0] = '#';
	parse(big, &c, &d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].msg, "file is larger than 64 KiB");
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
