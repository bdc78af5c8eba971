/* Every run command in every state of the run's interface, on a fake
 * clock: running, paused, a page over the routine (with and without a next
 * page), the quit question (asked while running or while paused), plain
 * mode, and over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "runcmd.h"
#include "timeline.h"

#define S(x) ((int64_t)(x) * 1000000000LL)

static void ignore(void *ctx, const struct player_event *ev)
{
	(void)ctx;
	(void)ev;
}

struct fixture {
	struct routine *r;
	struct timeline tl;
	struct player p;
	struct run_ui ui;
};

static const char *ROUTINE = "title: T\nrest: 5\nprepare: 0\nsteps:\n"
			     "  - {name: A, kind: breath, hold: 60, instructions: x}\n"
			     "  - {name: B, kind: pose, hold: 60, instructions: y}\n";

static struct fixture *setup(bool screen)
{
	static struct fixture f;
	struct diags d = {0};
	memset(&f, 0, sizeof(f));
	f.r = routine_parse(ROUTINE, strlen(ROUTINE), &d);
	assert_non_null(f.r);
	timeline_expand(f.r, &f.tl);
	player_init(&f.p, f.r, &f.tl, 1.0, ignore, NULL);
	player_start(&f.p, S(0));
	f.ui.screen = screen;
	return &f;
}

static void teardown(struct fixture *f)
{
	player_release(&f->p);
	timeline_release(&f->tl);
	routine_free(f->r);
}

static unsigned apply(struct fixture *f, enum run_cmd c, int64_t t)
{
	return run_ui_apply(&f->ui, &f->p, c, t);
}

/* Running and paused: the player's own commands; a spoken pause pauses and
 * never toggles, resume resumes and never toggles. */
static void test_running_and_paused(void **state)
{
	(void)state;
	struct fixture *f = setup(true);
	assert_int_equal(apply(f, RUN_CMD_RESUME, S(1)), 0);
	assert_false(f->p.paused);
	apply(f, RUN_CMD_PAUSE, S(1));
	assert_true(f->p.paused);
	apply(f, RUN_CMD_PAUSE, S(2)); /* again: still paused */
	assert_true(f->p.paused);
	apply(f, RUN_CMD_RESUME, S(3));
	assert_false(f->p.paused);
	apply(f, RUN_CMD_TOGGLE, S(3));
	assert_true(f->p.paused);
	apply(f, RUN_CMD_TOGGLE, S(4));
	assert_false(f->p.paused);
	int64_t left = player_segment_left_ms(&f->p, S(4));
	apply(f, RUN_CMD_PLUS, S(4));
	assert_int_equal(player_segment_left_ms(&f->p, S(4)), left + 10000);
	apply(f, RUN_CMD_MINUS, S(4));
	assert_int_equal(player_segment_left_ms(&f->p, S(4)), left);
	apply(f, RUN_CMD_NEXT, S(5));
	assert_int_equal(f->tl.segs[f->p.seg].type, SEG_REST);
	apply(f, RUN_CMD_BACK, S(6));
	assert_int_equal(f->p.seg, 0);
	apply(f, RUN_CMD_RESTART, S(7));
	assert_int_equal(f->p.seg_start, S(7));
	/* Commands for a state that is not there change nothing. */
	assert_int_equal(apply(f, RUN_CMD_PAGE, S(8)), 0);
	assert_int_equal(apply(f, RUN_CMD_CLOSE, S(8)), 0);
	assert_int_equal(apply(f, RUN_CMD_YES, S(8)), 0);
	assert_false(f->p.over);
	assert_int_equal(apply(f, RUN_CMD_NO, S(8)), 0);
	assert_int_equal(apply(f, RUN_CMD_NONE, S(8)), 0);
	apply(f, RUN_CMD_QUIT, S(9));
	assert_true(f->p.over);
	/* Over: nothing more. */
	assert_int_equal(apply(f, RUN_CMD_TOGGLE, S(10)), 0);
	assert_int_equal(apply(f, RUN_CMD_SAFETY, S(10)), 0);
	teardown(f);
}

/* A page over the routine: it pauses, a key puts it away and resumes what
 * it paused (not what was paused before); space turns its pages; q puts it
 * away and asks. */
