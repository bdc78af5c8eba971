/* The run screen as lines: what it shows, what it gives up first, and that
 * it fits. */
#include "screen_fixture.h"

static void test_sizes(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));

	unsigned sizes[][2] = {{80, 24}, {40, 12}, {100, 10}, {200, 50}, {30, 6}};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		unsigned w = sizes[i][0], h = sizes[i][1];
		for (int flags = 0; flags <= (BIG | ASCII); flags++) {
			render(&x.p, S(15), w, h, flags, NULL);
			assert_fits(w, h);
			assert_countdown(w, h, "0:45"); /* 45 s left of the minute */
			assert_true(has("Lie down"));
			assert_true(has("Lie on your back"));
		}
		if (h >= 10) {
			assert_true(has("Screen test"));
			assert_true(has("step 1 of 3"));
		}
	}
	/* Lower than SCREEN_MIN_ROWS, the countdown is what stays. */
	for (unsigned h = 1; h <= SCREEN_MIN_ROWS; h++) {
		render(&x.p, S(15), 30, h, BIG | QUIT, "a warning that wraps twice, or more");
		assert_fits(30, h);
		assert_countdown(30, h, "0:45");
	}
	fixture_release(&x);
}

static void test_styles(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));
	render(&x.p, S(15), 80, 24, 0, "speech stopped working");

	assert_int_equal(f.style[find("Lie down")], STYLE_STEP);
	assert_int_equal(f.style[find("0:45")], STYLE_COUNTDOWN);
	assert_int_equal(f.style[find("n next")], STYLE_DIM);
	assert_int_equal(f.style[find("Lie on your back")], STYLE_PLAIN);
	assert_int_equal(f.style[find("speech stopped working")], STYLE_PLAIN);
	assert_int_equal(f.style[find("Screen test")], STYLE_PLAIN);
	assert_int_equal(styled(STYLE_STEP), 1);
	assert_int_equal(styled(STYLE_COUNTDOWN), 1);
	assert_int_equal(styled(STYLE_DIM), 1);
	fixture_release(&x);
}

/* One moment of a shipped routine at 80x24: the instructions in full, how
 * to come out of a hold during the rest after it, and the latest cue. */
static void check_in_full(const struct fixture *x, const char *name, unsigned t)
{
	size_t seg = x->p.seg;
	const struct segment *g = &x->tl.segs[seg];
	const struct segment *prev = seg > 0 ? &x->tl.segs[seg - 1] : NULL;
	size_t hold = g->type == SEG_HOLD ? seg : timeline_next_hold(&x->tl, seg);
	const char *what = NULL;

	render(&x->p, S(t), 80, 24, BIG, NULL);
	assert_fits(80, 24);
	if (has("…"))
		what = "something is cut";
	else if (!frame_contains(x->r->steps[x->tl.segs[hold].step].instructions,
				 x->tl.segs[hold].side))
		what = "the instructions are not all there";
	else if (g->type == SEG_REST && prev && prev->type == SEG_HOLD &&
		 x->r->steps[prev->step].exit &&
		 !frame_contains(x->r->steps[prev->step].exit, prev->side))
		what = "the way out of the hold is not all there";
	else if (g->type == SEG_HOLD && x->p.next_cue > 0 &&
		 !frame_contains(x->r->steps[g->step].cues[x->p.next_cue - 1].say, g->side))
		what = "the cue is not all there";
	if (what) {
		dump();
		fail_msg("%s at %u s: %s", name, t, what);
	}
}

/* Every shipped routine, every second of it. */
static void test_shipped_in_full(void **state)
{
	(void)state;
	DIR *dir = opendir(ROUTINES_DIR);
	struct dirent *de;
	unsigned routines = 0;

	assert_non_null(dir);
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(n - 5), de->d_name);
		struct fixture x;
		fixture_load(&x, name);
		routines++;
		for (unsigned t = 0; t < x.tl.total; t++) {
			player_tick(&x.p, S(t));
			check_in_full(&x, name, t);
		}
		fixture_release(&x);
	}
	closedir(dir);
	assert_true(routines >= 8);
}

