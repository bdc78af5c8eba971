/* The plan of an export: a chapter where each step played begins (each
 * side and rep, from the time to get into position), the end, the times as Vorbis comments and cue
 * sheets write them, and the cue sheet and description texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

#define S 1000000000LL

struct driven {
	struct export_plan *plan;
	struct player *p;
};

static void to_plan(void *ctx, const struct player_event *ev)
{
	struct driven *d = ctx;
	export_add_event(d->plan, d->p, ev);
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

/* The player from deadline to deadline, as the export's virtual clock. */
static void play(struct routine *r, struct timeline *tl, struct export_plan *plan)
{
	struct player p;
	struct driven d = {plan, &p};
	timeline_expand(r, tl);
	player_init(&p, r, tl, 1.0, to_plan, &d);
	player_start(&p, 0);
	while (!p.over && player_next_deadline(&p) != PLAYER_NEVER)
		player_tick(&p, player_next_deadline(&p));
	player_release(&p);
}

static void test_chapters(void **state)
{
	(void)state;
	struct routine *r = parse(
		"title: T\nrest: 5s\nprepare: 10s\n"
		"steps:\n"
		"  - {name: Psoas press, kind: massage, sides: both, hold: 45s, rest: 15s,\n"
		"     instructions: Press gently.}\n"
		"  - {name: \"Breathe \\\"slowly\\\"\", kind: breath, hold: 30s, reps: 2, rest: 5s,\n"
		"     prepare: 0, instructions: Breathe.}\n"
		"  - {name: Rest pose, kind: rest, hold: 1m, prepare: 5s, instructions: Lie still.}\n");
	struct timeline tl;
	struct export_plan plan = {0};
	play(r, &tl, &plan);
	/* One per step played (each side and rep), from its prepare. */
	assert_int_equal(plan.nchapters, 5);
	assert_string_equal(plan.chapters[0].name, "Psoas press, left side");
	assert_int_equal(plan.chapters[0].at, 0);
	/* prepare 10 + 45, the switch 15, then the right side's prepare. */
	assert_string_equal(plan.chapters[1].name, "Psoas press, right side");
	assert_int_equal(plan.chapters[1].at, (10 + 45 + 15) * S);
	/* + prepare 10 + 45 + rest 15; no prepare: from the hold. */
	assert_string_equal(plan.chapters[2].name, "Breathe \"slowly\", 1 of 2");
	assert_int_equal(plan.chapters[2].at, 140 * S);
	assert_string_equal(plan.chapters[3].name, "Breathe \"slowly\", 2 of 2");
	assert_int_equal(plan.chapters[3].at, (140 + 30 + 5) * S);
	/* + 30 + rest 5, the prepare 5 before the last hold of 60. */
	assert_string_equal(plan.chapters[4].name, "Rest pose");
	assert_int_equal(plan.chapters[4].at, (int64_t)tl.total * S - (5 + 60) * S);
	assert_int_equal(plan.chapters[4].at, 210 * S);
	assert_int_equal(plan.end, (int64_t)tl.total * S);

	char t[32];
	assert_string_equal(export_chapter_time(plan.chapters[2].at, t, sizeof(t)), "00:02:20.000");
	char *sheet = export_cue_sheet(&plan, "T \"x\"\x01", "t.flac");
	assert_string_equal(sheet,
			    "REM COMMENT \"selfcare\"\n"
			    "TITLE \"T 'x'\"\n"
			    "FILE \"t.flac\" WAVE\n"
			    "  TRACK 01 AUDIO\n    TITLE \"Psoas press, left side\"\n    INDEX 01 00:00:00\n"
			    "  TRACK 02 AUDIO\n    TITLE \"Psoas press, right side\"\n    INDEX 01 01:10:00\n"
			    "  TRACK 03 AUDIO\n    TITLE \"Breathe 'slowly', 1 of 2\"\n    INDEX 01 02:20:00\n"
			    "  TRACK 04 AUDIO\n    TITLE \"Breathe 'slowly', 2 of 2\"\n    INDEX 01 02:55:00\n"
			    "  TRACK 05 AUDIO\n    TITLE \"Rest pose\"\n    INDEX 01 03:30:00\n");
	free(sheet);
	export_plan_release(&plan);
	assert_int_equal(plan.nchapters, 0);
	timeline_release(&tl);
	routine_free(r);
}

