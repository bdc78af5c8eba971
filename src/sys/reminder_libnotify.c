#include "reminder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynlibs.h"
#include "notifier.h"
#include "util.h"

struct reminder {
	const struct lib_notify *L;
	GMainLoop *loop;
	NotifyNotification *n;
	bool waiting;
	enum reminder_answer answer;
	guint timeout; /* the wait for an answer, while it runs */
};

struct reminder *reminder_open(char *why, size_t len)
{
	const char *missing = NULL;
	const struct lib_notify *L = lib_notify(&missing);

	if (L == NULL) {
		snprintf(why, len, "libnotify is not installed (%s)", missing);
		return NULL;
	}
	lib_notify_silence(L);
	if (!L->notify_init("selfcare")) {
		snprintf(why, len, "cannot initialise libnotify");
		return NULL;
	}
	struct reminder *rm = xcalloc(1, sizeof(*rm));
	rm->L = L;
	rm->loop = L->g_main_loop_new(NULL, FALSE);
	return rm;
}

bool reminder_server_has_actions(struct reminder *rm)
{
	GList *caps = rm->L->notify_get_server_caps();
	bool yes = false;
	for (GList *c = caps; c; c = c->next)
		if (strcmp(c->data, "actions") == 0)
			yes = true;
	rm->L->g_list_free_full(caps, rm->L->g_free);
	return yes;
}

/* The first answer is the one: a Start that closes the notification is not
 * also a dismissal. */
static void answered(struct reminder *rm, enum reminder_answer a)
{
	if (!rm->waiting)
		return;
	rm->waiting = false;
	rm->answer = a;
	rm->L->g_main_loop_quit(rm->loop);
}

static void on_start(NotifyNotification *n, char *action, gpointer data)
{
	(void)n;
	(void)action;
	answered(data, REMINDER_START);
}

static void on_snooze(NotifyNotification *n, char *action, gpointer data)
{
	(void)n;
	(void)action;
	answered(data, REMINDER_SNOOZE);
}

static void on_closed(NotifyNotification *n, gpointer data)
{
	struct reminder *rm = data;
	/* 1 expired, 2 dismissed by the user, 3 closed by a call, 4 other. */
	int reason = rm->L->notify_notification_get_closed_reason(n);
	answered(rm, reason == 1 ? REMINDER_EXPIRED : REMINDER_DISMISSED);
}

static gboolean on_timeout(gpointer data)
{
	struct reminder *rm = data;
	rm->timeout = 0;
	answered(rm, REMINDER_TIMEOUT);
	return G_SOURCE_REMOVE;
}

static gboolean on_slept(gpointer data)
{
	struct reminder *rm = data;
	rm->L->g_main_loop_quit(rm->loop);
	return G_SOURCE_REMOVE;
}

int reminder_show(struct reminder *rm, const struct notice *note, const char *snooze, char *why,
		  size_t len)
{
	const struct lib_notify *L = rm->L;

	if (rm->n)
		L->g_object_unref(rm->n);
	rm->n = L->notify_notification_new(note->summary, note->body, NOTIFIER_ICON);
	L->notify_notification_set_category(rm->n, "x-selfcare.reminder");
	L->notify_notification_set_urgency(rm->n, NOTIFY_URGENCY_NORMAL);
	if (note->sound)
		L->notify_notification_set_hint(rm->n, "sound-name", L->g_variant_new_string(note->sound));
	L->notify_notification_set_hint(rm->n, "desktop-entry",
					L->g_variant_new_string(NOTIFIER_DESKTOP_ENTRY));
	if (snooze) {
		/* "default" is a click on the body: it starts too. */
		L->notify_notification_add_action(rm->n, "default", "Start", on_start, rm, NULL);
		L->notify_notification_add_action(rm->n, "start", "Start", on_start, rm, NULL);
		L->notify_notification_add_action(rm->n, "snooze", snooze, on_snooze, rm, NULL);
		L->g_signal_connect_data(rm->n, "closed", G_CALLBACK(on_closed), rm, NULL, 0);
		/* It waits for the person, not for the server's 10 s. */
		L->notify_notification_set_timeout(rm->n, NOTIFY_EXPIRES_NEVER);
	}
	GError *err = NULL;
	if (!L->notify_notification_show(rm->n, &err)) {
		snprintf(why, len, "cannot show a notification: no notification server answers (%s)",
			 err ? err->message : "no reason given");
		if (err)
			L->g_error_free(err);
		return -1;
	}
	return 0;
}

enum reminder_answer reminder_wait(struct reminder *rm, unsigned timeout_s)
{
	rm->waiting = true;
	rm->timeout = rm->L->g_timeout_add_seconds(timeout_s, on_timeout, rm);
	rm->L->g_main_loop_run(rm->loop);
	if (rm->timeout)
		rm->L->g_source_remove(rm->timeout);
	rm->timeout = 0;
	return rm->answer;
}

void reminder_replace(struct reminder *rm, const char *summary, const char *body)
{
	const struct lib_notify *L = rm->L;
	L->notify_notification_clear_actions(rm->n);
	L->notify_notification_set_timeout(rm->n, NOTIFY_EXPIRES_DEFAULT);
	L->notify_notification_update(rm->n, summary, body, NOTIFIER_ICON);
	L->notify_notification_show(rm->n, NULL);
}

void reminder_withdraw(struct reminder *rm)
{
	if (rm->n)
		rm->L->notify_notification_close(rm->n, NULL);
}

int reminder_spawn(struct reminder *rm, const char *cmdline, const char *const *tail, int *pid,
		   char *why, size_t len)
{
	const struct lib_notify *L = rm->L;
	gchar **argv = NULL;
	GError *err = NULL;
	GPid child;

	if (!L->g_shell_parse_argv(cmdline, NULL, &argv, &err)) {
		snprintf(why, len, "%s", err->message);
		L->g_error_free(err);
		return -2;
	}
	guint n_args = L->g_strv_length(argv), n_tail = 0;
	while (tail[n_tail])
		n_tail++;
	gchar **full = xcalloc(n_args + n_tail + 1, sizeof(*full));
	for (guint i = 0; i < n_args; i++)
		full[i] = argv[i];
	for (guint i = 0; i < n_tail; i++)
		full[n_args + i] = (gchar *)tail[i];
	int rc = 0;
	if (!L->g_spawn_async(NULL, full, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL,
			      NULL, &child, &err)) {
		snprintf(why, len, "%s", err->message);
		L->g_error_free(err);
		rc = -1;
	} else {
		*pid = child;
	}
	free(full);
	L->g_strfreev(argv);
	return rc;
}

void reminder_sleep(struct reminder *rm, unsigned ms)
{
	rm->L->g_timeout_add(ms, on_slept, rm);
	rm->L->g_main_loop_run(rm->loop);
}

void reminder_close(struct reminder *rm)
{
	if (rm == NULL)
		return;
	if (rm->loop)
		rm->L->g_main_loop_unref(rm->loop);
	if (rm->n)
		rm->L->g_object_unref(rm->n);
	rm->L->notify_uninit();
	free(rm);
}
