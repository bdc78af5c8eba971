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
	unsigned width, height;
	struct frame last;
	bool have_last;
};

int term_enter(struct term *t);  /* raw mode, alternate screen, no cursor */
void term_leave(struct term *t); /* everything back as it was; idempotent */
void term_measure(struct term *t);
void term_draw(struct term *t, const struct frame *f);
void term_invalidate(struct term *t); /* the next draw repaints all */
void term_bell(struct term *t);

#endif
