/* What the player says aloud, for a person who cannot look at the screen.
 * Pure: text in, text out, the time given; speaking it is the speech
 * backend's job.
 *
 * - A prepare: the step's name and side, then its instructions.
 * - A hold: what to do for how long, worded by the step's kind ("Stay here
 *   for", "Breathe like this for", "Rest for": never "hold", which after
 *   "breathe out" means hold your breath); with no prepare before it, the
 *   name and instructions first.
 * - A cue when it is due; a rest or a side switch, with how to come out of
 *   the hold before it and what comes next; a closing line at the end.
 * Text is sanitized as on the screen, {side} and {other} are filled in,
 * and the routine's pronunciations replace whole words.
 *
 * Each utterance cuts off the one still playing. The routine's own words
 * (instructions, exit, cues) are always said; the player's own (the hold
 * line, "rest for", "next", "switch to the right side") are shortened or
 * left out where they would cut routine words still being said, or would
 * not end a second before the next words are due (saytime.h estimates). */
#ifndef SELFCARE_VOICE_H
#define SELFCARE_VOICE_H

#include <stddef.h>

#include "player.h"

#define VOICE_MAX 4096
/* The quiet kept between one utterance's end and the next one's start. */
#define VOICE_GAP_MS 1000

struct voice {
	int rate;           /* speech-dispatcher's, for the estimates */
	int64_t busy_until; /* when the routine's words said last will end */
};

void voice_init(struct voice *v, int rate);

/* The words for an event into out; returns 0, or -1 when the event says
 * nothing. Keeps track, in v, of how long the routine's words last. */
int voice_for_event(struct voice *v, const struct player *p, const struct player_event *ev,
		    char *out, size_t len);

/* The safety notes as said: "Safety notes. ..." then each note, and
 * tail (such as "Press Enter to begin."), if not NULL. Returns 0, or -1
 * when the routine has none. */
#define VOICE_SAFETY_MAX 9216
int voice_safety(const struct routine *r, const char *tail, char *out, size_t len);

/* The line that starts a hold: "Stay here for 45 seconds." */
char *voice_hold_line(enum step_kind kind, unsigned seconds, char *buf, size_t len);

/* A duration as said: "45 seconds", "1 minute 30 seconds", "2 minutes". */
char *voice_duration(unsigned seconds, char *buf, size_t len);

/* text with each pronounced word replaced (whole words, any case), and
 * sanitized. Returns out. */
char *voice_pronounce(const struct routine *r, const char *text, char *out, size_t len);

/* The check-in's questions: as shown, and as said. */
extern const char checkin_before[];
extern const char checkin_after[];
extern const char checkin_before_said[];
extern const char checkin_after_said[];

#endif
