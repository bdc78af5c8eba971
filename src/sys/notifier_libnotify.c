#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs.h"
#include "notifier.h"
#include "util.h"
#include "worker.h"

#define CATEGORY "x-selfcare.routine"
#define GIVE_UP_MS 50 /* a local Notify round trip takes a few ms */

struct lnotify {
	struct notifier base;
	struct worker w;
	char app[64];
	const struct lib_notify *lib; /* set by the worker, which loads it */
	struct notice pending;
	bool has_pending;
	bool shown; /* a notification got through */
	NotifyNotification *nn;
};

#define LNOTIFY(wp) ((struct lnotify *)((char *)(wp) - offsetof(struct lnotify, w)))

static void show(struct lnotify *n, const struct notice *note)
{
	const struct lib_notify *L = n->lib;

	if (note->life == NOTICE_CLOSE) {
		/* The run is over: no stale "Next: ..." left behind. */
		if (n->nn != NULL)
			L->notify_notification_close(n->nn, NULL);
		return;
	}
	if (n->nn == NULL)
		n->nn = L->notify_notification_new(note->summary, note->body, NOTIFIER_ICON);
	else
		L->notify_notification_update(n->nn, note->summary, note->body, NOTIFIER_ICON);
	L->notify_notification_set_category(n->nn, CATEGORY);
	L->notify_notification_set_urgency(n->nn, NOTIFY_URGENCY_NORMAL);
	L->notify_notification_set_hint(n->nn, "sound-name",
					note->sound ? L->g_variant_new_string(note->sound) : NULL);
	L->notify_notification_set_hint(n->nn, "suppress-sound",
					note->suppress_sound ? L->g_variant_new_boolean(TRUE) : NULL);
	L->notify_notification_set_hint(n->nn, "transient", L->g_variant_new_boolean(TRUE));
	L->notify_notification_set_hint(n->nn, "desktop-entry", L->g_variant_new_string(NOTIFIER_DESKTOP_ENTRY));
	/* A segment's notice stays until the next replaces it; the last one
	 * goes in the server's own time. */
	L->notify_notification_set_timeout(n->nn, note->life == NOTICE_SEGMENT ? NOTIFY_EXPIRES_NEVER
									    : NOTIFY_EXPIRES_DEFAULT);
	GError *err = NULL;
	if (L->notify_notification_show(n->nn, &err)) {
		n->shown = true;
		return;
	}
	/* Said in words a person knows; GLib's own text
	 * ("org.freedesktop.DBus.Error.ServiceUnknown: ...") helps nobody lying
	 * on the floor. */
	bool timeout = err && err->domain == L->g_io_error_quark() && err->code == G_IO_ERROR_TIMED_OUT;
	worker_fail(&n->w, "%s", timeout   ? "the notification server stopped answering"
				 : n->shown ? "the notification server went away"
					    : "no notification server");
	if (err)
		L->g_error_free(err);
}

static void body(struct worker *w)
{
	struct lnotify *n = LNOTIFY(w);
	const char *why = NULL;

	n->lib = lib_notify(&why);
	if (n->lib == NULL)
		worker_fail(w, "libnotify is not installed (%.160s)", why);
	else if (!n->lib->notify_init(n->app))
		worker_fail(w, "cannot initialise libnotify");
	worker_lock(w);
	for (;;) {
		while (!n->has_pending && !w->stop)
			worker_wait_locked(w);
		if (!n->has_pending || worker_late_locked(w))
			break;
		struct notice note = n->pending;
		n->has_pending = false;
		if (worker_failed(w))
			continue;
		worker_busy_locked(w);
		worker_unlock(w);
		show(n, &note);
		worker_lock(w);
		worker_idle_locked(w);
	}
	worker_unlock(w);
	if (n->nn)
		n->lib->g_object_unref(n->nn);
	if (n->lib && n->lib->notify_is_initted())
		n->lib->notify_uninit();
}

static void release(struct worker *w)
{
	worker_release(w);
	free(LNOTIFY(w));
}

