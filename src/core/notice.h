/* What the player says: segment labels and notification text. Pure. */
#ifndef SELFCARE_NOTICE_H
#define SELFCARE_NOTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "player.h"

#define NOTICE_SUMMARY_MAX 256
#define NOTICE_BODY_MAX 2600

/* How long a notification stays. */
enum notice_life {
	NOTICE_SEGMENT, /* until the next one replaces it: it never expires */
	NOTICE_FINAL,   /* the server's usual time, then gone */
	NOTICE_CLOSE,   /* take down the one that is up */
};

/* A desktop notification. summary is plain text; body is escaped for the
 * server's markup (&, <, >, quotes). sound is a sound-name hint, or NULL
 * for none. */
struct notice {
	char summary[NOTICE_SUMMARY_MAX];
	char body[NOTICE_BODY_MAX];
	const char *sound;
	bool suppress_sound; /* selfcare plays its own: the server should not */
	enum notice_life life;
};

/* Fill n for an event; returns 0 when the event deserves a notification
 * (segment starts, cues, the finish and a quit), -1 otherwise. until is
 * the wall-clock time the segment ends ("10:42"), or NULL. A hold's
 * notification says what to do, the side, until when and what comes
 * next; a cue updates it in place, first line first. */
int notice_for_event(const struct player *p, const struct player_event *ev, const char *until,
		     struct notice *n);

/* The reminder for routine name: "Time for Psoas release (15 min)", and
 * the command that starts it. */
void notice_for_reminder(const struct routine *r, const char *name, struct notice *n);

/* Escape text for notification markup (after dropping control
 * characters). */
char *markup_escape(const char *s, char *out, size_t len);

#endif
