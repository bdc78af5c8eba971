/* Voice commands on a fake clock: the phrase table and its keyword file,
 * the last phrase of a hypothesis, the words a routine may not say, the
 * half-duplex gate, and "okay stop" answered with "okay yes", with another
 * phrase, with silence, or too late; then the commands through the run's
 * interface, as the run applies them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "listen.h"
#include "timeline.h"

#define S(x) ((int64_t)(x) * 1000000000LL)
#define MS(x) ((int64_t)(x) * 1000000LL)

static void table(void **state)
{
	(void)state;
	for (int i = 0; i < LISTEN_PHRASES; i++) {
		const struct listen_phrase_def *d = &listen_phrases[i];
		assert_non_null(d->words);
		/* Every phrase is the prefix and its word. */
		char want[64];
		snprintf(want, sizeof(want), "%s %s", LISTEN_PREFIX, d->words);
		assert_string_equal(d->said, want);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(d->words, listen_phrases[j].words);
	}
	assert_int_equal(listen_phrases[LISTEN_PAUSE].cmd, RUN_CMD_PAUSE);
	assert_int_equal(listen_phrases[LISTEN_RESUME].cmd, RUN_CMD_RESUME);
	assert_int_equal(listen_phrases[LISTEN_AGAIN].cmd, RUN_CMD_RESTART);
	assert_int_equal(listen_phrases[LISTEN_LONGER].cmd, RUN_CMD_PLUS);
}

/* A text of listen.h's convention into buf: the length it needs, the
 * same whatever the room; too small, cut and terminated. */
