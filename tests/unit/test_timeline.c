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
		"title: T\nrest: 10s\nprepare: 0\nsteps:\n"
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
	struct routine *r = load("title: T\nrest: 0\nprepare: 0\nsteps:\n"
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

static void test_prepare_and_lead_in(void **state)
{
	(void)state;
	/* The routine's prepare, a step's own, 0 for none; the first hold's
	 * prepare is at least the lead-in. */
	struct routine *r = load("title: T\nrest: 5s\nprepare: 8s\nsteps:\n"
				 "  - {name: A, kind: pose, sides: both, hold: 30s, instructions: x}\n"
				 "  - {name: B, kind: pose, hold: 20s, prepare: 0, instructions: y}\n"
				 "  - {name: C, kind: pose, hold: 10s, prepare: 15s, instructions: z}\n");
	struct timeline tl;
	timeline_expand(r, &tl);
	/* prep 10 (lead-in), A left 30, rest 5, prep 8, A right 30, rest 5,
	 * B 20, rest 5, prep 15, C 10. */
	enum seg_type want[] = {SEG_PREPARE, SEG_HOLD, SEG_REST, SEG_PREPARE, SEG_HOLD, SEG_REST,
				SEG_HOLD, SEG_REST, SEG_PREPARE, SEG_HOLD};
	unsigned dur[] = {10, 30, 5, 8, 30, 5, 20, 5, 15, 10};
	assert_int_equal(tl.count, 10);
	for (size_t i = 0; i < tl.count; i++) {
		assert_int_equal(tl.segs[i].type, want[i]);
		assert_int_equal(tl.segs[i].duration, dur[i]);
	}
	assert_int_equal(tl.segs[3].side, SIDE_RIGHT); /* the prepare is the hold's */
	assert_int_equal(tl.total, 138);
	assert_int_equal(routine_total(r), tl.total);
	assert_int_equal(tl.holds, 4);
	timeline_release(&tl);
	routine_free(r);

	/* A first prepare longer than the lead-in stays as it is; 0 stays 0. */
	r = load("title: T\nprepare: 0\nsteps:\n  - {name: A, kind: pose, hold: 30s, instructions: x}\n");
	assert_int_equal(routine_total(r), 30);
	routine_free(r);
	r = load("title: T\nsteps:\n  - {name: A, kind: pose, hold: 30s, prepare: 20s, instructions: x}\n");
	assert_int_equal(routine_total(r), 50);
	routine_free(r);
	/* The default prepare is ROUTINE_DEFAULT_PREPARE; the first is the lead-in. */
	r = load("title: T\nrest: 0\nsteps:\n  - {name: A, kind: pose, reps: 2, hold: 30s, instructions: x}\n");
	assert_int_equal(routine_total(r), ROUTINE_LEAD_IN + 30 + ROUTINE_DEFAULT_PREPARE + 30);
	routine_free(r);
}

static void test_cues_from_the_end(void **state)
{
	(void)state;
	/* "-20s" is 20 s before the end; cues are put in time order. */
	const char *bad = "title: T\nsteps:\n  - name: A\n    kind: pose\n    hold: 1m\n"
			  "    instructions: x\n    cues:\n      - {at: -1m, say: never}\n";
	struct diags d = {0};
	/* -1m of a 1m hold is its very start: outside, as 1m would be. */
	assert_null(routine_parse(bad, strlen(bad), &d));
	assert_string_equal(d.items[0].msg, "cue at -1m is not within the hold of 1m");
	assert_int_equal(d.items[0].line, 8);
	diags_release(&d);
	struct routine *r = load("title: T\nequipment: [ball, wall]\npronounce: [{word: psoas, say: so-as}]\n"
		 "steps:\n  - name: A\n    kind: pose\n    hold: 1m\n"
		 "    instructions: x\n    exit: Roll off slowly.\n    cues:\n"
		 "      - {at: -20s, say: Late.}\n      - {at: 10s, say: Early.}\n");
	assert_non_null(r);
	assert_string_equal(r->steps[0].cues[0].say, "Early.");
	assert_int_equal(r->steps[0].cues[0].at, 10);
	assert_string_equal(r->steps[0].cues[1].say, "Late.");
	assert_int_equal(r->steps[0].cues[1].at, 40);
	assert_true(r->steps[0].cues[1].from_end);
	assert_string_equal(r->steps[0].exit, "Roll off slowly.");
	assert_int_equal(r->equipment_count, 2);
	assert_string_equal(r->pronounce[0].say, "so-as");
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sides_reps_rests),
		cmocka_unit_test(test_zero_rest_and_last),
		cmocka_unit_test(test_prepare_and_lead_in),
		cmocka_unit_test(test_cues_from_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
