#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "yamlpos.h"

#define STEP "  - name: A\n    kind: pose\n    hold: 30s\n    instructions: Do it.\n"

static struct routine *parse(const char *yaml, struct diags *d)
{
	return routine_parse(yaml, strlen(yaml), d);
}

/* Expect exactly one error at line:col whose message contains needle. */
static void expect_error(const char *yaml, unsigned line, unsigned col, const char *needle)
{
	struct diags d = {0};
	struct routine *r = parse(yaml, &d);
	if (r != NULL)
		fail_msg("expected an error for:\n%s", yaml);
	assert_true(d.count >= 1);
	if (d.items[0].line != line || d.items[0].col != col || !strstr(d.items[0].msg, needle))
		fail_msg("got %u:%u: %s; want %u:%u: ...%s...", d.items[0].line, d.items[0].col,
			 d.items[0].msg, line, col, needle);
	diags_release(&d);
}

static void test_minimal_and_defaults(void **state)
{
	struct diags d = {0};
	(void)state;
	struct routine *r = parse("title: T\nsteps:\n" STEP, &d);
	assert_non_null(r);
	assert_int_equal(d.count, 0);
	assert_string_equal(r->title, "T");
	assert_null(r->summary);
	assert_int_equal(r->steps_count, 1);
	assert_int_equal(r->rest, ROUTINE_DEFAULT_REST);
	assert_int_equal(r->steps[0].hold, 30);
	assert_int_equal(r->steps[0].reps, 1);
	assert_int_equal(r->steps[0].rest, ROUTINE_DEFAULT_REST);
	assert_int_equal(r->steps[0].sides, SIDES_NONE);
	assert_int_equal(r->steps[0].kind, KIND_POSE);
	routine_free(r);
}

static void test_full(void **state)
{
	struct diags d = {0};
	(void)state;
	const char *y = "title: T\nsummary: S\ntags: [a, b-2]\nsafety: [Careful.]\nrest: 20s\n"
			"steps:\n"
			"  - name: A\n    kind: massage\n    sides: both\n    hold: 1m30s\n"
			"    reps: 3\n    rest: 0\n    instructions: |\n      Line one.\n      Line two.\n"
			"    cues:\n      - at: 45s\n        say: Soften.\n"
			"  - name: B\n    kind: breath\n    hold: 90\n    instructions: x\n";
	struct routine *r = parse(y, &d);
	assert_non_null(r);
	assert_int_equal(r->rest, 20);
	assert_int_equal(r->tags_count, 2);
	assert_int_equal(r->steps[0].sides, SIDES_BOTH);
	assert_int_equal(r->steps[0].reps, 3);
	assert_int_equal(r->steps[0].rest, 0);   /* the step's own rest wins */
	assert_int_equal(r->steps[1].rest, 20);  /* the routine default */
	assert_int_equal(r->steps[0].cues[0].at, 45);
	assert_int_equal(r->steps[1].hold, 90);
	routine_free(r);
}

/* Expect exactly these errors, in this order: n triples of line, col and
 * a needle the message contains. */
static void expect_errors(const char *yaml, size_t len, size_t n, ...)
{
	struct diags d = {0};
	va_list ap;
	struct routine *r = routine_parse(yaml, len, &d);

	if (r != NULL)
		fail_msg("expected errors for:\n%s", yaml);
	if (d.count != n) {
		for (size_t i = 0; i < d.count; i++)
			print_message("  %u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].msg);
		fail_msg("got %zu errors, want %zu", d.count, n);
	}
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		unsigned line = va_arg(ap, unsigned), col = va_arg(ap, unsigned);
		const char *needle = va_arg(ap, const char *);
		if (d.items[i].line != line || d.items[i].col != col || !strstr(d.items[i].msg, needle))
			fail_msg("error %zu: got %u:%u: %s; want %u:%u: ...%s...", i, d.items[i].line,
				 d.items[i].col, d.items[i].msg, line, col, needle);
	}
	va_end(ap);
	diags_release(&d);
}

#define ERRS(yaml, n, ...) expect_errors(yaml, sizeof(yaml) - 1, n, __VA_ARGS__)