static void sized_text(size_t (*text)(char *, size_t), char *buf, size_t len)
{
	size_t need = text(NULL, 0);
	assert_true(need > 0 && need < len);
	assert_int_equal(text(buf, len), need);
	assert_int_equal(strlen(buf), need);
	char small[10];
	assert_int_equal(text(small, sizeof(small)), need);
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void kws_file(void **state)
{
	(void)state;
	char buf[1024];
	sized_text(listen_kws_text, buf, sizeof(buf));
	assert_non_null(strstr(buf, "okay pause /"));
	assert_non_null(strstr(buf, "okay yes /"));
	size_t lines = 0;
	for (const char *p = buf; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, LISTEN_PHRASES);
}

static void grammar(void **state)
{
	(void)state;
	char buf[2048];
	sized_text(listen_grammar_text, buf, sizeof(buf));
	assert_int_equal(strncmp(buf, "#JSGF V1.0;\n", 12), 0);
	/* Every phrase whole, and every command word bare (the decoder's
	 * way of saying the prefix was not there). */
	for (int i = 0; i < LISTEN_PHRASES; i++) {
		char alt[64];
		snprintf(alt, sizeof(alt), " %s |", listen_phrases[i].said);
		assert_non_null(strstr(buf, alt));
		snprintf(alt, sizeof(alt), "| %s", listen_phrases[i].words);
		assert_non_null(strstr(buf, alt));
	}
	/* The other words never hold the prefix or a command word. */
	const char *other = strstr(buf, "<other> = ");
	assert_non_null(other);
	size_t at;
	assert_false(listen_text_commands(other + 10, &at));
	for (int i = 0; i < LISTEN_PHRASES; i++) {
		char w[32];
		snprintf(w, sizeof(w), " %s ", listen_phrases[i].words);
		assert_null(strstr(other, w));
	}
}

static void look_waits_for_the_end(void **state)
{
	(void)state;
	struct listen_look lk = {0};

	/* Nothing held: never a look. */
	assert_false(listen_look_block(&lk, -90, MS(20)));

	/* Speech at -20 dBFS goes on after the hit, then the room (-60)
	 * comes back: the look comes LISTEN_QUIET_NS into the quiet. */
	listen_look_hit(&lk, -20, -60);
	for (int i = 0; i < 5; i++)
		assert_false(listen_look_block(&lk, -22, MS(20)));
	int64_t quiet = 0;
	while (!listen_look_block(&lk, -55, MS(20)))
		quiet += MS(20);
	assert_int_equal(quiet + MS(20), LISTEN_QUIET_NS);
	assert_false(lk.held);
	assert_false(listen_look_block(&lk, -55, MS(20)));

	/* A short dip (a stop consonant's closure) starts the count again. */
	listen_look_hit(&lk, -20, -60);
	assert_false(listen_look_block(&lk, -58, MS(60)));
	assert_false(listen_look_block(&lk, -25, MS(20)));
	assert_false(listen_look_block(&lk, -58, MS(60)));
	assert_true(listen_look_block(&lk, -58, MS(60)));

	/* Quiet is near the room's noise, not only below the speech: a
	 * word's faint last sound, 20 dB down in a silent room, is not. */
	listen_look_hit(&lk, -10, -60);
	assert_false(listen_look_block(&lk, -30, LISTEN_QUIET_NS));
	assert_true(listen_look_block(&lk, -60 + LISTEN_FLOOR_DB - 1, LISTEN_QUIET_NS));
	/* In noise 18 dB under the speech, 16 dB down is quiet enough. */
	listen_look_hit(&lk, -20, -40);
	assert_true(listen_look_block(&lk, -36, LISTEN_QUIET_NS));

	/* Speech that never stops: the look comes at LISTEN_LOOK_MAX_NS. */
	listen_look_hit(&lk, -20, -60);
	int64_t waited = 0;
	while (!listen_look_block(&lk, -20, MS(20)))
		waited += MS(20);
	/* The block that reaches it, not one later. */
	assert_true(waited < LISTEN_LOOK_MAX_NS && waited + MS(20) >= LISTEN_LOOK_MAX_NS);
}

static void hypotheses(void **state)
{
	(void)state;
	assert_int_equal(listen_phrase_in("okay pause"), LISTEN_PAUSE);
	assert_int_equal(listen_phrase_in("okay pause "), LISTEN_PAUSE);
	/* Two phrases held: the last one counts. */
	assert_int_equal(listen_phrase_in("okay next okay back"), LISTEN_BACK);
	assert_int_equal(listen_phrase_in("okay back okay next"), LISTEN_NEXT);
	assert_int_equal(listen_phrase_in("okay stop okay yes"), LISTEN_YES);
	assert_int_equal(listen_phrase_in(""), -1);
	assert_int_equal(listen_phrase_in(NULL), -1);
	assert_int_equal(listen_phrase_in("pause"), -1);
	assert_int_equal(listen_phrase_in("okay pauses"), -1);
	assert_int_equal(listen_phrase_in("okay longer"), LISTEN_LONGER);
	assert_int_equal(listen_phrase_in("okay again"), LISTEN_AGAIN);
}

static void routine_words(void **state)
{
	(void)state;
	size_t at = 99;
	assert_false(listen_text_commands("Breathe out slowly and pause.", &at));
	assert_false(listen_text_commands("Bring your knees back, then stop here.", &at));
	assert_false(listen_text_commands("A smoky room, a broken token.", &at));
	assert_true(listen_text_commands("That is okay.", &at));
	assert_int_equal(at, 8);
	assert_true(listen_text_commands("Okay, next side.", &at));
	assert_int_equal(at, 0);
	assert_true(listen_text_commands("If it feels OK, stay.", &at));
	assert_int_equal(at, 12);
	assert_true(listen_text_commands("okay pause", NULL));
}

static void gate(void **state)
{
	(void)state;
	/* Never spoke: everything counts. */
	assert_true(listen_gate(false, 0, S(1)));
	/* Speaking: nothing does. */
	assert_false(listen_gate(true, 0, S(1)));
	assert_false(listen_gate(true, S(1), S(5)));
	/* Within the tail after the voice ended: still its own. */
	assert_false(listen_gate(false, S(10), S(10)));
	assert_false(listen_gate(false, S(10), S(10) + MS(499)));
	assert_true(listen_gate(false, S(10), S(10) + MS(500)));
	assert_true(listen_gate(false, S(10), S(12)));
}

static void plain_commands(void **state)
{
	(void)state;
	struct listen_state st = {0};
	enum run_cmd c[LISTEN_CMDS_MAX];
	bool asked = true;

	assert_int_equal(listen_heard(&st, LISTEN_PAUSE, S(1), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_PAUSE);
	assert_false(asked);
	assert_int_equal(listen_heard(&st, LISTEN_RESUME, S(2), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_RESUME);
	assert_int_equal(listen_heard(&st, LISTEN_NEXT, S(3), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_NEXT);
	assert_int_equal(listen_heard(&st, LISTEN_BACK, S(3), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_BACK);
	assert_int_equal(listen_heard(&st, LISTEN_AGAIN, S(3), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_RESTART);
	assert_int_equal(listen_heard(&st, LISTEN_LONGER, S(3), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_PLUS);
	/* "okay yes" with nothing asked: nothing. */
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(4), c, &asked), 0);
	assert_int_equal(listen_heard(&st, (enum listen_phrase)-1, S(4), c, &asked), 0);
	assert_int_equal(listen_heard(&st, LISTEN_PHRASES, S(4), c, &asked), 0);
	assert_int_equal(listen_tick(&st, S(100)), RUN_CMD_NONE);
	assert_true(listen_deadline(&st) == INT64_MAX);
}

static void stop_then(void **state)
{
	(void)state;
	struct listen_state st = {0};
	enum run_cmd c[LISTEN_CMDS_MAX];
	bool asked = false;

	/* Yes within 10 s: quit. */
	assert_int_equal(listen_heard(&st, LISTEN_STOP, S(5), c, &asked), 2);
	assert_true(asked);
	assert_int_equal(c[0], RUN_CMD_PAUSE);
	assert_int_equal(c[1], RUN_CMD_ASK_QUIT);
	assert_true(listen_deadline(&st) == S(15));
	assert_int_equal(listen_tick(&st, S(14)), RUN_CMD_NONE);
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(14), c, &asked), 1);
	assert_false(asked);
	assert_int_equal(c[0], RUN_CMD_YES);
	assert_false(st.asking);

	/* Another phrase: the question closes, nothing else happens. */
	listen_heard(&st, LISTEN_STOP, S(20), c, &asked);
	assert_int_equal(listen_heard(&st, LISTEN_RESUME, S(21), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_NO);
	assert_false(st.asking);
	/* ...and a later "okay yes" is no answer. */
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(22), c, &asked), 0);

	/* "okay stop" twice: the second is the other phrase. */
	listen_heard(&st, LISTEN_STOP, S(30), c, &asked);
	assert_int_equal(listen_heard(&st, LISTEN_STOP, S(31), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_NO);

	/* Silence: at 10 s the question closes, once. */
	listen_heard(&st, LISTEN_STOP, S(40), c, &asked);
	assert_int_equal(listen_tick(&st, S(50) - 1), RUN_CMD_NONE);
	assert_int_equal(listen_tick(&st, S(50)), RUN_CMD_NO);
	assert_int_equal(listen_tick(&st, S(51)), RUN_CMD_NONE);
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(51), c, &asked), 0);

	/* Too late, before the tick: the question closes, and the phrase
	 * counts as itself. */
	listen_heard(&st, LISTEN_STOP, S(60), c, &asked);
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(70), c, &asked), 1);
	assert_int_equal(c[0], RUN_CMD_NO);
	listen_heard(&st, LISTEN_STOP, S(80), c, &asked);
	assert_int_equal(listen_heard(&st, LISTEN_NEXT, S(95), c, &asked), 2);
	assert_int_equal(c[0], RUN_CMD_NO);
	assert_int_equal(c[1], RUN_CMD_NEXT);

	/* Answered by a key: forgotten. */
	listen_heard(&st, LISTEN_STOP, S(100), c, &asked);
	listen_forget(&st);
	assert_int_equal(listen_tick(&st, S(200)), RUN_CMD_NONE);
	assert_int_equal(listen_heard(&st, LISTEN_YES, S(101), c, &asked), 0);
}

