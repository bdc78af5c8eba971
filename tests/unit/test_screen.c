/* The run screen as lines: what it shows, what it gives up first, and that
 * it fits. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "keys.h"
#include "screen.h"
#include "text.h"

#define S(x) ((int64_t)(x) * 1000000000LL)

static struct frame f;
static unsigned skip; /* the overlay's page, for render() */

static void ignore(void *ctx, const struct player_event *ev)
{
	(void)ctx;
	(void)ev;
}

/* A routine, its timeline and a player, started at 0. */
struct fixture {
	struct routine *r;
	struct timeline tl;
	struct player p;
};

static void fixture_start(struct fixture *x, struct routine *r)
{
	x->r = r;
	timeline_expand(r, &x->tl);
	player_init(&x->p, r, &x->tl, 1.0, ignore, NULL);
	player_start(&x->p, 0);
}

static void fixture_parse(struct fixture *x, const char *y)
{
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	if (r == NULL)
		fail_msg("%u:%u: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
	fixture_start(x, r);
}

static void fixture_load(struct fixture *x, const char *name)
{
	char path[512];
	struct diags d = {0};
	struct routine *r = NULL;

	snprintf(path, sizeof(path), "%s/%s.yaml", ROUTINES_DIR, name);
	if (routine_load_file(path, &r, &d) != 0 || r == NULL)
		fail_msg("cannot load %s", path);
	fixture_start(x, r);
}

static void fixture_release(struct fixture *x)
{
	player_release(&x->p);
	timeline_release(&x->tl);
	routine_free(x->r);
}

enum { BIG = 1, ASCII = 2, QUIT = 4, KEYS = 8, SAFETY = 16 };

static void render(const struct player *p, int64_t now, unsigned w, unsigned h, int flags,
		   const char *message)
{
	struct screen_state st = {
		.player = p,
		.now = now,
		.width = w,
		.height = h,
		.utf8 = !(flags & ASCII),
		.big_digits = flags & BIG,
		.confirm_quit = flags & QUIT,
		.overlay = flags & KEYS ? SCREEN_OVERLAY_KEYS
			   : flags & SAFETY ? SCREEN_OVERLAY_SAFETY
					    : SCREEN_OVERLAY_NONE,
		.message = message,
		.overlay_skip = skip,
	};
	screen_render(&st, &f);
}

static void dump(void)
{
	for (unsigned i = 0; i < f.count; i++)
		print_message("%2u %u |%s|\n", i, f.style[i], f.lines[i]);
}

static int find(const char *needle)
{
	for (unsigned i = 0; i < f.count; i++)
		if (strstr(f.lines[i], needle))
			return (int)i;
	return -1;
}

static bool has(const char *needle)
{
	return find(needle) >= 0;
}

static unsigned styled(enum screen_style style)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++)
		n += f.style[i] == style;
	return n;
}

/* Every line within the terminal, no escape in any, and no more lines
 * than rows. */
static void assert_fits(unsigned w, unsigned h)
{
	if (f.count > h) {
		dump();
		fail_msg("%ux%u: %u lines", w, h, f.count);
	}
	for (unsigned i = 0; i < f.count; i++) {
		if (text_width(f.lines[i]) > w) {
			dump();
			fail_msg("%ux%u: line %u is %zu wide: %s", w, h, i, text_width(f.lines[i]),
				 f.lines[i]);
		}
		if (strchr(f.lines[i], '\033'))
			fail_msg("%ux%u: line %u has an escape", w, h, i);
	}
}

static void assert_countdown(unsigned w, unsigned h, const char *clock)
{
	int i = find(clock);
	if (i < 0 || f.style[i] != STYLE_COUNTDOWN) {
		dump();
		fail_msg("%ux%u: no countdown %s", w, h, clock);
	}
}

/* The frame's text without any white space, so that text wrapped (or a
 * word broken) anywhere can be found whole. */
static char *squeezed(const char *s, char *out, size_t len)
{
	size_t o = 0;
	for (; *s && o + 1 < len; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t')
			out[o++] = *s;
	out[o] = '\0';
	return out;
}

static bool frame_contains(const char *text, enum side side)
{
	static char all[SCREEN_MAX_LINES * SCREEN_LINE_MAX], want[8192], sided[8192];
	size_t o = 0;
	char *clean = text_sanitize_dup(side_text(text, side, sided, sizeof(sided)));

	all[0] = '\0';
	for (unsigned i = 0; i < f.count; i++) {
		squeezed(f.lines[i], all + o, sizeof(all) - o);
		o += strlen(all + o);
	}
	squeezed(clean, want, sizeof(want));
	free(clean);
	return strstr(all, want) != NULL;
}

static const char *small_routine =
	"title: Screen test\nrest: 5\nprepare: 0\n"
	"safety: [Stop if it hurts., Breathe the whole time.]\n"
	"steps:\n"
	"  - {name: Lie down, kind: breath, hold: 1m, instructions: Lie on your back "
	"with your knees bent and your feet flat.}\n"
	"  - {name: Stretch, kind: pose, hold: 30s, instructions: Stretch gently.}\n"
	"  - {name: Curl up, kind: rest, hold: 20s, instructions: Curl up on your side.}\n";

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

/* How many of the big digits' rows (not the clock line under them) hold s. */
static unsigned digits_with(const char *s)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++)
		n += f.style[i] == STYLE_COUNTDOWN && !strchr(f.lines[i], ':') &&
		     strstr(f.lines[i], s) != NULL;
	return n;
}