static void test_rules(void **state)
{
	(void)state;
	expect_error("", 1, 1, "file is empty");
	expect_error("# only a comment\n", 1, 1, "file is empty");
	/* The flow sequence never closes: libyaml notices at the end of the
	 * file, and the error is placed on the last character there is. */
	expect_error("title: [x\n", 1, 9, "YAML syntax error");
	expect_error("- a\n- b\n", 1, 1, "must be a mapping");
	expect_error("title: T\nfoo: 1\nsteps:\n" STEP, 2, 1, "unknown key 'foo'");
	expect_error("title: T\ntitle: U\nsteps:\n" STEP, 2, 1, "duplicate key 'title'");
	expect_error("steps:\n" STEP, 1, 1, "missing required key 'title'");
	expect_error("title: T\n", 1, 1, "missing required key 'steps'");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    instructions: x\n", 3, 5,
		     "missing required key 'hold'");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: yoga\n    hold: 1\n    instructions: x\n",
		     4, 11, "invalid kind 'yoga'");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: Pose\n    hold: 1\n    instructions: x\n",
		     4, 11, "invalid kind");
	expect_error("title: T\nsteps:\n" STEP "    sides: 7\n", 7, 12, "invalid sides '7'");
	expect_error("title: T\nsteps:\n" STEP "    bogus: 1\n", 7, 5, "unknown key 'bogus'");
	expect_error("title: T\nsteps: []\n", 2, 8, "at least 1");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: 30x\n    instructions: x\n",
		     5, 11, "invalid duration");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: 0\n    instructions: x\n",
		     5, 11, "longer than zero");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: 4h1s\n    instructions: x\n",
		     5, 11, "at most 4h");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: -5\n    instructions: x\n",
		     5, 11, "invalid duration");
	expect_error("title: T\nrest: 5 s\nsteps:\n" STEP, 2, 7, "invalid duration");
	expect_error("title: T\nsteps:\n" STEP "    reps: 0\n", 7, 11, "invalid reps");
	expect_error("title: T\nsteps:\n" STEP "    reps: 3x\n", 7, 11, "invalid reps");
	expect_error("title: T\nsteps:\n" STEP "    reps: 21\n", 7, 11, "invalid reps");
	expect_error("title: T\nsteps:\n" STEP "    cues:\n      - at: 30s\n        say: x\n", 8,
		     13, "not within the hold");
	expect_error("title: \"a\\x1bb\"\nsteps:\n" STEP, 1, 8, "control character");
	expect_error("title: T\nsteps:\n  - name: \"\\u202e\"\n    kind: pose\n    hold: 1\n    instructions: x\n",
		     3, 11, "control character");
	expect_error("title: ~\nsteps:\n" STEP, 1, 8, "needs a value");
	expect_error("title: \"  \"\nsteps:\n" STEP, 1, 8, "must not be blank");
	expect_error("title: T\ntags: [Bad Tag]\nsteps:\n" STEP, 2, 8, "invalid tag");
	ERRS("title: T\nsteps:\n" STEP "x: &a 1\ny: *a\n", 3, 7u, 1u, "unknown key 'x'", 8u, 1u,
	     "unknown key 'y'", 8u, 4u, "aliases are not allowed");
	ERRS("title: T\n---\ntitle: U\n", 2, 1u, 1u, "missing required key 'steps'", 2u, 1u,
	     "one");
	expect_error("title: T\nsteps: x\n", 2, 8, "must be a list");
	expect_error("title: [T]\nsteps:\n" STEP, 1, 8, "must be a single value");
	/* {side} and {other} only where there is a side; no other {word}. */
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: 1\n"
		     "    instructions: Your {side} hip.\n", 6, 19, "no sides");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    sides: none\n    hold: 1\n"
		     "    instructions: x\n    exit: The {other} one.\n", 8, 11, "no sides");
	expect_error("title: T\nsteps:\n  - name: A\n    kind: pose\n    sides: left\n    hold: 9\n"
		     "    instructions: x\n    cues: [{at: 1s, say: \"{Side} up\"}]\n", 8, 26,
		     "unknown placeholder '{Side}'");
	expect_error("title: T\nend: loud\nsteps:\n" STEP, 2, 6, "invalid end 'loud'");
}

