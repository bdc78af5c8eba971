/* What the screen's unit tests share: a fixture that plays a routine on a
 * fake clock, a frame rendered from it, and questions about that frame.
 * Included by test_screen.c and test_screen_parts.c only. */
#ifndef SELFCARE_TEST_SCREEN_FIXTURE_H
#define SELFCARE_TEST_SCREEN_FIXTURE_H

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

static inline void ignore(void *ctx, const struct player_event *ev)
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

static inline void fixture_start(struct fixture *x, struct routine *r)
{
	x->r = r;
	timeline_expand(r, &x->tl);
	player_init(&x->p, r, &x->tl, 1.0, ignore, NULL);
	player_start(&x->p, 0);
}

static inline void fixture_parse(struct fixture *x, const char *y)
{
	struct diags d = {0};
	struct routine *r = routine_parse(y, strlen(y), &d);
	if (r == NULL)
		fail_msg("%u:%u: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
	fixture_start(x, r);
}

static inline void fixture_load(struct fixture *x, const char *name)
{
	char path[512];
	struct diags d = {0};
	struct routine *r = NULL;

	snprintf(path, sizeof(path), "%s/%s.yaml", ROUTINES_DIR, name);
	if (routine_load_file(path, &r, &d) != 0 || r == NULL)
		fail_msg("cannot load %s", path);
	fixture_start(x, r);
}

static inline void fixture_release(struct fixture *x)
{
	player_release(&x->p);
	timeline_release(&x->tl);
	routine_free(x->r);
}

enum { BIG = 1, ASCII = 2, QUIT = 4, KEYS = 8, SAFETY = 16 };

static inline void render(const struct player *p, int64_t now, unsigned w, unsigned h, int flags,
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

static inline void dump(void)
{
	for (unsigned i = 0; i < f.count; i++)
		print_message("%2u %u |%s|\n", i, f.style[i], f.lines[i]);
}

static inline int find(const char *needle)
{
	for (unsigned i = 0; i < f.count; i++)
		if (strstr(f.lines[i], needle))
			return (int)i;
	return -1;
}

static inline bool has(const char *needle)
{
	return find(needle) >= 0;
}

static inline unsigned styled(enum screen_style style)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++)
		n += f.style[i] == style;
	return n;
}

/* Every line within the terminal, no escape in any, and no more lines
 * than rows. */
static inline void assert_fits(unsigned w, unsigned h)
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

static inline void assert_countdown(unsigned w, unsigned h, const char *clock)
{
	int i = find(clock);
	if (i < 0 || f.style[i] != STYLE_COUNTDOWN) {
		dump();
		fail_msg("%ux%u: no countdown %s", w, h, clock);
	}
}

/* The frame's text without any white space, so that text wrapped (or a
 * word broken) anywhere can be found whole. */
static inline char *squeezed(const char *s, char *out, size_t len)
{
	size_t o = 0;
	for (; *s && o + 1 < len; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t')
			out[o++] = *s;
	out[o] = '\0';
	return out;
}

static inline bool frame_contains(const char *text, enum side side)
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


#endif
