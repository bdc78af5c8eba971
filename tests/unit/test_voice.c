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

static const char *said(const struct player *p, enum player_event_type t, size_t seg, unsigned cue)
{
	static char out[VOICE_MAX];
	struct player_event ev = {.type = t, .seg = seg, .cue = cue};
	return voice_for_event(p, &ev, out, sizeof(out)) == 0 ? out : NULL;
}

static void test_what_is_said(void **state)
{
	(void)state;
	const char *y = "title: T\nrest: 5s\nprepare: 10s\npronounce: [{word: psoas, say: so-as}]\n"
			"steps:\n"
			"  - name: Psoas press\n    kind: massage\n    sides: both\n    hold: 45s\n"
			"    rest: 15s\n    instructions: Press gently on your PSOAS\n"
			"    exit: Let go slowly.\n    cues: [{at: -10s, say: Begin to let go.}]\n"
			"  - {name: Rest pose, kind: rest, hold: 1m30s, prepare: 0, instructions: Lie still.}\n";
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	struct timeline tl;
	struct player p;
	assert_non_null(r);
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	/* prep, hold L, switch, prep, hold R, rest, hold (no prepare) */
	assert_int_equal(tl.count, 7);
	assert_string_equal(said(&p, EV_SEGMENT_START, 0, 0),
			    "so-as press, left side. Press gently on your so-as."); /* spoken: case does not matter */
	assert_string_equal(said(&p, EV_SEGMENT_START, 1, 0), "Hold for 45 seconds.");
	assert_string_equal(said(&p, EV_CUE, 1, 0), "Begin to let go.");
	assert_null(said(&p, EV_TICK, 1, 3));
	assert_null(said(&p, EV_SEGMENT_END, 1, 0));
	assert_string_equal(said(&p, EV_SEGMENT_START, 2, 0),
			    "Let go slowly. Switch to the right side.");
	assert_string_equal(said(&p, EV_SEGMENT_START, 5, 0),
			    "Let go slowly. Rest for 15 seconds. Next: Rest pose.");
	assert_string_equal(said(&p, EV_SEGMENT_START, 6, 0),
			    "Rest pose. Lie still. Hold for 1 minute 30 seconds.");
	assert_string_equal(said(&p, EV_FINISHED, 6, 0),
			    "That is the end of the routine. Take your time before you get up.");
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
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
