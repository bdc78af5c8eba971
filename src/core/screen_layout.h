/* What screen.c and screen_parts.c share: the blocks a frame is built
 * from, their priorities, and the helpers that make them. Private to the
 * screen. */
#ifndef SELFCARE_SCREEN_LAYOUT_H
#define SELFCARE_SCREEN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen.h"
#include "util.h"

/* The frame is built as blocks in the order they appear, each with a
 * priority; the budget then gives the terminal's rows to the blocks in
 * priority order, and blank lines only to what is left. */
enum prio {
	PRIO_COUNTDOWN, /* never dropped */
	PRIO_ANSWER,    /* what the key just pressed asks for: "Quit?", "any key to go back" */
	PRIO_STEP,      /* the step line; during a rest, the hold up next */
	PRIO_EXIT,      /* what to do right now: how to come out of the hold
			 * before, the latest cue (it may be a safety one) */
	PRIO_BODY,      /* the instructions, or an overlay */
	PRIO_MESSAGE,
	PRIO_HINT,
	PRIO_THEN,      /* what follows and the routine's time left */
	PRIO_HEADER,
	/* Blank lines: the two around the countdown, then the big digits
	 * (not a block: see budget()), then the others. */
	PRIO_SPACE_COUNTDOWN,
	PRIO_SPACE_BODY,
	PRIO_SPACE,
	PRIO_SPACE_TOP,
};

#define MAX_BLOCKS 32
#define BIG_ROWS 5
#define BAR_MAX 40
/* Beyond this the block is no longer centred: a line must stay within
 * SCREEN_LINE_MAX bytes with 72 columns of 4-byte characters after it. */
#define MARGIN_MAX 600

struct block {
	char *text;    /* lines, each ending in '\n' (owned); NULL for a blank line */
	unsigned lines;
	unsigned keep; /* the rows the budget gave it */
	unsigned prio;
	unsigned char style;
	bool live;     /* a blank line between two blocks that stay */
	bool paged;    /* cut at a page's end: "space more" says so, not an ellipsis */
};

struct layout {
	const struct screen_state *st;
	unsigned height;
	unsigned cols;   /* columns of text, at most SCREEN_TEXT_MAX */
	unsigned margin; /* spaces before each line: the block sits in the middle */
	struct block b[MAX_BLOCKS];
	unsigned count;
	unsigned big_px;  /* columns per pixel of the big digits, 0 when they cannot be */
	bool big;         /* the budget gave them room */
	int body;         /* the overlay's block, or -1 */
	char clock[32];   /* the time left, as the countdown shows it */
};

char *sl_countdown(int64_t ms, char *buf, unsigned len);
const char *sl_ellipsis(bool utf8);
char *sl_line_dup(const char *s);
void sl_mark_cut(char *line, size_t size, unsigned cols, bool utf8);
char *sl_fit(const char *s, unsigned cols, bool utf8, char *out, size_t len);
char *sl_split(const struct layout *L, const char *left, const char *right);
void sl_push(struct layout *L, unsigned prio, unsigned style, char *text);
void sl_add_wrapped(struct layout *L, unsigned prio, unsigned style, const char *s,
		    size_t indent, const char *first);
void sl_add_space(struct layout *L, unsigned prio);
void sl_sb_puts(struct sbuf *b, const char *s);
size_t sl_shown_hold(const struct timeline *tl, size_t seg);

/* The pieces (screen_parts.c). */
void sl_keys_overlay(struct layout *L);
void sl_safety_overlay(struct layout *L);
void sl_then_lines(struct layout *L, size_t shown);
void sl_hint(struct layout *L);
void sl_countdown_line(struct layout *L);
void sl_big_row(const struct layout *L, unsigned row, char *out, size_t len);
unsigned sl_big_width(const char *clock, unsigned px);

#endif
