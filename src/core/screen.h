/* The terminal frame of the player as lines of text. Pure: the caller
 * passes the state, the time and the terminal size. */
#ifndef SELFCARE_SCREEN_H
#define SELFCARE_SCREEN_H

#include <stdbool.h>

#include "player.h"

#define SCREEN_MAX_LINES 60
#define SCREEN_LINE_MAX 1024

struct frame {
	char lines[SCREEN_MAX_LINES][SCREEN_LINE_MAX];
	unsigned count;
};

struct screen_state {
	const struct player *player;
	int64_t now;
	unsigned width, height;
	bool utf8;            /* block characters for the bar */
	bool confirm_quit;    /* "Quit? y/n" instead of the key help */
	const char *message;  /* a one-line notice, or NULL */
};

void screen_render(const struct screen_state *st, struct frame *f);

#endif
