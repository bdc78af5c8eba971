/* The run screen as lines: what it shows, and that it fits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "screen.h"
#include "text.h"

#define S(x) ((int64_t)(x) * 1000000000LL)

static void ignore(void *ctx, const struct player_event *ev)
{
	(void)ctx;
	(void)ev;
}

static bool has(const struct frame *f, const char *needle)
{
	for (unsigned i = 0; i < f->count; i++)
		if (strstr(f->lines[i], needle))
			return true;
	return false;
}

static void test_render(void **state)
{
	(void)state;
	const char *y = "title: Screen test\nrest: 5\nprepare: 0\nsteps:\n"
			"  - {name: Lie down, kind: breath, hold: 1m, instructions: Lie on your back "
			"with your knees bent and your feet flat.}\n"
			"  - {name: Stretch, kind: pose, hold: 30s, instructions: Stretch gently.}\n";
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	struct timeline tl;
	struct player p;
	static struct frame f;
	assert_non_null(r);
	timeline_expand(r, &tl);
	player_init(&p, r, &tl, 1.0, ignore, NULL);
	player_start(&p, 0);
	player_tick(&p, S(15));

	/* 40 columns: the key hint does not fit yet (issue 9). */
	unsigned sizes[][2] = {{80, 24}, {200, 50}};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		struct screen_state st = {.player = &p, .now = S(15), .width = sizes[i][0],
					  .height = sizes[i][1], .utf8 = true};
		screen_render(&st, &f);
		assert_true(f.count > 0);
		assert_true(has(&f, "Screen test"));
		assert_true(has(&f, "step 1 of 2"));
		assert_true(has(&f, "Lie down"));
		assert_true(has(&f, "0:45")); /* 45 s left of the minute */
		for (unsigned j = 0; j < f.count; j++)
			if (text_width(f.lines[j]) > sizes[i][0])
				fail_msg("%ux%u: line %u is %zu wide: %s", sizes[i][0], sizes[i][1], j,
					 text_width(f.lines[j]), f.lines[j]);
	}
	/* In the rest, what comes next. */
	player_tick(&p, S(62));
	struct screen_state st = {.player = &p, .now = S(62), .width = 80, .height = 24};
	screen_render(&st, &f);
	assert_true(has(&f, "Rest"));
	assert_true(has(&f, "Up next: Stretch, 30s"));
	player_release(&p);
	timeline_release(&tl);
	routine_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