static const struct worker_ops ops = {
	.name = "sc-notify",
	.body = body,
	.release = release,
	/* A hung server is found out by libnotify's own 25 s timeout while
	 * running; at the end a call that has taken 50 ms is not waited for. */
	.give_up_ms = GIVE_UP_MS,
	.stuck_why = "the notification server stopped answering",
};

static void post(struct notifier *base, const struct notice *note)
{
	struct lnotify *n = (struct lnotify *)base;

	if (worker_failed(&n->w))
		return;
	worker_lock(&n->w);
	n->pending = *note;
	n->has_pending = true;
	worker_wake_locked(&n->w);
	worker_unlock(&n->w);
}

static const char *failure(struct notifier *base)
{
	return worker_failure(&((struct lnotify *)base)->w);
}

static int fd(struct notifier *base)
{
	return worker_fd(&((struct lnotify *)base)->w);
}

static void stop_notifier(struct notifier *base, int wait_ms)
{
	worker_stop(&((struct lnotify *)base)->w, wait_ms);
}

static void close_notifier(struct notifier *base, int wait_ms)
{
	struct lnotify *n = (struct lnotify *)base;
	worker_stop(&n->w, wait_ms);
	worker_join(&n->w, 0);
}

struct notifier *notifier_libnotify_open(const char *app)
{
	struct lnotify *n = xcalloc(1, sizeof(*n));

	n->base = (struct notifier){.post = post, .failure = failure, .fd = fd,
				    .stop = stop_notifier, .close = close_notifier};
	snprintf(n->app, sizeof(n->app), "%s", app);
	if (worker_start(&n->w, &ops) != 0) {
		free(n);
		return NULL;
	}
	return &n->base;
}

bool notifier_server_on(const char *bus, int timeout_ms)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		const char *missing;
		setenv("DBUS_SESSION_BUS_ADDRESS", bus, 1);
		const struct lib_notify *L = lib_notify(&missing);
		char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
		if (L == NULL)
			_exit(2);
		lib_notify_silence(L);
		bool ok = L->notify_init("selfcare") &&
			  L->notify_get_server_info(&name, &vendor, &version, &spec);
		_exit(ok ? 0 : 1);
	}
	int status = 0;
	pid_t done = 0;
	for (int waited = 0; done == 0; waited += 20) {
		done = waitpid(pid, &status, WNOHANG);
		if (done == 0 && waited >= timeout_ms) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return false;
		}
		if (done == 0)
			nanosleep(&(struct timespec){.tv_nsec = 20 * 1000 * 1000}, NULL);
	}
	return done == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int notifier_server_info(struct notify_server *out, char *why, size_t len)
{
	const char *missing = NULL;
	const struct lib_notify *L = lib_notify(&missing);
	char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (L == NULL) {
		snprintf(why, len, "libnotify is not installed (%s)", missing);
		return -1;
	}
	lib_notify_silence(L);
	if (!L->notify_init("selfcare") ||
	    !L->notify_get_server_info(&name, &vendor, &version, &spec)) {
		snprintf(why, len, "no notification server answers on the session bus");
		goto out;
	}
	snprintf(out->name, sizeof(out->name), "%s", name ? name : "?");
	snprintf(out->vendor, sizeof(out->vendor), "%s", vendor ? vendor : "?");
	snprintf(out->version, sizeof(out->version), "%s", version ? version : "?");
	GList *list = L->notify_get_server_caps();
	for (GList *c = list; c; c = c->next) {
		const char *cap = c->data;
		size_t o = strlen(out->caps);
		out->actions |= strcmp(cap, "actions") == 0;
		snprintf(out->caps + o, sizeof(out->caps) - o, "%s%s", o ? ", " : "", cap);
	}
	L->g_list_free_full(list, L->g_free);
	rc = 0;
out:
	L->g_free(name);
	L->g_free(vendor);
	L->g_free(version);
	L->g_free(spec);
	if (L->notify_is_initted())
		L->notify_uninit();
	return rc;
}
