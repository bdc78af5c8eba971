/* The player with a fake clock: every call gets the time as an argument. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "player.h"

#define S(x) ((int64_t)(x) * 1000000000LL)
#define MAX_EVENTS 512

struct rec {
	struct player_event ev[MAX_EVENTS];
	size_t n;
};

static void record(void *ctx, const struct player_event *ev)
{
	struct rec *r = ctx;
	assert_true(r->n < MAX_EVENTS);
	r->ev[r->n++] = *ev;
}

struct fixture {
	struct routine *r;
	struct timeline tl;
	struct player p;
	struct rec rec;
};

static struct fixture *setup_with(const char *yaml, double speed)
{
	static struct fixture f;
	struct diags d = {0};
	memset(&f, 0, sizeof(f));
	f.r = routine_parse(yaml, strlen(yaml), &d);
	if (f.r == NULL)
		fail_msg("%s", d.items[0].msg);
	timeline_expand(f.r, &f.tl);
	player_init(&f.p, f.r, &f.tl, speed, record, &f.rec);
	return &f;
}

static void teardown_fixture(struct fixture *f)
{
	player_release(&f->p);
	timeline_release(&f->tl);
	routine_free(f->r);
}

/* A: 10 s with a cue at 4 s; rest 5; B both sides 20 s, rest 3 between. */
static const char *ROUTINE =
	"title: T\nrest: 5\nprepare: 0\nsteps:\n"
	"  - {name: A, kind: breath, hold: 10, instructions: x, cues: [{at: 4, say: Soften.}]}\n"
	"  - {name: B, kind: pose, sides: both, hold: 20, rest: 3, instructions: y}\n";

static size_t count(const struct rec *r, enum player_event_type t)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->ev[i].type == t;
	return n;
}

static void test_plays_through(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	int64_t t0 = S(1000);
	player_start(&f->p, t0);
	assert_int_equal(f->rec.ev[0].type, EV_SEGMENT_START);
	assert_int_equal(player_next_deadline(&f->p), t0 + S(4)); /* the cue */
	player_tick(&f->p, t0 + S(4) - 1);
	assert_int_equal(count(&f->rec, EV_CUE), 0);
	player_tick(&f->p, t0 + S(4));
	assert_int_equal(count(&f->rec, EV_CUE), 1);
	/* Then a tick for each of the last three seconds, then the end. */
	assert_int_equal(player_next_deadline(&f->p), t0 + S(7));
	player_tick(&f->p, t0 + S(9));
	assert_int_equal(count(&f->rec, EV_TICK), 3);
	assert_int_equal(f->rec.ev[f->rec.n - 1].cue, 1); /* one second left */
	assert_int_equal(f->rec.ev[f->rec.n - 1].time, t0 + S(9));
	assert_int_equal(player_next_deadline(&f->p), t0 + S(10));
	/* Late by 2.5 s: the rest still starts at its deadline, not at now. */
	player_tick(&f->p, t0 + S(12) + S(1) / 2);
	assert_int_equal(f->p.seg, 1);
	assert_int_equal(f->p.seg_start, t0 + S(10));
	assert_int_equal(player_next_deadline(&f->p), t0 + S(15));
	/* Everything at once, long after the end: all events, in order. */
	player_tick(&f->p, t0 + S(1000));
	assert_true(f->p.over);
	assert_int_equal(f->rec.ev[f->rec.n - 1].type, EV_FINISHED);
	assert_true(f->p.completed);
	assert_int_equal(f->rec.ev[f->rec.n - 1].time, t0 + S(10 + 5 + 20 + 3 + 20));
	assert_int_equal(count(&f->rec, EV_SEGMENT_START), 5);
	assert_int_equal(count(&f->rec, EV_TICK), 9); /* three a hold */
	struct player_tally t = player_tally(&f->p);
	assert_int_equal(t.holds, 3);
	assert_int_equal(t.done, 3);
	assert_int_equal(t.skipped, 0);
	assert_int_equal(player_next_deadline(&f->p), PLAYER_NEVER);
	teardown_fixture(f);
}

static void test_sides_and_switch(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	player_tick(&f->p, S(58));
	/* A, rest, B left, switch, B right */
	const struct segment *segs = f->tl.segs;
	assert_int_equal(segs[2].side, SIDE_LEFT);
	assert_true(segs[3].switch_sides);
	assert_int_equal(segs[4].side, SIDE_RIGHT);
	struct notice n;
	struct player_event ev = {.type = EV_SEGMENT_START, .seg = 3};
	assert_int_equal(notice_for_event(&f->p, &ev, NULL, &n), 0);
	assert_string_equal(n.summary, "Switch to the right side");
	assert_string_equal(n.body, "Next: B, right side, 20s. Rest for 3s.");
	ev.seg = 1;
	notice_for_event(&f->p, &ev, NULL, &n);
	assert_string_equal(n.summary, "Next: B, left side, 20s");
	ev.type = EV_CUE;
	assert_int_equal(notice_for_event(&f->p, &ev, NULL, &n), -1);
	teardown_fixture(f);
}

