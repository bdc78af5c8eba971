/* Desktop notifications behind a small struct of function pointers, so the
 * player can run with libnotify, with nothing, or with a test recorder. */
#ifndef SELFCARE_NOTIFIER_H
#define SELFCARE_NOTIFIER_H

#include <stdbool.h>
#include <stddef.h>

#include "notice.h"

/* The icon and desktop entry of every selfcare notification. The symbolic
 * icon, because dunst with Adwaita draws it and not the plain one. */
#define NOTIFIER_ICON "appointment-soon-symbolic"
#define NOTIFIER_DESKTOP_ENTRY "selfcare"

struct notifier {
	/* Hand over a notice; never blocks. A notice not yet sent is
	 * replaced by a newer one: only the current state matters. */
	void (*post)(struct notifier *n, const struct notice *note);
	/* Why notifications stopped working, in a few plain words ("no
	 * notification server"), or NULL while they work. */
	const char *(*failure)(struct notifier *n);
	/* A descriptor that becomes readable when failure() turns non-NULL,
	 * or -1. */
	int (*fd)(struct notifier *n);
	/* Deliver what is pending within wait_ms (then drop it); never blocks. */
	void (*stop)(struct notifier *n, int wait_ms);
	/* The same, then wait for it (an earlier stop's deadline stays), and
	 * free n. */
	void (*close)(struct notifier *n, int wait_ms);
};

/* Notifications that are off are a NULL struct notifier, or NULL
 * methods: these calls do nothing then, and failure() is NULL. */
static inline void notifier_post(struct notifier *n, const struct notice *note)
{
	if (n && n->post)
		n->post(n, note);
}
static inline const char *notifier_failure(struct notifier *n)
{
	return n && n->failure ? n->failure(n) : NULL;
}
static inline int notifier_fd(struct notifier *n)
{
	return n && n->fd ? n->fd(n) : -1;
}
static inline void notifier_stop(struct notifier *n, int wait_ms)
{
	if (n && n->stop)
		n->stop(n, wait_ms);
}
static inline void notifier_close(struct notifier *n, int wait_ms)
{
	if (n && n->close)
		n->close(n, wait_ms);
}

/* libnotify on a worker thread (worker.h), which also loads it:
 * notify_notification_show can block for 25 s on a hung daemon and must
 * never run on the thread that keeps time. */
struct notifier *notifier_libnotify_open(const char *app);
/* Whether a notification server answers on the session bus bus (a D-Bus
 * address): asked from a child process, which this process waits for at
 * most timeout_ms, so that neither a hung bus nor GLib's cached connection
 * stays behind. */
bool notifier_server_on(const char *bus, int timeout_ms);

/* Who the notification server on this process's session bus is, asked
 * through libnotify in this process (for doctor and schedule, which call
 * nothing else of it): 0, or -1 with why (libnotify missing, no server). */
struct notify_server {
	char name[64], vendor[64], version[32];
	char caps[300]; /* its capabilities, comma-separated */
	bool actions;   /* buttons: a reminder's Start and Snooze */
};
int notifier_server_info(struct notify_server *out, char *why, size_t len);

#endif
