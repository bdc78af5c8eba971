/* A reminder on the desktop, through libnotify and a GLib main loop: shown
 * with Start and Snooze where the server offers buttons, then waited on
 * until the person answers, it goes away, or the wait runs out. This file
 * is all of `remind` that calls libnotify or GLib; cmd_remind.c decides
 * what to do with the answer. One per process; not for a run (notifier.h
 * is, with a worker thread). */
#ifndef SELFCARE_REMINDER_H
#define SELFCARE_REMINDER_H

#include <stdbool.h>
#include <stddef.h>

#include "notice.h"

enum reminder_answer {
	REMINDER_START,	    /* Start, or a click on the notification */
	REMINDER_SNOOZE,
	REMINDER_DISMISSED, /* closed by the person (or by another program) */
	REMINDER_EXPIRED,   /* the server let it go */
	REMINDER_TIMEOUT,   /* nobody answered within the wait */
};

struct reminder;

/* libnotify loaded and initialised on this process's session bus: the
 * reminder, or NULL with why. */
struct reminder *reminder_open(char *why, size_t len);
/* Whether the server draws buttons (its "actions" capability). */
bool reminder_server_has_actions(struct reminder *rm);
/* Show note (a new notification each time); with snooze (the Snooze
 * button's label, "Snooze 10m"), with Start and Snooze and no expiry.
 * 0, or -1 with why. */
int reminder_show(struct reminder *rm, const struct notice *note, const char *snooze, char *why,
		  size_t len);
/* After a show with buttons: wait for the answer, timeout_s at most. */
enum reminder_answer reminder_wait(struct reminder *rm, unsigned timeout_s);
/* The notification shown again, with body instead and no buttons, in the
 * server's own time (Start could not open a terminal). */
void reminder_replace(struct reminder *rm, const char *summary, const char *body);
/* Take it off the screen: answered, or no buttons left that nothing would
 * answer. */
void reminder_withdraw(struct reminder *rm);
/* Start cmdline (a shell-quoted command line, as GLib parses one) with
 * the words of tail after its own, not waited for: 0 with *pid; -2 with
 * why when cmdline is not a command line; -1 with why when it cannot be
 * started. */
int reminder_spawn(struct reminder *rm, const char *cmdline, const char *const *tail, int *pid,
		   char *why, size_t len);
/* Wait ms (a snooze), on the main loop. */
void reminder_sleep(struct reminder *rm, unsigned ms);
void reminder_close(struct reminder *rm);

#endif