static void test_times(void **state)
{
	(void)state;
	char t[32];
	assert_string_equal(export_chapter_time(0, t, sizeof(t)), "00:00:00.000");
	assert_string_equal(export_chapter_time(3723 * S + 456789000, t, sizeof(t)), "01:02:03.457");
	assert_string_equal(export_cue_time(0, t, sizeof(t)), "00:00:00");
	/* 1/75 s frames, rounded: 0.5 s is 37.5 frames. */
	assert_string_equal(export_cue_time(65 * S + S / 2, t, sizeof(t)), "01:05:38");
	assert_string_equal(export_cue_time(65 * S + S * 74 / 75, t, sizeof(t)), "01:05:74");
	assert_string_equal(export_cue_time(100 * 60 * S, t, sizeof(t)), "100:00:00");
}

static void test_says_and_sounds(void **state)
{
	(void)state;
	struct export_plan plan = {0};
	for (int i = 0; i < 40; i++) {
		export_add_say(&plan, i * S, "Breathe in.");
		export_add_sound(&plan, i * S, SOUND_CUE);
	}
	assert_int_equal(plan.nsays, 40);
	assert_int_equal(plan.nsounds, 40);
	assert_int_equal(plan.says[39].at, 39 * S);
	assert_string_equal(plan.says[39].text, "Breathe in.");
	assert_int_equal(plan.sounds[39].event, SOUND_CUE);
	export_plan_release(&plan);
}

/* The safety notes first: at 0 with a chapter, the rest moved later. */
static void test_prepend(void **state)
{
	(void)state;
	struct export_plan plan = {0};
	export_add_say(&plan, 0, "Lie down.");
	export_add_say(&plan, 10 * S, "Stay here.");
	export_add_sound(&plan, 10 * S, SOUND_HOLD_START);
	plan.chapters = calloc(1, sizeof(*plan.chapters));
	plan.chapters[0] = (struct export_chapter){0, strdup("Lie down")};
	plan.nchapters = plan.chapters_cap = 1;
	plan.end = 20 * S;
	export_prepend(&plan, "Before you begin, the safety notes.", "Safety notes");
	assert_int_equal(plan.says[1].at, 0);
	export_make_room(&plan, 30 * S);
	assert_int_equal(plan.nsays, 3);
	assert_string_equal(plan.says[0].text, "Before you begin, the safety notes.");
	assert_int_equal(plan.says[0].at, 0);
	assert_string_equal(plan.says[1].text, "Lie down.");
	assert_int_equal(plan.says[1].at, 30 * S);
	assert_int_equal(plan.says[2].at, 40 * S);
	assert_int_equal(plan.sounds[0].at, 40 * S);
	assert_int_equal(plan.nchapters, 2);
	assert_string_equal(plan.chapters[0].name, "Safety notes");
	assert_int_equal(plan.chapters[0].at, 0);
	assert_string_equal(plan.chapters[1].name, "Lie down");
	assert_int_equal(plan.chapters[1].at, 30 * S);
	assert_int_equal(plan.end, 50 * S);
	export_plan_release(&plan);
}

static void test_description(void **state)
{
	(void)state;
	struct routine *r = parse("title: T\nsummary: Slow and easy.\n"
				  "safety: [Stop if it hurts., Not while driving.]\n"
				  "steps: [{name: A, kind: rest, hold: 5s, instructions: Rest.}]\n");
	char *d = export_description(r);
	assert_string_equal(d, "Slow and easy.\n\nSafety notes:\n- Stop if it hurts.\n"
			       "- Not while driving.");
	free(d);
	routine_free(r);
	r = parse("title: T\nsteps: [{name: A, kind: rest, hold: 5s, instructions: Rest.}]\n");
	d = export_description(r);
	assert_string_equal(d, "");
	free(d);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chapters),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_says_and_sounds),
		cmocka_unit_test(test_prepend),
		cmocka_unit_test(test_description),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
