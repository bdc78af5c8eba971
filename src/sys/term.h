/* The terminal: raw mode, the alternate screen, drawing only what
 * changed. Every way out goes through term_leave. */
#ifndef SELFCARE_TERM_H
#define SELFCARE_TERM_H

#include <stdbool.h>
#include <termios.h>

#include "screen.h"

struct term {
	int in, out;
	struct termios orig;
	bool have_orig, active;
	bool keys_only; /* plain mode: keys without echo, no screen of our own */
	bool color;     /* bold and colour for styled lines (not under NO_COLOR) */
	unsigned width, height;
	struct frame last;
	bool have_last;
	bool titled;    /* the title was set, and the old one pushed */
	char title[256];
};

int term_enter(struct term *t);  /* raw mode, alternate screen, no cursor */
void term_leave(struct term *t); /* everything back as it was; idempotent */
void term_measure(struct term *t);
void term_draw(struct term *t, const struct frame *f);
void term_invalidate(struct term *t); /* the next draw repaints all */
void term_bell(struct term *t);
/* The window title (already sanitized); the one before is restored by
 * term_leave. Written only when it changes. */
void term_title(struct term *t, const char *title);
/* Whether to use colour on this terminal: not under NO_COLOR (set and not
 * empty) or TERM=dumb or unset. */
bool term_wants_color(void);

#endif
