/* What is said aloud for each event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "voice.h"

static void ignore(void *ctx, const struct player_event *ev)
{
	(void)ctx;
	(void)ev;
}

/* The words for an event at the nominal time it happens, nothing said
 * before it. */
static const char *said(const struct player *p, enum player_event_type t, size_t seg, unsigned cue)
{
	static char out[VOICE_MAX];
	const struct segment *g = &p->tl->segs[seg];
	int64_t at = (int64_t)g->start * 1000000000LL;
	struct voice v;

	voice_init(&v, 0);
	if (t == EV_CUE)
		at += (int64_t)p->r->steps[g->step].cues[cue].at * 1000000000LL;
	if (t == EV_FINISHED)
		at = (int64_t)p->tl->total * 1000000000LL;
	struct player_event ev = {.type = t, .seg = seg, .cue = cue, .time = at};
	return voice_for_event(&v, p, &ev, out, sizeof(out)) == 0 ? out : NULL;
}

static struct routine *parse(const char *y)
{
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	assert_int_equal(d.count, 0);
	diags_release(&d);
	assert_non_null(r);
	return r;
}

static void test_what_is_said(void **state)
{
	(void)state;
	struct routine *r = parse(
		"title: T\nrest: 5s\nprepare: 10s\npronounce: [{word: psoas, say: so-as}]\n"
		"steps:\n"
		"  - name: Psoas press\n    kind: massage\n    sides: both\n    hold: 45s\n"
		"    rest: 15s\n    instructions: Press gently on your {side} PSOAS\n"
		"    exit: Let go slowly.\n    cues: [{at: -10s, say: Begin to let go.}]\n"
		"  - {name: Rest pose, kind: rest, hold: 1m30s, prepare: 0, instructions: Lie still.}\n");
	struct timeline tl;
	struct player p;
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	/* prep, hold L, switch, prep, hold R, rest, hold (no prepare) */
	assert_int_equal(tl.count, 7);
	assert_string_equal(said(&p, EV_SEGMENT_START, 0, 0),
			    "so-as press, left side. Press gently on your left so-as."); /* spoken: case does not matter */
	assert_string_equal(said(&p, EV_SEGMENT_START, 1, 0), "Stay here for 45 seconds.");
	assert_string_equal(said(&p, EV_CUE, 1, 0), "Begin to let go.");
	assert_null(said(&p, EV_TICK, 1, 3));
	assert_null(said(&p, EV_SEGMENT_END, 1, 0));
	assert_string_equal(said(&p, EV_SEGMENT_START, 2, 0),
			    "Let go slowly. Switch to the right side.");
	assert_string_equal(said(&p, EV_SEGMENT_START, 3, 0),
			    "so-as press, right side. Press gently on your right so-as.");
	assert_string_equal(said(&p, EV_SEGMENT_START, 5, 0),
			    "Let go slowly. Rest for 15 seconds. Next: Rest pose.");
	assert_string_equal(said(&p, EV_SEGMENT_START, 6, 0),
			    "Rest pose. Lie still. Rest for 1 minute 30 seconds.");
	assert_string_equal(said(&p, EV_FINISHED, 6, 0),
			    "That is the end of the routine. Take your time before you get up.");
	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

/* A hold never says "hold": after "breathe out" it means hold your breath. */
static void test_hold_line_by_kind(void **state)
{
	(void)state;
	char buf[128];
	assert_string_equal(voice_hold_line(KIND_POSE, 180, buf, sizeof(buf)),
			    "Stay here for 3 minutes.");
	assert_string_equal(voice_hold_line(KIND_MASSAGE, 45, buf, sizeof(buf)),
			    "Stay here for 45 seconds.");
	assert_string_equal(voice_hold_line(KIND_BREATH, 90, buf, sizeof(buf)),
			    "Breathe like this for 1 minute 30 seconds.");
	assert_string_equal(voice_hold_line(KIND_REST, 60, buf, sizeof(buf)), "Rest for 1 minute.");

	struct routine *r = parse("title: T\nsteps:\n"
				  "  - {name: A, kind: pose, hold: 30s, instructions: Sit.}\n"
				  "  - {name: B, kind: breath, hold: 2m, instructions: Breathe out long.}\n"
				  "  - {name: C, kind: massage, hold: 1m, instructions: Press.}\n"
				  "  - {name: D, kind: rest, hold: 20s, instructions: Lie still.}\n");
	struct timeline tl;
	struct player p;
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	const char *want[] = {"Stay here for 30 seconds.", "Breathe like this for 2 minutes.",
			      "Stay here for 1 minute.", "Rest for 20 seconds."};
	unsigned k = 0;
	for (size_t i = 0; i < tl.count; i++) {
		if (tl.segs[i].type != SEG_HOLD)
			continue;
		const char *w = said(&p, EV_SEGMENT_START, i, 0);
		assert_non_null(w);
		assert_string_equal(w, want[k++]);
		assert_null(strstr(w, "Hold"));
	}
	assert_int_equal(k, 4);
	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

/* The player's own words give way: never cut the routine's, never left
 * to be cut by the next. */
static void test_own_words_give_way(void **state)
{
	(void)state;
	struct routine *r = parse(
		"title: T\nsteps:\n"
		"  - name: Lunge\n    kind: pose\n    sides: both\n    hold: 30s\n    rest: 3s\n"
		"    prepare: 10s\n    instructions: Step your {side} foot forward.\n"
		"    exit: Step back, slowly.\n"
		"    cues: [{at: 2s, say: Breathe.}]\n"
		"  - {name: Twist, kind: pose, hold: 30s, rest: 5s, prepare: 10s, instructions: Turn.,"
		" exit: Come back to the middle and let your arms rest.}\n"
		"  - {name: End, kind: rest, hold: 30s, instructions: Lie down.}\n");
	struct timeline tl;
	struct player p;
	char out[VOICE_MAX];
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	/* 3 s of switch rest: the exit, and no room for "Switch to the right side". */
	assert_string_equal(said(&p, EV_SEGMENT_START, 2, 0), "Step back, slowly.");
	/* A cue 2 s in: "Stay here for 30 seconds." would be cut, so it goes. */
	assert_null(said(&p, EV_SEGMENT_START, 1, 0));
	/* 5 s of rest after a long exit: "Rest." fits, "Next: End" does not. */
	size_t rest = 8;
	assert_int_equal(tl.segs[rest].type, SEG_REST);
	assert_string_equal(said(&p, EV_SEGMENT_START, rest, 0),
			    "Come back to the middle and let your arms rest. Rest.");

	/* The instructions still being said: the hold's line waits its turn
	 * by leaving it out; the routine's own words are said regardless. */
	struct voice v;
	voice_init(&v, 0);
	int64_t hold = (int64_t)tl.segs[7].start * 1000000000LL;
	v.busy_until = hold + 2000000000LL;
	struct player_event ev = {.type = EV_SEGMENT_START, .seg = 7, .time = hold};
	assert_int_equal(voice_for_event(&v, &p, &ev, out, sizeof(out)), -1);
	ev = (struct player_event){.type = EV_SEGMENT_START, .seg = rest,
				   .time = (int64_t)tl.segs[rest].start * 1000000000LL};
	v.busy_until = ev.time + 1000000000LL;
	assert_int_equal(voice_for_event(&v, &p, &ev, out, sizeof(out)), 0);
	assert_string_equal(out, "Come back to the middle and let your arms rest. Rest.");
	/* What it said is what keeps it busy now. */
	assert_true(v.busy_until > ev.time + 2000000000LL);
	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

/* end: quiet says no closing words. */
static void test_quiet_end(void **state)
{
	(void)state;
	struct routine *r = parse("title: T\nend: quiet\nsteps:\n"
				  "  - {name: A, kind: rest, hold: 30s, instructions: Drift.}\n");
	struct timeline tl;
	struct player p;
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	assert_null(said(&p, EV_FINISHED, 1, 0));
	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

static void test_words(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(voice_duration(45, buf, sizeof(buf)), "45 seconds");
	assert_string_equal(voice_duration(61, buf, sizeof(buf)), "1 minute 1 second");
	assert_string_equal(voice_duration(3600, buf, sizeof(buf)), "1 hour");
	assert_string_equal(voice_duration(0, buf, sizeof(buf)), "0 seconds");
	/* Control characters never reach the speech engine either. */
	struct routine r = {0};
	assert_string_equal(voice_pronounce(&r, "a\033[31mb", buf, sizeof(buf)), "a[31mb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_what_is_said),
		cmocka_unit_test(test_hold_line_by_kind),
		cmocka_unit_test(test_own_words_give_way),
		cmocka_unit_test(test_quiet_end),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
