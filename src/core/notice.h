/* What the player says: segment labels and notification text. Pure. */
#ifndef SELFCARE_NOTICE_H
#define SELFCARE_NOTICE_H

#include <stddef.h>

#include "player.h"

#define NOTICE_SUMMARY_MAX 256
#define NOTICE_BODY_MAX 2600

/* A desktop notification. summary is plain text; body is escaped for the
 * server's markup (&, <, >, quotes). sound is a sound-name hint. */
struct notice {
	char summary[NOTICE_SUMMARY_MAX];
	char body[NOTICE_BODY_MAX];
	const char *sound;
};

/* Fill n for an event; returns 0 when the event deserves a notification
 * (segment starts and the finish), -1 otherwise. */
int notice_for_event(const struct player *p, const struct player_event *ev, struct notice *n);

/* The reminder for routine name: "Time for Psoas release (15 min)", and
 * the command that starts it. */
void notice_for_reminder(const struct routine *r, const char *name, struct notice *n);

/* Escape text for notification markup (after dropping control
 * characters). */
char *markup_escape(const char *s, char *out, size_t len);

#endif
