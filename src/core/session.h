/* The user's desktop session, as a reminder started by cron or a timer
 * must find it: which session bus, which display. Pure: the caller reads
 * the environments (its own, and /proc/PID/environ of the user's own
 * processes) and passes them in. */
#ifndef SELFCARE_SESSION_H
#define SELFCARE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#define SESSION_VALUE_MAX 512

/* What a reminder needs from a session; "" for what it does not have. */
struct session {
	char bus[SESSION_VALUE_MAX];        /* DBUS_SESSION_BUS_ADDRESS */
	char display[SESSION_VALUE_MAX];    /* DISPLAY */
	char wayland[SESSION_VALUE_MAX];    /* WAYLAND_DISPLAY */
	char xauthority[SESSION_VALUE_MAX]; /* XAUTHORITY */
	char terminal[SESSION_VALUE_MAX];   /* SELFCARE_TERMINAL: our own only */
	char runtime_dir[SESSION_VALUE_MAX]; /* XDG_RUNTIME_DIR (WAYLAND_DISPLAY is relative to it) */
};

/* The session variables of one environment: a block of NUL-terminated
 * NAME=value strings, as /proc/PID/environ holds it (len bytes). A value
 * too long or holding a control character is left out. */
void session_from_environ(const char *block, size_t len, struct session *out);

/* How good a process's environment is as the user's session: 0 none (no
 * usable bus address), 1 a bus only, 2 a bus and a display. A usable bus
 * address is a unix: one, as dbus-launch and systemd give. */
int session_rank(const struct session *s);

/* Take what dst lacks from src, a process of the same user: with no bus,
 * src's whole session (bus, display and all); with a bus, src's display
 * only when src is on that same bus (a display without its own bus would
 * be another session's). Never src's SELFCARE_TERMINAL: a command from
 * another process is not run. */
void session_merge(struct session *dst, const struct session *src);

/* The socket path in a "unix:path=/tmp/dbus-X,guid=..." address; false for
 * an abstract socket or anything else. */
bool session_path_of_bus(const char *bus, char *path, size_t len);
/* The same bus: the same socket path (slashes squeezed), or the same text. */
bool session_same_bus(const char *a, const char *b);

#endif
