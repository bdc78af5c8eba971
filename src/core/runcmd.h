/* What a person asks of a running routine, as one set of commands, and the
 * state of the run's own interface: a page over the routine ("?", "s") and
 * the quit question. Keys become commands here (through the one key table);
 * a spoken command will become the same commands. Pure: the time is an
 * argument, and what the shell must do besides (read the notes aloud, print
 * a line) comes back as effects. */
#ifndef SELFCARE_RUNCMD_H
#define SELFCARE_RUNCMD_H

#include <stdbool.h>
#include <stdint.h>

#include "keys.h"
#include "player.h"
#include "screen.h"

enum run_cmd {
	RUN_CMD_NONE,
	RUN_CMD_PAUSE,    /* pause; nothing when paused (a spoken "pause") */
	RUN_CMD_RESUME,   /* resume; nothing when running */
	RUN_CMD_TOGGLE,   /* space: pause, or resume */
	RUN_CMD_NEXT,
	RUN_CMD_BACK,
	RUN_CMD_RESTART,
	RUN_CMD_PLUS,     /* 10 s more */
	RUN_CMD_MINUS,    /* 10 s less */
	RUN_CMD_KEYS,     /* the keys, over the paused routine */
	RUN_CMD_SAFETY,   /* the safety notes, over the paused routine, read aloud */
	RUN_CMD_PAGE,     /* the page over the routine: its next page */
	RUN_CMD_CLOSE,    /* the page over the routine: put away */
	RUN_CMD_ASK_QUIT, /* asks first; the routine waits for the answer */
	RUN_CMD_YES,      /* the answer: quit */
	RUN_CMD_NO,       /* the answer: go on, as it was */
	RUN_CMD_QUIT,     /* at once */
};

struct run_ui {
	bool screen;                 /* the full screen; else plain lines */
	enum screen_overlay overlay; /* the page over the routine, or none */
	bool overlay_paused;         /* the page paused the routine: resume after */
	unsigned overlay_skip;       /* lines of it scrolled past */
	unsigned overlay_next;       /* where its next page starts, 0 when none
				      * (set by the shell from the last frame) */
	bool asking;                 /* "Quit this routine?" is open */
	bool asking_paused;          /* the question paused the routine */
};

/* What the shell does besides, as bits of run_ui_apply's result. */
enum run_effect {
	RUN_FX_SAY_SAFETY = 1 << 0,   /* read the safety notes aloud */
	RUN_FX_HUSH = 1 << 1,         /* stop reading them */
	RUN_FX_PRINT_KEYS = 1 << 2,   /* plain: a line per key */
	RUN_FX_PRINT_SAFETY = 1 << 3, /* plain: a line per note */
	RUN_FX_ASKED = 1 << 4,        /* plain: print the quit question */
	RUN_FX_REDRAW = 1 << 5,       /* the screen changed */
};

/* The command a key is now: while the quit question is open, y and q (or
 * Esc) are yes and anything else no; while a page is over the routine,
 * space turns it (when it has another) and q asks to quit, and anything
 * else puts it away. byte is the key's first byte. */
enum run_cmd run_cmd_for_key(const struct run_ui *ui, enum key_action a, char byte);

/* Apply cmd to the player and the interface at now; returns effects. A
 * command that has no sense in the state it meets (resume while running,
 * a page turned with none open) changes nothing. */
unsigned run_ui_apply(struct run_ui *ui, struct player *p, enum run_cmd cmd, int64_t now);

#endif