static void test_placeholders_and_end(void **state)
{
	struct diags d = {0};
	(void)state;
	struct routine *r = parse("title: T\nend: quiet\nsteps:\n  - name: A\n    kind: pose\n"
				  "    sides: both\n    hold: 9\n    instructions: Your {side} hip, {other} "
				  "knee; {braces} {} and { side } are text.\n",
				  &d);
	assert_null(r);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].msg, "unknown placeholder '{braces}'"));
	diags_release(&d);
	r = parse("title: T\nend: quiet\nsteps:\n  - name: A\n    kind: pose\n"
		  "    sides: both\n    hold: 9\n    instructions: Your {side} hip, {other} knee; {}, "
		  "{ side } and {1} are text.\n",
		  &d);
	assert_non_null(r);
	assert_int_equal(d.count, 0);
	assert_int_equal(r->end, END_QUIET);
	assert_true(step_placeholders_ok(&r->steps[0]));
	routine_free(r);
	r = parse("title: T\nsteps:\n" STEP, &d);
	assert_int_equal(r->end, END_CHIME);
	routine_free(r);
}


static void test_positions(void **state)
{
	(void)state;
	/* Reader errors: libyaml gives only a byte offset. */
	ERRS("title: T\nsummary: S\nsteps:\n  - name: \x01\n", 1, 4u, 11u, "control characters");
	ERRS("title: T\nsummary: a\0b\n", 1, 2u, 11u, "YAML syntax error");
	ERRS("title: T\nsummary: caf\xc3\xa9 \xff\n", 1, 2u, 15u, "YAML syntax error");

	/* A missing colon is where the key is, not where libyaml gave up. */
	ERRS("title: T\nsteps:\n  - name: A\n    kind pose\n    hold: 30s\n"
	     "    instructions: x\n", 1, 4u, 5u, "missing ':' after the key");
	/* A stray quote is where the quote is, not past the end of the file. */
	ERRS("title: T\nsteps:\n  - name: \"A\n    kind: pose\n    hold: 30s\n"
	     "    instructions: x\n\n", 1, 3u, 11u, "no closing quote");
	/* Nothing past the end: an error at the very end is on the last line. */
	ERRS("title: T\nsteps:\n  - [a\n\n\n", 1, 3u, 6u, "YAML syntax error");
	ERRS("title: {\n", 1, 1u, 8u, "YAML syntax error");

	/* A file with no line break at the end: an empty value is placed at
	 * its key, never one past the last character. */
	ERRS("title: T\nsteps:\n" STEP "    rest:", 1, 7u, 5u, "'rest' needs a value");
	ERRS("title: T\nsteps:", 1, 2u, 1u, "'steps' must be a list");
	ERRS("title: T\nsteps:\n" STEP "  -", 1, 7u, 3u, "each entry of 'steps' must be a mapping");
	/* A key with no colon, followed by a good line: at the key. */
	ERRS("title: T\nsteps:\n  - name First\n    kind: pose\n", 1, 3u, 5u,
	     "missing ':' after the key on this line");
	ERRS("title Missing colon\nsteps:\n", 1, 1u, 1u, "missing ':' after the key on this line");
	/* CR-only line ends count as libyaml counts them. */
	ERRS("title: T\rname: \"abc\r\r", 1, 2u, 7u, "no closing quote");
	/* A tab on the last line, which holds nothing else: where it is. */
	ERRS("title: T\nsteps:\n" STEP "\t\n", 1, 7u, 1u, "tab characters are not allowed");
	/* A tab where indentation goes says so, at the tab. */
	ERRS("title: T\nsteps:\n  - name: A\n\tkind: pose\n", 1, 4u, 1u,
	     "tab characters are not allowed for indentation");
	ERRS("title: T\nsteps:\n  - name: A\n  \t  kind: pose\n", 1, 4u, 3u,
	     "tab characters are not allowed for indentation");

	/* A reader error on line 1004 of a large file is on line 1004. */
	size_t cap = 64 * 1024, o = 0;
	char *big = malloc(cap);
	o += (size_t)snprintf(big + o, cap - o, "title: T\nsafety:\n");
	for (int i = 3; i < 1004; i++)
		o += (size_t)snprintf(big + o, cap - o, "  - Note number %d.\n", i);
	o += (size_t)snprintf(big + o, cap - o, "  - Bad \x07 note.\n");
	struct diags d = {0};
	assert_null(routine_parse(big, o, &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 1004);
	assert_int_equal(d.items[0].col, 9);
	diags_release(&d);
	free(big);
}

static void test_every_error(void **state)
{
	(void)state;
	/* The step: four rounds of fixing before; one report now. */
	ERRS("title: T\nsteps:\n  - name: A\n    kind: stretch\n    hold: -5\n    reps: 0\n"
	     "    instructions: \"\"\n",
	     4, 4u, 11u, "invalid kind 'stretch'", 5u, 11u, "invalid duration '-5'", 6u, 11u,
	     "invalid reps '0'", 7u, 19u, "'instructions' must not be empty");
	/* An unknown key hides nothing; duplicates and missing keys too. */
	ERRS("colour: red\ntitle: T\ntitle: U\nsteps:\n  - name: A\n    kind: pose\n"
	     "    hold: 0\n    hold: 5\n  - kind: breath\n    hold: 1m\n    cues:\n"
	     "      - at: 2m\n        say: x\n        loud: yes\n    instructions: y\n",
	     8, 1u, 1u, "unknown key 'colour'", 3u, 1u, "duplicate key 'title' (first at line 2)",
	     5u, 5u, "missing required key 'instructions'", 7u, 11u, "'hold' must be longer than zero",
	     8u, 5u, "duplicate key 'hold' (first at line 7)", 9u, 5u, "missing required key 'name'",
	     12u, 13u, "cue at 2m is not within the hold of 1m", 14u, 9u, "unknown key 'loud'");
	/* Types, tags, lists, aliases and a second document, all at once. */
	ERRS("title: [T]\ntags: [ok, Not OK, 'fine']\nsafety: x\nrest: &r 5s\nsteps:\n"
	     "  - name: *r\n    kind: pose\n    hold: 1\n    instructions: x\n  - just text\n"
	     "---\ntitle: U\n",
	     6, 1u, 8u, "'title' must be a single value, not a list", 2u, 12u, "invalid tag 'Not OK'",
	     3u, 9u, "'safety' must be a list, not a single value", 6u, 11u, "aliases are not allowed",
	     10u, 5u, "each entry of 'steps' must be a mapping, not a single value", 11u, 1u,
	     "one");
	/* What the fast path cannot see sends the file to the position pass:
	 * a second document after a CR-only or Unicode line break, a NUL
	 * written as an escape; and a line separator is a control character. */
	ERRS("title: T\rsteps:\r  - {name: A, kind: pose, hold: 1, instructions: x}\r---\rtitle: X\r",
	     1, 4u, 1u, "one");
	ERRS("title: T\xc2\x85steps: [{name: A, kind: pose, hold: 1, instructions: x}]\xc2\x85"
	     "---\xc2\x85title: X\n", 1, 3u, 1u, "one");
	ERRS("title: \"Neck\\0\\e[31mRED\"\nsteps:\n" STEP, 1, 1u, 8u,
	     "'title' contains a control character");
	ERRS("title: \"Neck\\x00\"\nsteps:\n" STEP, 1, 1u, 8u, "'title' contains a control character");
	ERRS("title: \"a\\Lb\"\nsteps:\n" STEP, 1, 1u, 8u, "'title' contains a control character");
	/* Over the cap, a mapping's missing key (reported after its children
	 * are walked) is still the first error. */
	{
		size_t cap = 16 * 1024, o = 0;
		char *y = malloc(cap);
		o += (size_t)snprintf(y + o, cap - o, "steps:\n");
		for (int i = 0; i < 60; i++)
			o += (size_t)snprintf(y + o, cap - o,
					      "  - {name: A, kind: yoga, hold: 0, instructions: x}\n");
		struct diags dd = {0};
		assert_null(routine_parse(y, o, &dd));
		assert_int_equal(dd.count, DIAGS_MAX);
		assert_int_equal(dd.dropped, 21);
		assert_string_equal(dd.items[0].msg, "missing required key 'title'");
		diags_release(&dd);
		free(y);
	}
	/* A quoted "null" is text, not a missing value. */
	struct diags d = {0};
	struct routine *r = routine_parse("title: \"null\"\nsteps:\n" STEP,
					  strlen("title: \"null\"\nsteps:\n" STEP), &d);
	assert_non_null(r);
	assert_int_equal(d.count, 0);
	assert_string_equal(r->title, "null");
	routine_free(r);
}

static void test_many_keys(void **state)
{
	(void)state;
	/* A 1 MiB file of keys: judged once each, and the report is capped. */
	size_t cap = ROUTINE_FILE_MAX, o = 0;
	char *big = malloc(cap);
	o += (size_t)snprintf(big + o, cap - o, "title: T\n");
	for (unsigned i = 0; o + 16 < cap; i++)
		o += (size_t)snprintf(big + o, cap - o, "title: %u\n", i % 1000);
	struct diags d = {0};
	assert_null(routine_parse(big, o, &d));
	assert_int_equal(d.count, DIAGS_MAX);
	/* 1023 duplicates are read, then one error for the keys not read. */
	assert_int_equal(d.dropped, 1024 - DIAGS_MAX);
	assert_string_equal(d.items[0].msg, "duplicate key 'title' (first at line 1)");
	diags_release(&d);
	free(big);
}

static void test_limits(void **state)
{
	(void)state;
	/* A list far past its limit: one error at the first entry too many,
	 * and the entries past what the position pass keeps cost nothing. */
	size_t lcap = 64 * 1024, lo = 0;
	char *list = malloc(lcap);
	lo += (size_t)snprintf(list + lo, lcap - lo, "title: T\nsafety:\n");
	for (int i = 0; i < 3000; i++)
		lo += (size_t)snprintf(list + lo, lcap - lo, "  - [n%d]\n", i);
	lo += (size_t)snprintf(list + lo, lcap - lo, "steps:\n" STEP);
	expect_errors(list, lo, 17, 3u, 5u, "'safety' must be a single value, not a list", 4u, 5u,
		      "'safety' must be a single value", 5u, 5u, "", 6u, 5u, "", 7u, 5u, "", 8u, 5u,
		      "", 9u, 5u, "", 10u, 5u, "", 11u, 5u, "", 12u, 5u, "", 13u, 5u, "", 14u, 5u, "",
		      15u, 5u, "", 16u, 5u, "", 17u, 5u, "", 18u, 5u, "'safety' must be a single value",
		      19u, 5u, "too many entries in 'safety' (at most 16)");
	free(list);

	/* Too long a title, too many steps, a file over the cap. */
	char buf[512];
	snprintf(buf, sizeof(buf), "title: %081d\nsteps:\n" STEP, 0);
	expect_error(buf, 1, 8, "too long");

	size_t big = ROUTINE_FILE_MAX + 1;
	char *huge = malloc(big + 1);
	memset(huge, '#', big);
	huge[big] = '\0';
	struct diags d = {0};
	assert_null(routine_parse(huge, big, &d));
	assert_string_equal(d.items[0].msg, "file is larger than 1 MiB");
	diags_release(&d);
	free(huge);

	char *deep = malloc(4096);
	strcpy(deep, "title: ");
	for (int i = 0; i < 100; i++)
		strcat(deep, "[");
	/* The root mapping is the first level, so the 31st '[' is too deep. */
	expect_error(deep, 1, 8 + YAMLPOS_MAX_DEPTH - 1, "nesting is too deep");
	free(deep);
}

static void test_names(void **state)
{
	(void)state;
	assert_true(routine_name_valid("psoas-release"));
	assert_true(routine_name_valid("a"));
	assert_true(routine_name_valid("0-day"));
	char n[66];
	memset(n, 'a', 64);
	n[64] = '\0';
	assert_true(routine_name_valid(n)); /* 64 characters: the longest */
	n[64] = 'a';
	n[65] = '\0';
	assert_false(routine_name_valid(n));
	assert_false(routine_name_valid(""));
	assert_false(routine_name_valid("-lead"));
	assert_false(routine_name_valid("Upper"));
	assert_false(routine_name_valid("with space"));
	assert_false(routine_name_valid("semi;colon"));
	assert_false(routine_name_valid("per%cent"));
	assert_false(routine_name_valid("dollar$"));
	assert_false(routine_name_valid("new\nline"));
	assert_false(routine_name_valid("quote'"));
	assert_false(routine_name_valid("café"));
	assert_false(routine_name_valid("dot.name"));
	assert_false(routine_name_valid("under_score"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_and_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_every_error),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_placeholders_and_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