static void test_big_digits(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));

	/* Five rows of digits over the countdown line, where there is room. */
	render(&x.p, S(15), 80, 24, BIG, NULL);
	assert_fits(80, 24);
	assert_int_equal(styled(STYLE_COUNTDOWN), 6);
	assert_true(has("██"));
	render(&x.p, S(15), 200, 50, BIG, NULL);
	assert_int_equal(styled(STYLE_COUNTDOWN), 6);
	render(&x.p, S(15), 80, 24, BIG | ASCII, NULL);
	assert_int_equal(styled(STYLE_COUNTDOWN), 6);
	assert_false(has("█"));
	assert_true(has("##"));
	/* Paused, the digits are hollow, so that a stopped clock looks
	 * stopped: shaded blocks, or '+' without UTF-8. */
	player_command(&x.p, PLAYER_PAUSE, S(15));
	render(&x.p, S(15), 80, 24, BIG, NULL);
	assert_int_equal(digits_with("█"), 0);
	assert_int_equal(digits_with("░░"), 5);
	render(&x.p, S(15), 80, 24, BIG | ASCII, NULL);
	assert_int_equal(digits_with("##"), 0);
	assert_int_equal(digits_with("++"), 5);
	player_command(&x.p, PLAYER_PAUSE, S(15)); /* toggles: running again */
	render(&x.p, S(15), 80, 24, BIG, NULL);
	assert_int_equal(digits_with("██"), 5);
	/* Centred: as far from the right as from the left. */
	size_t lead = 80, right = 0;
	for (unsigned i = 0; i < f.count; i++)
		if (f.style[i] == STYLE_COUNTDOWN && !strchr(f.lines[i], ':')) {
			size_t l = strspn(f.lines[i], " "), w = text_width(f.lines[i]);
			lead = l < lead ? l : lead;
			right = w > right ? w : right;
		}
	assert_true(lead > 20);
	assert_true(lead + 1 >= 80 - right && lead <= 80 - right + 1);

	/* Not allowed, or no room. */
	render(&x.p, S(15), 80, 24, 0, NULL);
	assert_int_equal(styled(STYLE_COUNTDOWN), 1);
	render(&x.p, S(15), 200, 50, 0, NULL);
	assert_int_equal(styled(STYLE_COUNTDOWN), 1);
	render(&x.p, S(15), 100, 10, BIG, NULL);
	assert_fits(100, 10);
	assert_int_equal(styled(STYLE_COUNTDOWN), 1);
	assert_true(has("step 1 of 3")); /* the content came first */
	fixture_release(&x);
}

static void test_paused_hint(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));

	render(&x.p, S(15), 80, 24, 0, NULL);
	assert_true(has("space pause"));
	assert_false(has("space resume"));
	assert_false(has("PAUSED"));
	player_command(&x.p, PLAYER_PAUSE, S(15));
	render(&x.p, S(20), 80, 24, 0, NULL);
	assert_true(has("space resume"));
	assert_false(has("space pause"));
	assert_countdown(80, 24, "0:45");
	assert_true(has("PAUSED"));
	fixture_release(&x);
}

