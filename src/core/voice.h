/* What the player says aloud, for a person who cannot look at the screen.
 * Pure: text in, text out; speaking it is the speech backend's job.
 *
 * - A prepare: the step's name and side, then its instructions.
 * - A hold: its length; with no prepare before it, the name and
 *   instructions first.
 * - A cue when it is due; a rest or a side switch, with how to come out of
 *   the hold before it and what comes next; a closing line at the end.
 * Text is sanitized as on the screen, and the routine's pronunciations
 * replace whole words. */
#ifndef SELFCARE_VOICE_H
#define SELFCARE_VOICE_H

#include <stddef.h>

#include "player.h"

#define VOICE_MAX 4096

/* The words for an event into out; returns 0, or -1 when the event says
 * nothing. */
int voice_for_event(const struct player *p, const struct player_event *ev, char *out,
		    size_t len);

/* A duration as said: "45 seconds", "1 minute 30 seconds", "2 minutes". */
char *voice_duration(unsigned seconds, char *buf, size_t len);

/* text with each pronounced word replaced (whole words, any case), and
 * sanitized. Returns out. */
char *voice_pronounce(const struct routine *r, const char *text, char *out, size_t len);

#endif
