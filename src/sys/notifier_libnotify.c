#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs.h"
#include "notifier.h"
#include "timeutil.h"
#include "util.h"

#define CATEGORY "x-selfcare.routine"
#define STUCK_MS 50 /* a local Notify round trip takes a few ms */

static struct timespec now_realtime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

struct lnotify {
	struct notifier base;
	char app[64];
	const struct lib_notify *lib; /* set by the worker, which loads it */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct notice pending;
	bool has_pending, busy, stop;
	struct timespec busy_since; /* CLOCK_MONOTONIC */
	atomic_bool failed;
	char why[256];
	int efd;
};

static void fail(struct lnotify *n, const char *why)
{
	snprintf(n->why, sizeof(n->why), "%s", why);
	atomic_store(&n->failed, true);
	uint64_t one = 1;
	if (write(n->efd, &one, sizeof(one)) < 0) {
		/* The flag is set; the main loop sees it on its next wake. */
	}
}

static void *worker(void *arg)
{
	struct lnotify *n = arg;
	NotifyNotification *nn = NULL;
	struct notice note;
	bool shown = false; /* a notification got through */

	const char *why = NULL;

	n->lib = lib_notify(&why);
	if (n->lib == NULL) {
		char msg[200];
		snprintf(msg, sizeof(msg), "libnotify is not installed (%.160s)", why);
		fail(n, msg);
	} else if (!n->lib->notify_init(n->app)) {
		fail(n, "cannot initialise libnotify");
	}
	for (;;) {
		pthread_mutex_lock(&n->mu);
		while (!n->has_pending && !n->stop)
			pthread_cond_wait(&n->cv, &n->mu);
		if (!n->has_pending) {
			pthread_mutex_unlock(&n->mu);
			break;
		}
		note = n->pending;
		n->has_pending = false;
		n->busy = true;
		clock_gettime(CLOCK_MONOTONIC, &n->busy_since);
		pthread_mutex_unlock(&n->mu);

		if (!atomic_load(&n->failed) && note.life == NOTICE_CLOSE) {
			/* The run is over: no stale "Next: ..." left behind. */
			if (nn != NULL)
				n->lib->notify_notification_close(nn, NULL);
		} else if (!atomic_load(&n->failed)) {
			if (nn == NULL)
				nn = n->lib->notify_notification_new(note.summary, note.body, NOTIFIER_ICON);
			else
				n->lib->notify_notification_update(nn, note.summary, note.body, NOTIFIER_ICON);
			n->lib->notify_notification_set_category(nn, CATEGORY);
			n->lib->notify_notification_set_urgency(nn, NOTIFY_URGENCY_NORMAL);
			n->lib->notify_notification_set_hint(nn, "sound-name",
						     note.sound ? n->lib->g_variant_new_string(note.sound) : NULL);
			n->lib->notify_notification_set_hint(nn, "suppress-sound",
						     note.suppress_sound ? n->lib->g_variant_new_boolean(TRUE) : NULL);
			n->lib->notify_notification_set_hint(nn, "transient", n->lib->g_variant_new_boolean(TRUE));
			n->lib->notify_notification_set_hint(nn, "desktop-entry",
						     n->lib->g_variant_new_string(NOTIFIER_DESKTOP_ENTRY));
			/* A segment's notice stays until the next replaces it;
			 * the last one goes in the server's own time. */
			n->lib->notify_notification_set_timeout(nn, note.life == NOTICE_SEGMENT
								 ? NOTIFY_EXPIRES_NEVER
								 : NOTIFY_EXPIRES_DEFAULT);
			GError *err = NULL;
			if (n->lib->notify_notification_show(nn, &err)) {
				shown = true;
			} else {
				/* Said in words a person knows; GLib's own text
				 * ("org.freedesktop.DBus.Error.ServiceUnknown: ...")
				 * helps nobody lying on the floor. */
				bool timeout = err && err->domain == n->lib->g_io_error_quark() &&
					       err->code == G_IO_ERROR_TIMED_OUT;
				fail(n, timeout ? "the notification server stopped answering"
				     : shown   ? "the notification server went away"
						: "no notification server");
				if (err)
					n->lib->g_error_free(err);
			}
		}

		pthread_mutex_lock(&n->mu);
		n->busy = false;
		pthread_cond_broadcast(&n->cv);
		pthread_mutex_unlock(&n->mu);
	}
	if (nn)
		n->lib->g_object_unref(nn);
	if (n->lib && n->lib->notify_is_initted())
		n->lib->notify_uninit();
	return NULL;
}