static void test_pause_resume(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	player_command(&f->p, PLAYER_PAUSE, S(2));
	assert_true(f->p.paused);
	assert_int_equal(player_next_deadline(&f->p), PLAYER_NEVER);
	assert_int_equal(player_segment_left_ms(&f->p, S(30)), 8000);
	player_tick(&f->p, S(60)); /* nothing happens while paused */
	assert_int_equal(count(&f->rec, EV_CUE), 0);
	player_command(&f->p, PLAYER_PAUSE, S(62));
	assert_false(f->p.paused);
	/* 60 s paused: the cue moves from 4 s to 64 s, the end to 70 s. */
	assert_int_equal(player_next_deadline(&f->p), S(64));
	player_tick(&f->p, S(70));
	assert_int_equal(f->p.seg, 1);
	assert_int_equal(count(&f->rec, EV_PAUSED), 1);
	assert_int_equal(count(&f->rec, EV_RESUMED), 1);
	teardown_fixture(f);
}

static void test_next_back_ends(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	/* Back at the very first hold restarts it. */
	player_command(&f->p, PLAYER_BACK, S(3));
	assert_int_equal(f->p.seg, 0);
	assert_int_equal(f->p.seg_start, S(3));
	player_command(&f->p, PLAYER_NEXT, S(5)); /* skip A */
	assert_int_equal(f->p.seg, 1);
	assert_int_equal(f->p.seg_start, S(5));
	player_command(&f->p, PLAYER_NEXT, S(6)); /* skip the rest */
	assert_int_equal(f->p.seg, 2);
	player_command(&f->p, PLAYER_BACK, S(7)); /* from B left back to A */
	assert_int_equal(f->p.seg, 0);
	player_tick(&f->p, S(17)); /* A runs to its end this time */
	assert_int_equal(f->p.seg, 1);
	player_command(&f->p, PLAYER_BACK, S(18)); /* from a rest: the hold before */
	assert_int_equal(f->p.seg, 0);
	player_command(&f->p, PLAYER_NEXT, S(19));
	player_command(&f->p, PLAYER_NEXT, S(19));
	player_command(&f->p, PLAYER_NEXT, S(19));
	player_command(&f->p, PLAYER_NEXT, S(19));
	assert_int_equal(f->p.seg, 4);
	player_command(&f->p, PLAYER_NEXT, S(20)); /* next at the last: the end */
	assert_true(f->p.over);
	assert_int_equal(f->rec.ev[f->rec.n - 1].type, EV_FINISHED);
	struct player_tally t = player_tally(&f->p);
	assert_int_equal(t.done, 1);    /* A, the second time */
	assert_int_equal(t.skipped, 2); /* B left and right */
	player_command(&f->p, PLAYER_NEXT, S(21)); /* nothing after the end */
	assert_true(f->p.over);
	teardown_fixture(f);
}

static void test_plus_minus_restart(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	player_command(&f->p, PLAYER_PLUS, S(1));
	assert_int_equal(player_segment_left_ms(&f->p, S(1)), 19000);
	/* The event says which way (plain mode says "longer" or "shorter"). */
	assert_int_equal(f->rec.ev[f->rec.n - 1].type, EV_ADJUSTED);
	assert_int_equal(f->rec.ev[f->rec.n - 1].cue, 1);
	player_tick(&f->p, S(19));
	assert_int_equal(f->p.seg, 0);
	size_t before = f->rec.n;
	player_command(&f->p, PLAYER_MINUS, S(19));
	assert_int_equal(f->rec.ev[before].type, EV_ADJUSTED);
	assert_int_equal(f->rec.ev[before].cue, 0);
	/* Taking off more than is left ends the hold now, not in the past. */
	assert_int_equal(f->p.seg, 1);
	assert_int_equal(f->p.seg_start, S(19));
	player_command(&f->p, PLAYER_RESTART, S(21));
	assert_int_equal(f->p.seg_start, S(21));
	assert_int_equal(player_segment_left_ms(&f->p, S(21)), 5000);
	player_command(&f->p, PLAYER_MINUS, S(21));
	assert_int_equal(f->p.seg, 2); /* the 5 s rest is over */
	teardown_fixture(f);
}

