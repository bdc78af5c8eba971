/* selfcare remind NAME: what a reminder runs, from cron or a systemd
 * timer. It finds the user's desktop session itself (cron gives it no bus
 * and no display), shows one notification with Start and Snooze where the
 * server offers actions, and logs what became of it in the state
 * directory, so that a reminder that could not reach anyone is not lost in
 * cron's discarded mail. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "fsutil.h"
#include "notice.h"
#include "notifier.h"
#include "reminder.h"
#include "remindlog.h"
#include "store.h"
#include "scheduler.h"
#include "session_find.h"
#include "settings.h"
#include "text.h"
#include "util.h"

#define WAIT_FOR_ACTION_S (15 * 60)
#define SNOOZE_DEFAULT_S (10 * 60)
#define SERVER_CHECK_MS 3000 /* a notification server answers in milliseconds */
#define TERMINAL_CHECK_MS 1500 /* a terminal that cannot open its window dies within this */

struct remind {
	struct reminder *ui;
	const char *name;
	char *exe;
	struct notice note;
	char *state_dir; /* NULL: nowhere to log */
	unsigned hour, minute; /* the reminder's time, for the log */
	unsigned snooze_s;
	bool actions;
	bool test;     /* --test: logged as a test, and the outcome on stdout */
	bool reported; /* the --test outcome has been said */
	int status;
};

/* A reminder that cannot reach the person: logged, and said only to a
 * person at a terminal. From cron, output is mail that nobody reads, and
 * the log (shown by 'schedule list') is where it is found. */
static int missed(struct remind *r, const char *why);

/* --test: what became of the reminder, one line on stdout ("shown", or
 * "not shown: WHY"), said once, as soon as it is known; stdout is then
 * closed, so that whoever reads it is not kept waiting for Start. */
static void report_test(struct remind *r, const char *why)
{
	if (!r->test || r->reported)
		return;
	r->reported = true;
	if (why)
		printf("not shown: %s\n", why);
	else
		printf("shown\n");
	fflush(stdout);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		close(null);
	}
}

/* One line in the log; a log that cannot be written is said once. */
static void log_outcome(struct remind *r, enum remind_outcome o, const char *why)
{
	struct remind_record rec = {
		.outcome = o, .hour = r->hour, .minute = r->minute, .test = r->test};
	time_t now = time(NULL);
	struct tm tm;

	if (r->state_dir == NULL)
		return;
	localtime_r(&now, &tm);
	rec.when = (long long)now;
	rec.utc_offset = (int)tm.tm_gmtoff;
	snprintf(rec.name, sizeof(rec.name), "%s", r->name);
	snprintf(rec.why, sizeof(rec.why), "%s", why ? why : "");
	char err[600];
	if (store_add_reminder(r->state_dir, &rec, err, sizeof(err)) < 0) {
		warning("remind: %s", err);
		free(r->state_dir);
		r->state_dir = NULL;
	}
}

/* Open the terminal: $SELFCARE_TERMINAL (a command line) from our own
 * environment only, never from the process the session was found in (a
 * command line from another process is not ours to run), else Debian's
 * x-terminal-emulator; with "-e selfcare run NAME", on the display of the
 * bus that took the reminder. A terminal that exits with a failure at once
 * (no display, say) has not started. 0, or -1 with why. */