static void post(struct notifier *base, const struct notice *note)
{
	struct lnotify *n = (struct lnotify *)base;

	if (atomic_load(&n->failed))
		return;
	pthread_mutex_lock(&n->mu);
	n->pending = *note;
	n->has_pending = true;
	pthread_cond_signal(&n->cv);
	pthread_mutex_unlock(&n->mu);
}

static const char *failure(struct notifier *base)
{
	struct lnotify *n = (struct lnotify *)base;
	return atomic_load(&n->failed) ? n->why : NULL;
}

static int fd(struct notifier *base)
{
	return ((struct lnotify *)base)->efd;
}

static void close_notifier(struct notifier *base, int wait_ms)
{
	struct lnotify *n = (struct lnotify *)base;
	struct timespec until;
	bool done;

	until = realtime_after_ms(wait_ms);
	pthread_mutex_lock(&n->mu);
	n->stop = true;
	pthread_cond_signal(&n->cv);
	if (n->busy) {
		/* A call that has taken this long is stuck on a hung server: do
		 * not wait for it at all. */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t ms = (int64_t)(now.tv_sec - n->busy_since.tv_sec) * 1000 +
			     (now.tv_nsec - n->busy_since.tv_nsec) / 1000000;
		if (ms >= STUCK_MS)
			until = now_realtime();
	}
	while (n->has_pending || n->busy) {
		if (pthread_cond_timedwait(&n->cv, &n->mu, &until) == ETIMEDOUT)
			break;
	}
	done = !n->has_pending && !n->busy;
	pthread_mutex_unlock(&n->mu);
	if (done) {
		pthread_join(n->thread, NULL);
		close(n->efd);
		pthread_cond_destroy(&n->cv);
		pthread_mutex_destroy(&n->mu);
		free(n);
	}
	/* Otherwise the worker is stuck in a D-Bus call to a hung server:
	 * leave it; the process is about to exit and takes it along. */
}

struct notifier *notifier_libnotify_open(const char *app)
{
	struct lnotify *n = xcalloc(1, sizeof(*n));

	n->base = (struct notifier){.post = post, .failure = failure, .fd = fd,
				    .close = close_notifier};
	snprintf(n->app, sizeof(n->app), "%s", app);
	atomic_init(&n->failed, false);
	pthread_mutex_init(&n->mu, NULL);
	pthread_cond_init(&n->cv, NULL);
	n->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (n->efd < 0 || pthread_create(&n->thread, NULL, worker, n) != 0) {
		if (n->efd >= 0)
			close(n->efd);
		pthread_cond_destroy(&n->cv);
		pthread_mutex_destroy(&n->mu);
		free(n);
		return NULL;
	}
	return &n->base;
}

static void null_post(struct notifier *n, const struct notice *note)
{
	(void)n;
	(void)note;
}

static const char *null_failure(struct notifier *n)
{
	(void)n;
	return NULL;
}

static int null_fd(struct notifier *n)
{
	(void)n;
	return -1;
}

static void null_close(struct notifier *n, int wait_ms)
{
	(void)wait_ms;
	free(n);
}

struct notifier *notifier_null_open(void)
{
	struct notifier *n = xcalloc(1, sizeof(*n));
	*n = (struct notifier){.post = null_post, .failure = null_failure, .fd = null_fd,
			       .close = null_close};
	return n;
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