/* '-' never takes time from the next segment: not a second press in the
 * same moment, not a press that arrives just after the deadline. */
static void test_minus_spares_the_next(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	/* 4 s left of A: two presses at once end A; the second does nothing. */
	player_command(&f->p, PLAYER_MINUS, S(6));
	player_command(&f->p, PLAYER_MINUS, S(6));
	assert_int_equal(f->p.seg, 1);
	assert_int_equal(f->p.seg_start, S(6));
	assert_int_equal(player_segment_left_ms(&f->p, S(6)), 5000);
	/* A press 0.2 s after the rest ended, before anyone saw it end. */
	player_command(&f->p, PLAYER_MINUS, S(11) + S(1) / 5);
	assert_int_equal(f->p.seg, 2);
	assert_int_equal(f->p.seg_start, S(11));
	assert_int_equal(player_segment_left_ms(&f->p, S(11) + S(1) / 5), 19800);
	/* After the first second it works as ever. */
	player_command(&f->p, PLAYER_MINUS, S(13));
	assert_int_equal(player_segment_left_ms(&f->p, S(13)), 8000);
	/* And a segment entered by 'n' takes it at once. */
	player_command(&f->p, PLAYER_NEXT, S(14));
	player_command(&f->p, PLAYER_PLUS, S(14));
	player_command(&f->p, PLAYER_MINUS, S(14));
	assert_int_equal(player_segment_left_ms(&f->p, S(14)), 3000);
	teardown_fixture(f);
}

/* 'n' while getting ready starts the hold at once, with its full length. */
static void test_next_during_prepare(void **state)
{
	(void)state;
	struct fixture *f = setup_with(
		"title: T\nrest: 0\nprepare: 0\nsteps:\n"
		"  - {name: A, kind: pose, hold: 30, prepare: 15, instructions: x}\n", 1.0);
	player_start(&f->p, 0);
	assert_int_equal(f->tl.segs[f->p.seg].type, SEG_PREPARE);
	player_command(&f->p, PLAYER_NEXT, S(2));
	assert_int_equal(f->tl.segs[f->p.seg].type, SEG_HOLD);
	assert_int_equal(f->p.seg_start, S(2));
	assert_int_equal(player_segment_left_ms(&f->p, S(2)), 30000);
	assert_int_equal(player_tally(&f->p).skipped, 0); /* the prepare is no hold */
	teardown_fixture(f);
}

static void test_quit(void **state)
{
	(void)state;
	struct fixture *f = setup_with(ROUTINE, 1.0);
	player_start(&f->p, 0);
	player_tick(&f->p, S(12));
	player_command(&f->p, PLAYER_QUIT, S(13));
	assert_true(f->p.over);
	assert_int_equal(f->rec.ev[f->rec.n - 1].type, EV_QUIT);
	assert_false(f->p.completed);
	assert_int_equal(f->p.ended_at, S(13));
	assert_int_equal(player_tally(&f->p).done, 1);
	assert_int_equal(player_next_deadline(&f->p), PLAYER_NEVER);
	teardown_fixture(f);
}

static void test_no_drift_and_speed(void **state)
{
	(void)state;
	/* 60 one-second holds with no rest, ticked 3 ms late every time. */
	char yaml[8192] = "title: T\nrest: 0\nprepare: 0\nsteps:\n";
	for (int i = 0; i < 60; i++)
		strcat(yaml, "  - {name: H, kind: pose, hold: 1, instructions: x}\n");
	struct fixture *f = setup_with(yaml, 1.0);
	int64_t now = S(5);
	player_start(&f->p, now);
	while (!f->p.over) {
		now = player_next_deadline(&f->p) + 3000000; /* 3 ms late */
		player_tick(&f->p, now);
	}
	assert_int_equal(f->p.ended_at, S(5) + S(60)); /* exact: no drift */
	teardown_fixture(f);

	/* At speed 50 the same routine takes 1.2 s. */
	f = setup_with(yaml, 50.0);
	player_start(&f->p, 0);
	player_tick(&f->p, S(2));
	assert_true(f->p.over);
	assert_int_equal(f->p.ended_at, 1200000000LL);
	teardown_fixture(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plays_through),
		cmocka_unit_test(test_sides_and_switch),
		cmocka_unit_test(test_pause_resume),
		cmocka_unit_test(test_next_back_ends),
		cmocka_unit_test(test_plus_minus_restart),
		cmocka_unit_test(test_minus_spares_the_next),
		cmocka_unit_test(test_next_during_prepare),
		cmocka_unit_test(test_quit),
		cmocka_unit_test(test_no_drift_and_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
