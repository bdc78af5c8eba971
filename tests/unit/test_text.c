#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void test_control(void **state)
{
	(void)state;
	assert_false(text_has_control("plain text, café", false));
	assert_false(text_has_control("two\nlines", true));
	assert_true(text_has_control("two\nlines", false));
	assert_true(text_has_control("esc\x1b[2J", true));
	assert_true(text_has_control("del\x7f", true));
	assert_true(text_has_control("c1 \xc2\x9b", true));        /* U+009B CSI */
	assert_true(text_has_control("bidi \xe2\x80\xae", true));  /* U+202E */
	assert_true(text_has_control("bad utf8 \xff", true));
	assert_false(text_has_control("tab\tok", false));
}

static void test_sanitize(void **state)
{
	char out[64];
	(void)state;
	assert_string_equal(text_sanitize("a\x1b[31mb", out, sizeof(out)), "a[31mb");
	assert_string_equal(text_sanitize("x\ny\tz", out, sizeof(out)), "x y z");
	assert_string_equal(text_sanitize("\xc2\x9b" "2J", out, sizeof(out)), "2J");
	assert_string_equal(text_sanitize("\xff!", out, sizeof(out)), "?!");
	/* Truncation keeps whole characters. */
	assert_string_equal(text_sanitize("ééé", out, 4), "é");
}

/* The eight-bytes-at-a-time path: a bad byte anywhere in a long string,
 * at every offset, is found; good text of any length passes. */
static void test_every_offset(void **state)
{
	(void)state;
	const unsigned char bad[] = {0x01, 0x1B, 0x1F, 0x7F};
	char s[40], out[40];

	for (size_t len = 1; len < sizeof(s) - 1; len++) {
		memset(s, 'a', len);
		s[len] = '\0';
		assert_false(text_has_control(s, false));
		char *dup = text_sanitize_dup(s);
		assert_string_equal(dup, s);
		free(dup);
		for (size_t at = 0; at < len; at++) {
			for (size_t b = 0; b < sizeof(bad); b++) {
				s[at] = (char)bad[b];
				if (!text_has_control(s, false))
					fail_msg("0x%02x at %zu of %zu not found", bad[b], at, len);
				dup = text_sanitize_dup(s);
				assert_int_equal(strlen(dup), len - 1);
				assert_null(strchr(dup, (char)bad[b]));
				free(dup);
			}
			/* A tab is allowed, but sanitized to a space. */
			s[at] = '\t';
			assert_false(text_has_control(s, false));
			dup = text_sanitize_dup(s);
			assert_int_equal(dup[at], ' ');
			free(dup);
			s[at] = 'a';
		}
	}
	/* Multi-byte text past the fast path: fine unless it is a C1 control. */
	assert_false(text_has_control("abcdefgh\xc3\xa9ijklmnop", false));
	assert_true(text_has_control("abcdefgh\xc2\x85ijklmnop", false));
	assert_true(text_has_control("abcdefghijklmno\xff", false));
	assert_string_equal(text_sanitize("abcdefghijklmno\xff", out, sizeof(out)), "abcdefghijklmno?");
}

static void test_wrap(void **state)
{
	(void)state;
	char *buf = text_wrapped("one two three four five six", 20, 2, NULL);
	assert_string_equal(buf, "  one two three four\n  five six\n");
	free(buf);
	buf = text_wrapped("one two three four five six", 20, 4, "  -");
	assert_string_equal(buf, "  - one two three\n    four five six\n");
	free(buf);
	buf = text_wrapped("", 20, 4, NULL);
	assert_string_equal(buf, "");
	free(buf);
}

static void test_json_distance(void **state)
{
	(void)state;
	char *buf = json_quoted("a\"b\\c\nd\x01");
	assert_string_equal(buf, "\"a\\\"b\\\\c\\nd\\u0001\"");
	free(buf);
	char out[32];
	assert_string_equal(text_clip("abcdef", 3, out, sizeof(out)), "abc");
	assert_string_equal(text_clip("██░░", 3, out, sizeof(out)), "██░"); /* columns, not bytes */
	assert_string_equal(text_clip("ab", 5, out, sizeof(out)), "ab");
	assert_int_equal(text_distance("lsit", "list"), 2);
	assert_int_equal(text_distance("show", "show"), 0);
	assert_int_equal(text_distance("", "run"), 3);
}

static const char *nearest(const char *word, const char *const *cands)
{
	struct suggest s;
	suggest_start(&s, word);
	for (; *cands; cands++)
		suggest_consider(&s, *cands);
	return suggest_result(&s);
}

/* "Did you mean": case, prefix, then a few edits; nothing far. */
static void test_suggest(void **state)
{
	(void)state;
	static const char *const names[] = {"breath-reset", "psoas-release", "desk-reset", NULL};
	static const char *const subs[] = {"add", "list", "remove", NULL};
	static const char *const keys[] = {"name", "kind", "hold", "reps", "rest", NULL};
	static const char *const top[] = {"--help", "--version", NULL};
	assert_string_equal(nearest("Breath-Reset", names), "breath-reset");
	assert_string_equal(nearest("psoas", names), "psoas-release");
	assert_string_equal(nearest("desk-rest", names), "desk-reset");
	assert_string_equal(nearest("ad", subs), "add");
	assert_string_equal(nearest("lst", subs), "list");
	assert_string_equal(nearest("repz", keys), "reps");
	assert_string_equal(nearest("--verison", top), "--version");
	assert_null(nearest("zzzzzz", subs));
	assert_null(nearest("x", subs));        /* one letter: nothing is near */
	assert_null(nearest("p", names));       /* too short a prefix */
	assert_null(nearest("", subs));
}

static void test_columns(void **state)
{
	(void)state;
	char *c = text_columns("WHEN\tROUTINE\tENDED\n2026-12-01\tpsoas-release\tcompleted\n"
			       "x\tcafé\tquit\n");
	assert_string_equal(c, "WHEN        ROUTINE        ENDED\n"
			       "2026-12-01  psoas-release  completed\n"
			       "x           café           quit\n");
	free(c);
	c = text_columns("");
	assert_string_equal(c, "");
	free(c);
}

static void test_sides(void **state)
{
	(void)state;
	char out[64], bad[16];
	assert_string_equal(text_fill_sides("Your {side} foot, then the {other}.", "left", "right",
					    out, sizeof(out)),
			    "Your left foot, then the right.");
	/* Only the two names, exactly: anything else is text. */
	assert_string_equal(text_fill_sides("{Side} {sides} {} { side } {side", "l", "r", out,
					    sizeof(out)),
			    "{Side} {sides} {} { side } {side");
	/* Cut short, never past the end. */
	assert_string_equal(text_fill_sides("a {side} b", "leftmost", "r", out, 6), "a ");
	assert_int_equal(text_placeholders("plain {} { x }", NULL, 0), TEXT_PLACEHOLDER_NONE);
	assert_int_equal(text_placeholders("{other}", NULL, 0), TEXT_PLACEHOLDER_SIDE);
	assert_int_equal(text_placeholders("{side} {knee} {leg}", bad, sizeof(bad)),
			 TEXT_PLACEHOLDER_SIDE | TEXT_PLACEHOLDER_UNKNOWN);
	assert_string_equal(bad, "{knee}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_sides),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_every_offset),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_json_distance),
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