static int open_terminal(struct remind *r, char *why, size_t len)
{
	const char *term = getenv("SELFCARE_TERMINAL");
	const char *cmdline = term && *term ? term : "x-terminal-emulator";
	const char *tail[] = {"-e", r->exe, "run", r->name, NULL};
	char err[300];
	int pid;

	int rc = reminder_spawn(r->ui, cmdline, tail, &pid, err, sizeof(err));
	if (rc == -2) {
		snprintf(why, len, "SELFCARE_TERMINAL is not a command line (%.200s)", err);
		return -1;
	}
	if (rc < 0) {
		snprintf(why, len, "%s", err);
		return -1;
	}
	/* A terminal that forks its window off may exit at once, with 0. */
	int status = 0;
	pid_t done = 0;
	for (int waited = 0; waited < TERMINAL_CHECK_MS && done == 0; waited += 50) {
		done = waitpid(pid, &status, WNOHANG);
		if (done == 0)
			usleep(50 * 1000);
	}
	if (done == pid && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		char first[64];
		snprintf(first, sizeof(first), "%s", cmdline);
		first[strcspn(first, " \t")] = '\0';
		snprintf(why, len, "%s exited at once (%s %d)", first, WIFEXITED(status) ? "status" : "signal",
			 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	return 0;
}

/* A bus that can take the reminder: a notification server answers on it.
 * A bus left by an older session, still running without one, is passed
 * over for the real session's. */
static bool has_server(const struct session *s)
{
	return notifier_server_on(s->bus, SERVER_CHECK_MS);
}

/* Start: a terminal playing the routine; where none opens, said where
 * the person is looking (as text, not markup; with no buttons left that
 * nothing would answer), and in the log. */
static void start(struct remind *r)
{
	char why[300];

	if (open_terminal(r, why, sizeof(why)) == 0) {
		log_outcome(r, REMIND_STARTED, NULL);
		reminder_withdraw(r->ui);
		return;
	}
	char clean[300], esc[1024];
	text_sanitize(why, clean, sizeof(clean));
	markup_escape(clean, esc, sizeof(esc));
	char *body = xasprintf("Could not open a terminal: %s. Start it yourself with: selfcare run %s",
			       esc, r->name);
	reminder_replace(r->ui, r->note.summary, body);
	free(body);
	log_outcome(r, REMIND_START_FAILED, clean);
	if (isatty(STDERR_FILENO))
		error("remind: cannot open a terminal: %s", clean);
	r->status = EXIT_FAIL;
}

static int missed(struct remind *r, const char *why)
{
	char clean[400];
	text_sanitize(why, clean, sizeof(clean));
	log_outcome(r, REMIND_MISSED, clean);
	report_test(r, clean);
	if (isatty(STDERR_FILENO))
		error("remind: %s", clean);
	return EXIT_FAIL;
}

/* The reminder's time, for the log: --at, else the minute it fired. */
static int slot_now(const char *at, unsigned *hour, unsigned *minute)
{
	char err[128];
	if (at)
		return schedule_parse_time(at, hour, minute, err, sizeof(err));
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	*hour = (unsigned)tm.tm_hour;
	*minute = (unsigned)tm.tm_min;
	return 0;
}

static int remind_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"snooze", required_argument, NULL, 's'},
		{"at", required_argument, NULL, 'a'},
		{"test", no_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *at = NULL;
	bool test = false;
	unsigned snooze_s = settings()->snooze;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":s:a:h", opts, NULL)) != -1) {
		char err[160];
		switch (c) {
		case 's':
			if (duration_parse(optarg, &snooze_s, err, sizeof(err)) < 0 || snooze_s == 0)
				return usage_error("remind", "remind: --snooze takes a time such as 10m "
							     "or 90s");
			break;
		case 'a': at = optarg; break;
		case 't': test = true; break;
		case 'h': command_print_help(&cmd_remind); return EXIT_OK;
		default: return command_bad_option(&cmd_remind, opts, c, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("remind", "remind: give one routine NAME");
	const char *name = argv[optind];
	if (!routine_name_valid(name))
		return usage_error("remind", "remind: invalid routine name");
	struct remind r = {.name = name, .snooze_s = snooze_s, .status = EXIT_OK, .test = test};
	if (slot_now(at, &r.hour, &r.minute) < 0)
		return usage_error("remind", "remind: --at takes HH:MM");

	struct loaded l;
	int rc = load_routine_arg(name, &l);
	if (rc != EXIT_OK)
		return rc;
	notice_for_reminder(l.routine, name, &r.note);
	loaded_release(&l);

	struct sched_env env;
	struct sched_paths paths;
	char err[SCHED_MSG];
	sched_env_from_process(&env);
	if (schedule_paths(&env, &paths, err, sizeof(err)) == 0) {
		r.state_dir = xstrdup(paths.state_dir);
		schedule_paths_release(&paths);
	}

	/* No session: nobody to remind. Logged, and said only to a person at
	 * a terminal: from cron, output is mail that nobody reads. */
	struct session s;
	char from[64], why[600];
	if (session_find_usable(&s, from, sizeof(from), has_server) == 0) {
		rc = missed(&r, "no desktop session found (no session bus here, at "
				"$XDG_RUNTIME_DIR/bus, or in any of your processes)");
		free(r.state_dir);
		return rc;
	}
	session_apply(&s);

	r.ui = reminder_open(why, sizeof(why));
	if (r.ui == NULL) {
		rc = missed(&r, why);
		free(r.state_dir);
		return rc;
	}
	r.exe = self_exe();
	r.actions = r.exe && reminder_server_has_actions(r.ui);
	char snooze[64], dur[32];
	snprintf(snooze, sizeof(snooze), "Snooze %s", duration_format(r.snooze_s, dur, sizeof(dur)));
	for (bool again = false;; again = true) {
		if (reminder_show(r.ui, &r.note, r.actions ? snooze : NULL, why, sizeof(why)) < 0) {
			rc = missed(&r, why);
			break;
		}
		char how[96];
		snprintf(how, sizeof(how), "%sbus from %s", again ? "after a snooze; " : "", from);
		log_outcome(&r, REMIND_FIRED, how);
		report_test(&r, NULL);
		if (!r.actions) {
			rc = EXIT_OK;
			break;
		}
		/* Wait for Start, Snooze or the notification to go away. */
		enum reminder_answer a = reminder_wait(r.ui, WAIT_FOR_ACTION_S);
		if (a == REMINDER_START)
			start(&r);
		else if (a == REMINDER_SNOOZE)
			log_outcome(&r, REMIND_SNOOZED, NULL);
		else if (a == REMINDER_EXPIRED)
			log_outcome(&r, REMIND_UNANSWERED, "the notification expired");
		else if (a == REMINDER_DISMISSED)
			log_outcome(&r, REMIND_DISMISSED, NULL);
		else
			log_outcome(&r, REMIND_UNANSWERED, "nobody answered in 15 minutes");
		/* No buttons left on the screen that nothing would answer. */
		if (a == REMINDER_SNOOZE || a == REMINDER_TIMEOUT)
			reminder_withdraw(r.ui);
		rc = r.status;
		if (a != REMINDER_SNOOZE)
			break;
		/* Snoozed: the same reminder again later; the crontab and the
		 * timers are not touched. */
		reminder_sleep(r.ui, r.snooze_s * 1000u);
	}
	reminder_close(r.ui);
	free(r.exe);
	free(r.state_dir);
	return rc;
}

const struct command cmd_remind = {
	.name = "remind",
	.summary = "send the reminder notification for a routine",
	.usage = "NAME [--snooze TIME] [--at HH:MM] [--test]",
	.help = "Send a desktop notification: \"Time for TITLE (N min)\", with the command\n"
		"that starts the routine. This is what scheduled reminders run, from cron\n"
		"or a systemd timer, so it finds your desktop session itself: the session\n"
		"bus in its environment, else at $XDG_RUNTIME_DIR/bus, else the bus and\n"
		"display of one of your running processes.\n\n"
		"Where the notification server offers actions, Start (or a click on the\n"
		"notification) opens a terminal playing the routine ($SELFCARE_TERMINAL,\n"
		"or x-terminal-emulator, with -e), and Snooze shows it again later;\n"
		"selfcare waits up to 15 minutes for either.\n\n"
		"Options:\n"
		"      --snooze TIME  how long Snooze waits (default 10m, or config.yaml's)\n"
		"      --at HH:MM     the reminder's time, for the log (default: now)\n"
		"      --test         a test: logged as one (not as the reminder's last\n"
		"                     firing), and one line on stdout as soon as it is\n"
		"                     known: \"shown\", or \"not shown: WHY\"\n"
		"  -h, --help         show this help\n\n"
		"What became of each reminder (fired, started, snoozed, dismissed, or\n"
		"missed and why) is recorded in the history,\n"
		"$XDG_STATE_HOME/selfcare/history.db; 'selfcare schedule list' shows the last\n"
		"of each.\n\n"
		"Exit status: 0 shown, 1 it could not be shown (no session, no server:\n"
		"logged, and said on stderr only when that is a terminal, so that cron\n"
		"has nothing to mail), 2 usage error, 65 invalid routine.\n",
	.exec = remind_exec,
};