/* Through the run's interface, as the run applies them. */
static void ignore(void *ctx, const struct player_event *ev)
{
	(void)ctx;
	(void)ev;
}

static const char *ROUTINE = "title: T\nrest: 0\nprepare: 0\nsteps:\n"
			     "  - {name: A, kind: pose, hold: 60, instructions: x}\n"
			     "  - {name: B, kind: pose, hold: 60, instructions: y}\n";

static void apply(struct run_ui *ui, struct player *p, struct listen_state *st, enum listen_phrase ph,
		  int64_t now)
{
	enum run_cmd c[LISTEN_CMDS_MAX];
	bool asked;
	size_t n = listen_heard(st, ph, now, c, &asked);
	for (size_t i = 0; i < n; i++)
		run_ui_apply(ui, p, c[i], now);
}

static void through_the_interface(void **state)
{
	(void)state;
	struct diags d = {0};
	struct routine *r = routine_parse(ROUTINE, strlen(ROUTINE), &d);
	assert_non_null(r);
	struct timeline tl;
	timeline_expand(r, &tl);
	struct player p;
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	player_start(&p, 0);
	struct run_ui ui = {.screen = true};
	struct listen_state st = {0};

	/* "pause" twice stays paused (never a toggle), "resume" resumes. */
	apply(&ui, &p, &st, LISTEN_PAUSE, S(1));
	assert_true(p.paused);
	apply(&ui, &p, &st, LISTEN_PAUSE, S(2));
	assert_true(p.paused);
	apply(&ui, &p, &st, LISTEN_RESUME, S(3));
	assert_false(p.paused);
	apply(&ui, &p, &st, LISTEN_RESUME, S(4));
	assert_false(p.paused);

	/* "stop", then "next": closed, still paused, still the first step. */
	size_t seg = p.seg;
	apply(&ui, &p, &st, LISTEN_STOP, S(5));
	assert_true(p.paused);
	assert_true(ui.asking);
	apply(&ui, &p, &st, LISTEN_NEXT, S(6));
	assert_false(ui.asking);
	assert_true(p.paused);
	assert_int_equal(p.seg, seg);
	assert_false(p.over);

	/* Running, "stop" then silence: paused when the question closes. */
	apply(&ui, &p, &st, LISTEN_RESUME, S(7));
	apply(&ui, &p, &st, LISTEN_STOP, S(8));
	run_ui_apply(&ui, &p, listen_tick(&st, S(18)), S(18));
	assert_false(ui.asking);
	assert_true(p.paused);
	assert_false(p.over);

	/* "stop", "yes": over, not completed. */
	apply(&ui, &p, &st, LISTEN_STOP, S(20));
	apply(&ui, &p, &st, LISTEN_YES, S(21));
	player_tick(&p, S(21));
	assert_true(p.over);
	assert_false(p.completed);

	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),	 cmocka_unit_test(kws_file),
		cmocka_unit_test(hypotheses),	 cmocka_unit_test(routine_words),
		cmocka_unit_test(gate),		 cmocka_unit_test(plain_commands),
		cmocka_unit_test(stop_then),	 cmocka_unit_test(through_the_interface),
		cmocka_unit_test(grammar),	 cmocka_unit_test(look_waits_for_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
