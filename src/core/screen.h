/* The terminal frame of the player as lines of text. Pure: the caller
 * passes the state, the time and the terminal size.
 *
 * The frame budgets its rows: the countdown first (never dropped, down to
 * a terminal of 6 rows), then the step and its instructions, then the
 * rest. Text is wrapped to at most SCREEN_TEXT_MAX columns and the block
 * is centred in a wider terminal; where text must be cut, an ellipsis says
 * so. Each line carries a style, which the terminal turns into bold and
 * colour where it may (not under NO_COLOR or TERM=dumb). */
#ifndef SELFCARE_SCREEN_H
#define SELFCARE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "player.h"

#define SCREEN_MAX_LINES 80
#define SCREEN_LINE_MAX 1024
#define SCREEN_TEXT_MAX 72 /* columns of text at most, however wide the terminal */
#define SCREEN_MIN_ROWS 6  /* the countdown still shows at this height */

enum screen_style {
	STYLE_PLAIN,
	STYLE_STEP,      /* the step's name and side: bold, coloured */
	STYLE_COUNTDOWN, /* the countdown (big or small): bold, coloured */
	STYLE_DIM,       /* the key hint */
};

struct frame {
	char lines[SCREEN_MAX_LINES][SCREEN_LINE_MAX];
	unsigned char style[SCREEN_MAX_LINES]; /* enum screen_style */
	unsigned count;
	/* An overlay longer than the screen: the overlay_skip that shows its
	 * next page, or 0 on its last page. */
	unsigned overlay_next;
};

enum screen_overlay {
	SCREEN_OVERLAY_NONE,
	SCREEN_OVERLAY_KEYS,   /* "?": the keys (from keys.h), over the paused routine */
	SCREEN_OVERLAY_SAFETY, /* "s": the safety notes again */
};

struct screen_state {
	const struct player *player;
	int64_t now;
	unsigned width, height;
	bool utf8;                   /* block characters for the bar and big digits */
	bool big_digits;             /* allowed; drawn only where there is room */
	bool confirm_quit;           /* "Quit? y/n" instead of the key hint */
	enum screen_overlay overlay;
	unsigned overlay_skip;       /* lines of the overlay scrolled past (its pages) */
	const char *message;         /* a one-line notice, or NULL */
};

void screen_render(const struct screen_state *st, struct frame *f);

/* The terminal's title for this moment: the step, its side and the time
 * left, "Lizard, left side 0:42 - selfcare", sanitized. */
void screen_title(const struct screen_state *st, char *buf, size_t len);

#endif
