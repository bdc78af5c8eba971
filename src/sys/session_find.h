/* Finding the user's desktop session from wherever a reminder runs: cron
 * gives it no bus and no display. */
#ifndef SELFCARE_SESSION_FIND_H
#define SELFCARE_SESSION_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "remindlog.h"
#include "session.h"

/* In this order: the process's own DBUS_SESSION_BUS_ADDRESS; else
 * $XDG_RUNTIME_DIR/bus (default /run/user/UID) when that socket exists;
 * else the bus of a running process of the same uid (its
 * /proc/PID/environ; no other user's process is read), one that has a
 * display too before one that has not. DISPLAY, WAYLAND_DISPLAY and
 * XAUTHORITY come with the bus, or from a process on the same bus.
 * Returns session_rank() of the result (0: no session) and says in from
 * where the bus came ("this process", "/run/user/1000/bus", "process 4242"). */
int session_find(struct session *s, char *from, size_t len);

/* The same candidates in the same order (our own bus, the one at
 * $XDG_RUNTIME_DIR/bus, then each live bus of the user's processes, those
 * with a display first), but the first for which usable() is true; the
 * first of all when none is. A stale bus left by an older session is
 * passed over for one that can take the reminder. */
int session_find_usable(struct session *s, char *from, size_t len,
			bool (*usable)(const struct session *s));

/* Put the session into this process's environment, for GLib and for the
 * terminal that Start opens. */
void session_apply(const struct session *s);

#endif