static void test_pages(void **state)
{
	(void)state;
	struct fixture *f = setup(true);
	unsigned fx = apply(f, RUN_CMD_SAFETY, S(1));
	assert_true(fx & RUN_FX_SAY_SAFETY);
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_SAFETY);
	assert_true(f->p.paused);
	/* No next page: space puts it away like any key. */
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_PAUSE, ' '), RUN_CMD_CLOSE);
	f->ui.overlay_next = 7;
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_PAUSE, ' '), RUN_CMD_PAGE);
	assert_true(apply(f, RUN_CMD_PAGE, S(2)) & RUN_FX_REDRAW);
	assert_int_equal(f->ui.overlay_skip, 7);
	assert_true(f->p.paused);
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_NEXT, 'n'), RUN_CMD_CLOSE);
	fx = apply(f, RUN_CMD_CLOSE, S(3));
	assert_true(fx & RUN_FX_HUSH); /* the notes stop being read */
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_NONE);
	assert_false(f->p.paused);
	assert_int_equal(f->p.seg, 0); /* n only put the page away */

	/* Opened while paused: put away, still paused. */
	apply(f, RUN_CMD_TOGGLE, S(4));
	apply(f, RUN_CMD_KEYS, S(4));
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_KEYS);
	assert_false(apply(f, RUN_CMD_CLOSE, S(5)) & RUN_FX_HUSH);
	assert_true(f->p.paused);
	apply(f, RUN_CMD_TOGGLE, S(5));

	/* q over a page: put away, then asked, the routine waiting. */
	apply(f, RUN_CMD_KEYS, S(6));
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_QUIT, 'q'), RUN_CMD_ASK_QUIT);
	apply(f, RUN_CMD_ASK_QUIT, S(6));
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_NONE);
	assert_true(f->ui.asking);
	assert_true(f->p.paused);
	apply(f, RUN_CMD_NO, S(7));
	assert_false(f->p.paused);

	/* Another command (a spoken one) over a page: away, then done. */
	apply(f, RUN_CMD_KEYS, S(8));
	apply(f, RUN_CMD_NEXT, S(8));
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_NONE);
	assert_false(f->p.paused);
	assert_int_equal(f->tl.segs[f->p.seg].type, SEG_REST);
	teardown(f);
}

/* The quit question: the clock waits; y or q quits, anything else goes on
 * as it was (running again only if the question paused it). */
static void test_question(void **state)
{
	(void)state;
	struct fixture *f = setup(true);
	unsigned fx = apply(f, RUN_CMD_ASK_QUIT, S(1));
	assert_true(fx & RUN_FX_ASKED);
	assert_true(f->ui.asking && f->p.paused);
	int64_t left = player_segment_left_ms(&f->p, S(1));
	assert_int_equal(player_segment_left_ms(&f->p, S(30)), left); /* it waits */
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_NONE, 'y'), RUN_CMD_YES);
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_QUIT, 'q'), RUN_CMD_YES);
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_NEXT, 'n'), RUN_CMD_NO);
	assert_int_equal(run_cmd_for_key(&f->ui, KEY_PAUSE, ' '), RUN_CMD_NO);
	/* Any other command while asked is a no. */
	apply(f, RUN_CMD_NEXT, S(30));
	assert_false(f->ui.asking);
	assert_false(f->p.paused);
	assert_int_equal(f->p.seg, 0);

	/* Asked while paused: a no leaves it paused. */
	apply(f, RUN_CMD_TOGGLE, S(31));
	apply(f, RUN_CMD_ASK_QUIT, S(31));
	apply(f, RUN_CMD_NO, S(32));
	assert_true(f->p.paused);
	apply(f, RUN_CMD_ASK_QUIT, S(33));
	apply(f, RUN_CMD_YES, S(34));
	assert_true(f->p.over);
	teardown(f);
}

/* Plain mode: "?" and "s" print, and the routine goes on. */
static void test_plain(void **state)
{
	(void)state;
	struct fixture *f = setup(false);
	assert_int_equal(apply(f, RUN_CMD_KEYS, S(1)), RUN_FX_PRINT_KEYS);
	unsigned fx = apply(f, RUN_CMD_SAFETY, S(1));
	assert_true(fx & RUN_FX_PRINT_SAFETY);
	assert_true(fx & RUN_FX_SAY_SAFETY);
	assert_int_equal(f->ui.overlay, SCREEN_OVERLAY_NONE);
	assert_false(f->p.paused);
	assert_true(apply(f, RUN_CMD_ASK_QUIT, S(2)) & RUN_FX_ASKED);
	apply(f, RUN_CMD_YES, S(3));
	assert_true(f->p.over);
	teardown(f);
}

/* Keys: each maps to its command through the one table. */
static void test_keys(void **state)
{
	(void)state;
	struct run_ui ui = {.screen = true};
	static const struct {
		enum key_action a;
		enum run_cmd c;
	} map[] = {
		{KEY_PAUSE, RUN_CMD_TOGGLE}, {KEY_NEXT, RUN_CMD_NEXT},   {KEY_BACK, RUN_CMD_BACK},
		{KEY_RESTART, RUN_CMD_RESTART}, {KEY_PLUS, RUN_CMD_PLUS}, {KEY_MINUS, RUN_CMD_MINUS},
		{KEY_HELP, RUN_CMD_KEYS},      {KEY_SAFETY, RUN_CMD_SAFETY}, {KEY_QUIT, RUN_CMD_ASK_QUIT},
		{KEY_NONE, RUN_CMD_NONE},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		assert_int_equal(run_cmd_for_key(&ui, map[i].a, 'x'), map[i].c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_running_and_paused),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_question),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
