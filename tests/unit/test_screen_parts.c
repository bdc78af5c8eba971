/* The pieces of the run screen: the big digits, the hint while paused,
 * the pages over the routine, and what comes next during a rest. */
#include "screen_fixture.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_big_digits),
		cmocka_unit_test(test_paused_hint),
		cmocka_unit_test(test_overlays),
		cmocka_unit_test(test_rest_does_not_repeat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
