/* Notification text: plain summaries, escaped bodies, the right sounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "notice.h"
#include "player.h"

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
};

static void load(struct fixture *f, const char *yaml)
{
	struct diags d = {0};
	memset(f, 0, sizeof(*f));
	f->r = routine_parse(yaml, strlen(yaml), &d);
	if (f->r == NULL)
		fail_msg("%s", d.items[0].msg);
	timeline_expand(f->r, &f->tl);
	player_init(&f->p, f->r, &f->tl, 1.0, ignore, NULL);
}

static void unload(struct fixture *f)
{
	player_release(&f->p);
	timeline_release(&f->tl);
	routine_free(f->r);
}

static void test_escaping(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "title: \"Tom & Jerry <b>\"\nprepare: 0\nsteps:\n"
		 "  - {name: \"A <i>\", kind: pose, hold: 1, instructions: \"Press <b>gently</b> & 'slow'\"}\n");
	player_start(&f.p, 0);
	struct notice n;
	struct player_event ev = {.type = EV_SEGMENT_START, .seg = 0};
	notice_for_event(&f.p, &ev, NULL, &n);
	assert_string_equal(n.summary, "A <i>, 1s"); /* the summary is plain text */
	assert_string_equal(n.body, "Press &lt;b&gt;gently&lt;/b&gt; &amp; &apos;slow&apos;");
	player_tick(&f.p, S(1));
	ev.type = EV_FINISHED;
	notice_for_event(&f.p, &ev, NULL, &n);
	assert_string_equal(n.summary, "Routine complete, 1s");
	assert_string_equal(n.body, "Tom &amp; Jerry &lt;b&gt;: 1 of 1 steps done.");
	assert_string_equal(n.sound, "complete");
	/* The reminder: the title sanitized for the summary, the body escaped. */
	notice_for_reminder(f.r, "tom-jerry", &n);
	assert_string_equal(n.summary, "Time for Tom & Jerry <b> (1 s)");
	assert_string_equal(n.body, "Start it with: selfcare run tom-jerry");
	unload(&f);
}

static void test_rests_and_reminders(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "title: Long one\nprepare: 0\nsteps:\n"
		 "  - {name: A, kind: pose, sides: both, hold: 10m, rest: 20s, instructions: x}\n"
		 "  - {name: B, kind: breath, hold: 10m, instructions: y}\n");
	player_start(&f.p, 0);
	struct notice n;
	/* The rest between the sides says to switch; the next says what is next. */
	struct player_event ev = {.type = EV_SEGMENT_START, .seg = 1};
	assert_int_equal(notice_for_event(&f.p, &ev, NULL, &n), 0);
	assert_string_equal(n.summary, "Switch to the right side");
	ev.seg = 3;
	assert_int_equal(notice_for_event(&f.p, &ev, NULL, &n), 0);
	assert_string_equal(n.summary, "Next: B, 10m");
	/* Minutes for a long routine. */
	notice_for_reminder(f.r, "long-one", &n);
	assert_string_equal(n.summary, "Time for Long one (31 min)");
	unload(&f);
}

static void test_hold_cue_quit(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "title: T\nprepare: 0\nsteps:\n"
		 "  - {name: A, kind: pose, hold: 1m, instructions: Do a., cues: [{at: 10s, say: If you feel a pulse move outward.}]}\n"
		 "  - {name: B, kind: pose, sides: left, hold: 30s, instructions: Do b.}\n");
	player_start(&f.p, 0);
	struct notice n;
	struct player_event ev = {.type = EV_SEGMENT_START, .seg = 0};
	/* A hold: until when, what to do, what comes next; it stays up. */
	assert_int_equal(notice_for_event(&f.p, &ev, "10:42", &n), 0);
	assert_string_equal(n.summary, "A, until 10:42");
	assert_string_equal(n.body, "Do a. Next: B, left side, 30s.");
	assert_int_equal(n.life, NOTICE_SEGMENT);
	/* A cue updates it, first. */
	ev.type = EV_CUE;
	assert_int_equal(notice_for_event(&f.p, &ev, "10:42", &n), 0);
	assert_string_equal(n.summary, "A, until 10:42");
	assert_string_equal(n.body, "If you feel a pulse move outward. Do a. Next: B, left side, 30s.");
	/* A quit takes it down; the finish goes in the server's time. */
	ev.type = EV_QUIT;
	assert_int_equal(notice_for_event(&f.p, &ev, NULL, &n), 0);
	assert_int_equal(n.life, NOTICE_CLOSE);
	ev.type = EV_FINISHED;
	assert_int_equal(notice_for_event(&f.p, &ev, NULL, &n), 0);
	assert_int_equal(n.life, NOTICE_FINAL);
	/* Ticks, ends, pauses: nothing. */
	ev.type = EV_TICK;
	assert_int_equal(notice_for_event(&f.p, &ev, NULL, &n), -1);
	unload(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_rests_and_reminders),
		cmocka_unit_test(test_hold_cue_quit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