/* "step N of M" numbers the holds as `selfcare show` does. */
static void test_numbering(void **state)
{
	(void)state;
	struct fixture x;
	fixture_load(&x, "psoas-release");
	unsigned number = 0;
	char want[64];

	assert_int_equal(x.tl.holds, 10);
	for (size_t i = 0; i < x.tl.count; i++) {
		const struct segment *g = &x.tl.segs[i];
		if (g->type == SEG_HOLD)
			number++;
		player_tick(&x.p, S(g->start));
		assert_int_equal(x.p.seg, i);
		render(&x.p, S(g->start), 80, 24, 0, NULL);
		/* A prepare or a rest leads to the next hold, and says its number. */
		unsigned n = g->type == SEG_HOLD ? number : number + 1;
		snprintf(want, sizeof(want), "step %u of 10", n);
		if (!has(want)) {
			dump();
			fail_msg("segment %zu: no '%s'", i, want);
		}
		if (number == 4 && g->type == SEG_HOLD)
			assert_true(has("Fingertip release, right side, 1 of 2"));
	}
	fixture_release(&x);
}

static void test_wide_is_centred(void **state)
{
	(void)state;
	struct fixture x;
	fixture_load(&x, "psoas-release");
	player_tick(&x.p, S(650)); /* the soft ball, left, with a cue */

	render(&x.p, S(650), 200, 50, BIG, "speech stopped working: the server is not running");
	assert_fits(200, 50);
	size_t lead_min = 200, right_max = 0;
	for (unsigned i = 0; i < f.count; i++) {
		if (!f.lines[i][0])
			continue;
		size_t lead = strspn(f.lines[i], " ");
		size_t text = text_width(f.lines[i] + lead);
		assert_true(text <= SCREEN_TEXT_MAX);
		if (lead < lead_min)
			lead_min = lead;
		if (lead + text > right_max)
			right_max = lead + text;
	}
	/* A block of 72 columns in the middle of 200: 64 on each side. */
	assert_int_equal(lead_min, (200 - SCREEN_TEXT_MAX) / 2);
	assert_true(right_max <= 200 - (200 - SCREEN_TEXT_MAX) / 2);
	assert_true(right_max > 200 - (200 - SCREEN_TEXT_MAX) / 2 - 4); /* the text does reach it */
	fixture_release(&x);
}

/* Each "key label" pair of the hint on one line. */
static void assert_hint_whole(unsigned w, unsigned h)
{
	static const char *pairs[] = {"space pause", "n next", "b back", "r restart",
				      "+/- 10s",     "? keys", "q quit"};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++)
		if (!has(pairs[i])) {
			dump();
			fail_msg("%ux%u: the hint's '%s' is split or missing", w, h, pairs[i]);
		}
}

static void test_narrow_hint_and_message(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));
	const char *message = "speech stopped working: speech-dispatcher is not running, "
			      "carrying on without it";

	for (unsigned h = 12; h <= 24; h += 12) {
		render(&x.p, S(15), 40, h, 0, message);
		assert_fits(40, h);
		assert_true(styled(STYLE_DIM) >= 2); /* the hint wraps */
		assert_hint_whole(40, h);
		/* The message wraps between words, and is all there. */
		assert_false(has("…"));
		assert_true(frame_contains(message, SIDE_NONE));
		assert_true(has("speech stopped working:"));
		assert_true(has("speech-dispatcher"));
	}
	/* Around 40 columns too: a pair is never split, whatever the width. */
	for (unsigned w = 30; w <= 50; w++) {
		render(&x.p, S(15), w, 24, 0, NULL);
		assert_fits(w, 24);
		assert_hint_whole(w, 24);
	}
	/* The quit question instead of the hint, wrapped. */
	render(&x.p, S(15), 40, 12, QUIT, NULL);
	assert_fits(40, 12);
	assert_false(has("n next"));
	assert_true(frame_contains("Quit this routine? y or q to quit, any other key to go on", SIDE_NONE));
	fixture_release(&x);
}

static void test_cut_says_so(void **state)
{
	(void)state;
	struct fixture x;
	fixture_load(&x, "psoas-release");
	/* The soft ball's long instructions, while getting ready for it. */
	int64_t t = 0;
	for (size_t i = 0; i < x.tl.count; i++) {
		const struct segment *g = &x.tl.segs[i];
		if (g->type == SEG_PREPARE && strstr(x.r->steps[g->step].name, "Soft ball"))
			break;
		t += S(g->duration);
	}
	t += S(1);
	player_tick(&x.p, t);

	const struct {
		unsigned w, h;
		int flags;
		const char *ellipsis;
	} cases[] = {
		{30, 6, 0, "…"},
		{30, 6, ASCII, "..."},
		{80, 6, 0, "…"},
		{40, 10, ASCII, "..."},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		render(&x.p, t, cases[i].w, cases[i].h, cases[i].flags, NULL);
		assert_fits(cases[i].w, cases[i].h);
		assert_true(has("Come onto your hands"));
		int cut = find(cases[i].ellipsis);
		if (cut < 0) {
			dump();
			fail_msg("%ux%u: cut without an ellipsis", cases[i].w, cases[i].h);
		}
		/* Cut at a word: what precedes the ellipsis is a whole word of them. */
		const char *line = f.lines[cut];
		const char *e = strstr(line, cases[i].ellipsis);
		assert_true(e > line && e[-1] != ' ');
		/* No rows are left empty while text is cut. */
		assert_int_equal(f.count, cases[i].h);
	}
	fixture_release(&x);
}






