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

static void test_rules(void **state)
{
	(void)state;
	expect_error("", 1, 1, "file is empty");
	expect_error("# only a comment\n", 1, 1, "file is empty");
	expect_error("title: [x\n", 2, 1, "YAML syntax error");
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
	expect_error("title: T\nsteps:\n" STEP "x: &a 1\ny: *a\n", 8, 4, "aliases");
	expect_error("title: T\n---\ntitle: U\n", 2, 1, "one YAML document");
	expect_error("title: T\nsteps: x\n", 2, 8, "must be a list");
	expect_error("title: [T]\nsteps:\n" STEP, 1, 8, "must be a single value");
}

static void test_limits(void **state)
{
	(void)state;
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
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
