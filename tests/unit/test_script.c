/* Everything a run says, when, and the warnings for words that will not
 * end before the next are due. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "script.h"

static const char yaml[] =
	"title: T\n"                                                     /* 1 */
	"prepare: 10s\n"                                                 /* 2 */
	"rest: 5s\n"                                                     /* 3 */
	"steps:\n"                                                       /* 4 */
	"  - name: Reach\n"                                              /* 5 */
	"    kind: pose\n"                                               /* 6 */
	"    sides: both\n"                                              /* 7 */
	"    hold: 20s\n"                                                /* 8 */
	"    instructions: Reach your {side} arm up.\n"                  /* 9 */
	"    exit: Lower your {side} arm.\n"                             /* 10 */
	"    cues:\n"                                                    /* 11 */
	"      - at: -4s\n"                                              /* 12 */
	"        say: Let it go, slowly, and feel your shoulders drop all the way down.\n"
	"      - at: 8s\n"                                               /* 14 */
	"        say: Breathe.\n"                                        /* 15 */
	"  - name: Lie down\n"                                           /* 16 */
	"    kind: rest\n"                                               /* 17 */
	"    prepare: 3s\n"                                              /* 18 */
	"    hold: 30s\n"                                                /* 19 */
	"    instructions: Lie down on your back and let your whole body grow heavy and still.\n"
	"    cues: [{at: 1s, say: Rest.}]\n";

static struct routine *parse(void)
{
	struct diags d = {0};
	struct routine *r = routine_parse(yaml, strlen(yaml), &d);
	assert_int_equal(d.count, 0);
	diags_release(&d);
	assert_non_null(r);
	return r;
}

static void test_script(void **state)
{
	(void)state;
	struct routine *r = parse();
	struct timeline tl;
	struct script s;

	timeline_expand(r, &tl);
	script_build(r, &tl, 0, &s);
	/* prepare L, hold L, cue, cue, switch, prepare R, hold R, cue, cue,
	 * rest, prepare, hold */
	assert_true(s.count >= 10);
	assert_int_equal(s.items[0].at_ms, 0);
	assert_string_equal(s.items[0].text, "Reach, left side. Reach your left arm up.");
	assert_int_equal(s.items[0].source, UTTER_INSTRUCTIONS);
	assert_int_equal(s.items[0].next_ms, 10000);
	assert_string_equal(s.items[1].text, "Stay here for 20 seconds.");
	assert_int_equal(s.items[1].source, UTTER_PLAYER);
	assert_int_equal(s.items[2].at_ms, 18000);
	assert_string_equal(s.items[2].text, "Breathe.");
	assert_int_equal(s.items[2].source, UTTER_CUE);
	assert_int_equal(s.items[2].cue, 1); /* its place in the file, not in time */
	assert_int_equal(s.items[3].at_ms, 26000);
	assert_int_equal(s.items[3].cue, 0);
	assert_int_equal(s.items[4].at_ms, 30000);
	assert_int_equal(s.items[4].source, UTTER_EXIT);
	assert_string_equal(s.items[4].text, "Lower your left arm. Switch to the right side.");
	assert_string_equal(s.items[5].text, "Reach, right side. Reach your right arm up.");
	for (size_t i = 0; i + 1 < s.count; i++) {
		assert_int_equal(s.items[i].next_ms, s.items[i + 1].at_ms);
		assert_true(s.items[i].said_ms > 0);
	}
	assert_int_equal(s.items[s.count - 1].next_ms, SCRIPT_NONE);
	/* The closing cue (26 s) runs into the exit at 30 s. */
	assert_false(utterance_fits(&s.items[3]));
	assert_true(utterance_fits(&s.items[2]));
	script_release(&s);
	timeline_release(&tl);
	routine_free(r);
}

static void test_warnings(void **state)
{
	(void)state;
	struct routine *r = parse();
	struct diags d = {0};

	script_check(yaml, strlen(yaml), r, 0, &d);
	/* The long cue, once for both sides; and the rest step's
	 * instructions in 3 s of prepare, cut by its cue 1 s in. */
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].line, 13);
	assert_int_equal(d.items[0].col, 14);
	assert_non_null(strstr(d.items[0].msg, "warning: "));
	assert_int_equal(d.items[1].line, 20);
	assert_int_equal(d.items[1].col, 19);
	diags_release(&d);
	/* Slower speech makes more of them overrun; much faster, none. */
	script_check(yaml, strlen(yaml), r, 100, &d);
	assert_int_equal(d.count, 0);
	diags_release(&d);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_warnings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
