#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "timeline.h"

static struct routine *load(const char *y)
{
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	if (r == NULL)
		fail_msg("%u:%u: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
	return r;
}

static void test_sides_reps_rests(void **state)
{
	(void)state;
	struct routine *r = load(
		"title: T\nrest: 10s\nsteps:\n"
		"  - {name: A, kind: breath, hold: 60, instructions: x}\n"
		"  - {name: B, kind: pose, sides: both, reps: 2, hold: 30, rest: 5, instructions: x}\n"
		"  - {name: C, kind: rest, hold: 2m, instructions: x}\n");
	struct timeline tl;
	timeline_expand(r, &tl);
	/* A, rest10, B-L1, r5, B-L2, r5(switch), B-R1, r5, B-R2, r5, C */
	assert_int_equal(tl.count, 11);
	assert_int_equal(tl.holds, 6);
	assert_int_equal(tl.segs[0].type, SEG_HOLD);
	assert_int_equal(tl.segs[1].type, SEG_REST);
	assert_int_equal(tl.segs[1].duration, 10);
	assert_int_equal(tl.segs[2].side, SIDE_LEFT);
	assert_int_equal(tl.segs[2].rep, 1);
	assert_int_equal(tl.segs[4].rep, 2);
	assert_false(tl.segs[3].switch_sides);
	assert_true(tl.segs[5].switch_sides);
	assert_int_equal(tl.segs[6].side, SIDE_RIGHT);
	assert_int_equal(tl.segs[10].step, 2);
	assert_int_equal(tl.segs[10].start, 60 + 10 + 4 * 30 + 4 * 5);
	/* 60 + 10 + 4*30 + 4*5 + 120 */
	assert_int_equal(tl.total, 330);
	assert_int_equal(routine_total(r), tl.total);
	char label[64];
	assert_string_equal(segment_label(r, &tl, 0, label, sizeof(label)), "A");
	assert_string_equal(segment_label(r, &tl, 4, label, sizeof(label)), "B, left side, 2 of 2");
	assert_int_equal(timeline_next_hold(&tl, 0), 2);  /* over the rest */
	assert_int_equal(timeline_next_hold(&tl, 4), 6);  /* over the switch */
	assert_int_equal(timeline_next_hold(&tl, 10), TIMELINE_NONE);
	for (size_t i = 1; i < tl.count; i++)
		assert_int_equal(tl.segs[i].start, tl.segs[i - 1].start + tl.segs[i - 1].duration);
	timeline_release(&tl);
	routine_free(r);
}

static void test_zero_rest_and_last(void **state)
{
	(void)state;
	struct routine *r = load("title: T\nrest: 0\nsteps:\n"
				 "  - {name: A, kind: pose, sides: left, hold: 10, instructions: x}\n"
				 "  - {name: B, kind: pose, sides: both, hold: 10, rest: 3, instructions: x}\n");
	struct timeline tl;
	timeline_expand(r, &tl);
	/* A-L (no rest), B-L, r3 switch, B-R (last: no rest) */
	assert_int_equal(tl.count, 4);
	assert_int_equal(tl.segs[0].side, SIDE_LEFT);
	assert_true(tl.segs[2].switch_sides);
	assert_int_equal(tl.segs[3].type, SEG_HOLD);
	assert_int_equal(tl.total, 33);
	assert_int_equal(routine_total(r), 33);
	timeline_release(&tl);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sides_reps_rests),
		cmocka_unit_test(test_zero_rest_and_last),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