static void test_overlays(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, small_routine);
	player_tick(&x.p, S(15));
	player_command(&x.p, PLAYER_PAUSE, S(15));

	render(&x.p, S(15), 80, 24, KEYS, NULL);
	assert_fits(80, 24);
	unsigned helps = 0;
	for (size_t i = 0; i < key_bindings_count; i++) {
		if (!key_bindings[i].help || !key_bindings[i].name)
			continue;
		helps++;
		int row = find(key_bindings[i].help);
		assert_true(row >= 0);
		assert_non_null(strstr(f.lines[row], key_bindings[i].name));
	}
	assert_true(helps >= 7);
	assert_true(has("any key to go back"));
	assert_false(has("n next")); /* instead of the hint */
	assert_false(has("Lie on your back")); /* instead of the instructions */
	assert_countdown(80, 24, "0:45");
	assert_true(has("PAUSED"));

	render(&x.p, S(15), 80, 24, SAFETY, NULL);
	assert_fits(80, 24);
	assert_true(has("- Stop if it hurts."));
	assert_true(has("- Breathe the whole time."));
	assert_true(has("any key to go back"));
	assert_false(has("Lie on your back"));
	assert_countdown(80, 24, "0:45");

	/* At 40 columns the keys' help wraps beside their names. */
	render(&x.p, S(15), 40, 24, KEYS, NULL);
	assert_fits(40, 24);
	assert_true(has("any key to go back"));
	assert_countdown(40, 24, "0:45");
	fixture_release(&x);

	/* A routine without notes says so; long notes are bullets that wrap. */
	fixture_parse(&x, "title: T\nprepare: 0\nsteps:\n  - {name: A, kind: pose, hold: 1m, "
			  "instructions: x}\n");
	render(&x.p, 0, 80, 24, SAFETY, NULL);
	assert_true(has("- This routine has no safety notes."));
	fixture_release(&x);
	fixture_load(&x, "psoas-release");
	render(&x.p, 0, 80, 24, SAFETY, NULL);
	assert_fits(80, 24);
	assert_true(has("- Skip this routine if you are pregnant"));
	assert_true(has("  to conceive, or during your period.")); /* a hanging indent */
	/* Fifteen notes do not fit in 24 rows: pages, each line once. */
	assert_true(has("space more, any other key to go back"));
	assert_false(has("…"));
	assert_countdown(80, 24, "0:25");
	for (unsigned w = 40; w <= 80; w += 40) {
		char all[8192] = "";
		unsigned pages = 0;
		skip = 0;
		do {
			render(&x.p, 0, w, w == 40 ? 12 : 24, SAFETY, NULL);
			assert_fits(w, w == 40 ? 12 : 24);
			bool body = false;
			for (unsigned i = 0; i < f.count; i++) {
				if (strstr(f.lines[i], "Safety"))
					body = true;
				else if (body && strstr(f.lines[i], "0:25"))
					break;
				else if (body && strlen(all) + strlen(f.lines[i]) + 2 < sizeof(all))
					strcat(strcat(all, f.lines[i]), "\n");
				/* No note is cut (the "Then" lines below the
				 * countdown may be, at 12 rows). */
				if (strstr(f.lines[i], "…"))
					dump();
				assert_null(strstr(f.lines[i], "…"));
			}
			skip = f.overlay_next;
			pages++;
		} while (skip && pages < 40);
		assert_true(pages > 1 && pages < 40);
		assert_false(has("space more")); /* the last page */
		/* Every note's start once, and the last one's end, in the
		 * pages' text joined up again. */
		char joined[8192];
		squeezed(all, joined, sizeof(joined));
		for (unsigned n = 0; n < x.r->safety_count; n++) {
			char start[64], note[64];
			snprintf(note, sizeof(note), "%.40s", x.r->safety[n]);
			squeezed(note, start, sizeof(start));
			char *at = strstr(joined, start);
			assert_non_null(at);
			assert_null(strstr(at + 1, start));
		}
		assert_non_null(strstr(joined, "physiotherapist."));
	}
	skip = 0;
	fixture_release(&x);
}

/* During a rest, "Up next" names the next hold and "Then" what follows
 * it; during a prepare, "Then" is not the hold it prepares. */
static void test_rest_does_not_repeat(void **state)
{
	(void)state;
	struct fixture x;
	fixture_parse(&x, "title: T\nrest: 5\nprepare: 5\nsteps:\n"
			  "  - {name: Alpha, kind: pose, hold: 20s, instructions: a}\n"
			  "  - {name: Bravo, kind: pose, hold: 30s, instructions: b}\n"
			  "  - {name: Charlie, kind: pose, hold: 40s, instructions: c}\n");
	/* prepare 10 (lead-in), Alpha 20, rest 5, prepare 5, Bravo ... */
	player_tick(&x.p, S(31));
	assert_int_equal(x.tl.segs[x.p.seg].type, SEG_REST);
	render(&x.p, S(31), 80, 24, 0, NULL);
	assert_true(has("Up next: Bravo, 30s"));
	int then = find("Then:");
	assert_true(then >= 0);
	assert_null(strstr(f.lines[then], "Bravo"));
	assert_non_null(strstr(f.lines[then], "Charlie"));

	player_tick(&x.p, S(36));
	assert_int_equal(x.tl.segs[x.p.seg].type, SEG_PREPARE);
	render(&x.p, S(36), 80, 24, 0, NULL);
	assert_true(has("Get ready: Bravo"));
	then = find("Then:");
	assert_true(then >= 0);
	assert_null(strstr(f.lines[then], "Bravo"));

	/* Before the last hold, what follows it is the end. */
	player_tick(&x.p, S(72));
	render(&x.p, S(72), 80, 24, 0, NULL);
	assert_true(has("Up next: Charlie, 40s"));
	assert_true(has("Then: the end"));
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
		cmocka_unit_test(test_big_digits),
		cmocka_unit_test(test_paused_hint),
		cmocka_unit_test(test_overlays),
		cmocka_unit_test(test_rest_does_not_repeat),
		cmocka_unit_test(test_long_words_break),
		cmocka_unit_test(test_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