static void test_long_words_break(void **state)
{
	(void)state;
	struct fixture x;
	const char *url = "https://example.org/a/very/long/address/that/has/no/spaces/at/all/"
			  "and/goes/on/well/past/any/line/of/forty/columns";
	char y[1024];
	snprintf(y, sizeof(y),
		 "title: T\nprepare: 0\nsteps:\n  - {name: A, kind: pose, hold: 1m, "
		 "instructions: 'See %s for more.'}\n",
		 url);
	/* text.c's mode for it: a word longer than the line is broken. */
	char *w = text_wrapped_hard("abcdefghij klm", 4, 0, NULL);
	assert_string_equal(w, "abcd\nefgh\nij\nklm\n");
	free(w);
	w = text_wrapped_hard("ab abcdefgh", 6, 2, "-");
	assert_string_equal(w, "- ab\n  abcd\n  efgh\n");
	free(w);

	fixture_parse(&x, y);
	render(&x.p, 0, 40, 24, 0, NULL);
	assert_fits(40, 24);
	assert_false(has("…"));
	assert_true(frame_contains(url, SIDE_NONE));
	int see = find("See");
	assert_true(see >= 0);
	assert_null(strstr(f.lines[see], "https")); /* the address starts a line of its own */
	assert_true(has("for more."));
	fixture_release(&x);
}

static void test_title(void **state)
{
	(void)state;
	struct fixture x;
	char t[128];
	fixture_parse(&x, "title: T\nrest: 10\nprepare: 5\nsteps:\n"
			  "  - {name: Lizard, kind: pose, sides: both, hold: 50s,"
			  " instructions: a}\n");
	struct screen_state st = {.player = &x.p, .now = S(3), .width = 80, .height = 24};

	screen_title(&st, t, sizeof(t));
	assert_string_equal(t, "Get ready: Lizard, left side 0:07 - selfcare");
	player_tick(&x.p, S(18));
	st.now = S(18);
	screen_title(&st, t, sizeof(t));
	assert_string_equal(t, "Lizard, left side 0:42 - selfcare");
	player_tick(&x.p, S(62));
	st.now = S(62);
	screen_title(&st, t, sizeof(t));
	assert_string_equal(t, "Switch sides 0:08 - selfcare");
	player_command(&x.p, PLAYER_PAUSE, S(62));
	screen_title(&st, t, sizeof(t));
	assert_string_equal(t, "Switch sides 0:08 (paused) - selfcare");
	fixture_release(&x);

	fixture_parse(&x, "title: T\nrest: 10\nprepare: 0\nsteps:\n"
			  "  - {name: A, kind: pose, hold: 50s, instructions: a}\n"
			  "  - {name: B, kind: pose, hold: 50s, instructions: b}\n");
	player_tick(&x.p, S(55));
	st.now = S(55);
	screen_title(&st, t, sizeof(t));
	assert_string_equal(t, "Rest 0:05 - selfcare");

	/* A name that carries an escape sequence cannot retitle the terminal. */
	static char evil[] = "Evil\033]0;owned\007 step\x9b";
	x.r->steps[1].name = evil;
	player_tick(&x.p, S(61));
	st.now = S(61);
	screen_title(&st, t, sizeof(t));
	assert_null(strchr(t, '\033'));
	assert_null(strchr(t, '\007'));
	assert_false(text_has_control(t, false));
	assert_non_null(strstr(t, "Evil"));
	assert_non_null(strstr(t, " - selfcare"));
	/* Nor the frame. */
	render(&x.p, S(61), 80, 24, 0, NULL);
	assert_fits(80, 24);
	for (unsigned i = 0; i < f.count; i++)
		assert_false(text_has_control(f.lines[i], false));

	/* A short buffer is cut, still terminated. */
	screen_title(&st, t, 6);
	assert_int_equal(strlen(t), 5);
	fixture_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_shipped_in_full),
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_wide_is_centred),
		cmocka_unit_test(test_narrow_hint_and_message),
		cmocka_unit_test(test_cut_says_so),
		cmocka_unit_test(test_long_words_break),
		cmocka_unit_test(test_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
