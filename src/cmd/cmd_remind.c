/* selfcare remind NAME: what a reminder runs. One desktop notification;
 * where the server offers actions, "Start" opens a terminal playing the
 * routine. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "dynlibs.h"
#include "fsutil.h"
#include "notice.h"
#include "notifier.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

#define WAIT_FOR_ACTION_S (15 * 60)

struct remind {
	const struct lib_notify *lib;
	GMainLoop *loop;
	const char *name;
	char *exe;
	int status;
};

static void on_start(NotifyNotification *n, char *action, gpointer data)
{
	struct remind *r = data;
	const struct lib_notify *L = r->lib;
	const char *term = getenv("SELFCARE_TERMINAL");
	gchar **argv = NULL;
	GError *err = NULL;
	(void)n;
	(void)action;

	/* The terminal: $SELFCARE_TERMINAL (a command line), else Debian's
	 * x-terminal-emulator; it gets "-e selfcare run NAME". */
	if (!L->g_shell_parse_argv(term && *term ? term : "x-terminal-emulator", NULL, &argv, &err)) {
		error("remind: bad SELFCARE_TERMINAL: %s", err->message);
		L->g_error_free(err);
		r->status = EXIT_FAIL;
		L->g_main_loop_quit(r->loop);
		return;
	}
	guint n_args = L->g_strv_length(argv);
	gchar **full = xcalloc(n_args + 5, sizeof(*full));
	for (guint i = 0; i < n_args; i++)
		full[i] = argv[i];
	full[n_args] = (gchar *)"-e";
	full[n_args + 1] = r->exe;
	full[n_args + 2] = (gchar *)"run";
	full[n_args + 3] = (gchar *)r->name;
	if (!L->g_spawn_async(NULL, full, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err)) {
		error("remind: cannot open a terminal: %s", err->message);
		L->g_error_free(err);
		r->status = EXIT_FAIL;
	}
	free(full);
	L->g_strfreev(argv);
	L->g_main_loop_quit(r->loop);
}

static void on_closed(NotifyNotification *n, gpointer data)
{
	struct remind *r = data;
	(void)n;
	r->lib->g_main_loop_quit(r->loop);
}

static gboolean on_timeout(gpointer data)
{
	struct remind *r = data;
	r->lib->g_main_loop_quit(r->loop);
	return G_SOURCE_REMOVE;
}

/* libnotify logs its own warnings (such as "Failed to connect to proxy")
 * when there is no server; selfcare says what went wrong in one line. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
		      gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static bool server_has_actions(const struct lib_notify *L)
{
	GList *caps = L->notify_get_server_caps();
	bool yes = false;
	for (GList *c = caps; c; c = c->next)
		if (strcmp(c->data, "actions") == 0)
			yes = true;
	L->g_list_free_full(caps, L->g_free);
	return yes;
}

static int remind_exec(int argc, char **argv)
{
	int done = command_parse_help_only(&cmd_remind, argc, argv);
	if (done >= 0)
		return done;
	if (argc - optind != 1)
		return usage_error("remind", "remind: give one routine NAME");
	const char *name = argv[optind];
	if (!routine_name_valid(name))
		return usage_error("remind", "remind: invalid routine name");

	struct loaded l;
	int rc = load_routine_arg(name, &l);
	if (rc != EXIT_OK)
		return rc;

	struct notice note;
	notice_for_reminder(l.routine, name, &note);

	const char *why = NULL;
	const struct lib_notify *L = lib_notify(&why);
	if (L == NULL) {
		loaded_release(&l);
		return error("remind: libnotify is not available: %s", why);
	}
	struct remind r = {.lib = L, .name = name, .exe = self_exe(), .status = EXIT_OK};
	L->g_log_set_handler("libnotify", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, quiet_log, NULL);
	if (!L->notify_init("selfcare")) {
		loaded_release(&l);
		free(r.exe);
		return error("remind: cannot initialise libnotify");
	}
	NotifyNotification *n = L->notify_notification_new(note.summary, note.body, NOTIFIER_ICON);
	L->notify_notification_set_category(n, "x-selfcare.reminder");
	L->notify_notification_set_urgency(n, NOTIFY_URGENCY_NORMAL);
	L->notify_notification_set_hint(n, "sound-name", L->g_variant_new_string(note.sound));
	L->notify_notification_set_hint(n, "desktop-entry",
					L->g_variant_new_string(NOTIFIER_DESKTOP_ENTRY));
	bool actions = r.exe && server_has_actions(L);
	if (actions) {
		r.loop = L->g_main_loop_new(NULL, FALSE);
		L->notify_notification_add_action(n, "start", "Start", on_start, &r, NULL);
		L->g_signal_connect_data(n, "closed", G_CALLBACK(on_closed), &r, NULL, 0);
	}
	GError *err = NULL;
	if (!L->notify_notification_show(n, &err)) {
		rc = error("remind: cannot show a notification: %s",
			   err ? err->message : "no notification server");
		if (err)
			L->g_error_free(err);
	} else if (actions) {
		/* Wait for "Start" or for the notification to go away. */
		L->g_timeout_add_seconds(WAIT_FOR_ACTION_S, on_timeout, &r);
		L->g_main_loop_run(r.loop);
		rc = r.status;
	}
	if (r.loop)
		L->g_main_loop_unref(r.loop);
	L->g_object_unref(n);
	L->notify_uninit();
	free(r.exe);
	loaded_release(&l);
	return rc;
}

const struct command cmd_remind = {
	.name = "remind",
	.summary = "send the reminder notification for a routine",
	.usage = "NAME",
	.help = "Send a desktop notification: \"Time for TITLE (N min)\", with the command\n"
		"that starts the routine. This is what scheduled reminders run. Where the\n"
		"notification server offers actions, \"Start\" opens a terminal playing the\n"
		"routine ($SELFCARE_TERMINAL, or x-terminal-emulator, with -e); selfcare\n"
		"then waits up to 15 minutes for it.\n\n"
		"Exit status: 0 shown, 1 it could not be shown (the reason is on stderr,\n"
		"for the scheduler's log), 2 usage error, 65 invalid routine.\n",
	.exec = remind_exec,
};
