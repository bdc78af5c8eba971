/* selfcare schedule add|list|remove: wires the pure schedule core to the
 * systemd and cron backends. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "dynlibs.h"
#include "fsutil.h"
#include "history.h"
#include "output.h"
#include "remindlog.h"
#include "session_find.h"
#include "store.h"
#include "scheduler.h"
#include "schedule.h"
#include "text.h"
#include "timeutil.h"
#include "util.h"

#define TEST_WAIT_MS 8000 /* for --test to say whether it was shown */

struct found {
	struct entry_spec e;
	const char *backend;
};

/* "WHAT 'ARG'HINT" as a usage error, ARG made safe to print. */
static int usage_sub(const char *what, const char *arg, const char *hint)
{
	char clean[128];
	return usage_error("schedule", "%s '%s'%s", what,
			   text_sanitize(arg ? arg : "", clean, sizeof(clean)), hint);
}

static int check_name(const char *name)
{
	if (!routine_name_valid(name))
		return usage_sub("schedule: invalid routine name", name,
				 ": names match [a-z0-9][a-z0-9-]{0,63}");
	return EXIT_OK;
}

static int cmp_found(const void *a, const void *b)
{
	return schedule_entry_cmp(&((const struct found *)a)->e, &((const struct found *)b)->e);
}

/* Where reminders live, from the environment: an error (EXIT_FAIL) when
 * HOME is not an absolute path, before anything is read or written. */
static int open_paths(const char *what, struct sched_paths *paths)
{
	struct sched_env env;
	char err[SCHED_MSG];

	sched_env_from_process(&env);
	if (schedule_paths(&env, paths, err, sizeof(err)) < 0)
		return error("%s: %s", what, err);
	return EXIT_OK;
}

/* Backends, as bits: which ones gather() must read. */
enum { FROM_SYSTEMD = 1, FROM_CRON = 2 };

static unsigned backend_bit(const char *name)
{
	return strcmp(name, "systemd") == 0 ? FROM_SYSTEMD : FROM_CRON;
}

/* Every entry of both backends, by routine and time, into *out (caller
 * frees) and *count. A backend in must that cannot be read (a damaged
 * crontab block, say) is an error, "WHAT: REASON; nothing was changed",
 * and -1; any other gets a warning. Returns how many were warned about. */
static int gather(const struct sched_paths *paths, unsigned must, const char *what,
		  struct found **out, size_t *count)
{
	struct sched_backend b[2];
	int failures = 0;

	*out = NULL;
	*count = 0;
	sched_systemd_init(&b[0], paths);
	sched_cron_init(&b[1], paths);
	for (int i = 0; i < 2 && failures >= 0; i++) {
		struct entry_spec *es;
		char err[SCHED_MSG];
		if (i == 1 && !sched_cron_available())
			continue;
		int k = b[i].list(&b[i], &es, err);
		if (k < 0 && (must & backend_bit(b[i].name))) {
			error("%s: %s; nothing was changed", what, err);
			failures = -1;
		} else if (k < 0) {
			warning("%s", err);
			failures++;
		}
		if (k > 0)
			*out = xreallocarray(*out, *count + (size_t)k, sizeof(**out));
		for (int j = 0; j < k; j++)
			(*out)[(*count)++] = (struct found){.e = es[j], .backend = b[i].name};
		free(es);
	}
	sched_release(&b[0]);
	sched_release(&b[1]);
	if (failures < 0) {
		free(*out);
		*out = NULL;
		*count = 0;
	} else if (*count > 1) {
		qsort(*out, *count, sizeof(**out), cmp_found);
	}
	return failures;
}

/* A local time as RFC 3339, which wants the offset as +01:00 where %z
 * gives +0100. */
static void next_fire(const struct entry_spec *e, time_t now, char *human, size_t hlen,
		      char *iso, size_t ilen)
{
	struct tm tm;

	localtime_r(&now, &tm);
	int d = schedule_next_days(e, tm.tm_wday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	tm.tm_mday += d < 0 ? 0 : d;
	tm.tm_hour = (int)e->hour;
	tm.tm_min = (int)e->minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(human, hlen, "%a %Y-%m-%d %H:%M", &tm);
	rfc3339_at((long long)t, (int)tm.tm_gmtoff, iso, ilen);
}

/* "fired Tue 08:30, started", "missed Tue 08:30: no desktop session
 * found"; and the firing's time as RFC 3339. */
static void describe_last(const struct remind_record *fired, const struct remind_record *then,
			  char *out, size_t len, char *iso, size_t ilen)
{
	time_t t = (time_t)fired->when;
	struct tm tm;
	char when[32];

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%a %m-%d %H:%M", &tm);
	rfc3339_at(fired->when, (int)tm.tm_gmtoff, iso, ilen);
	if (fired->outcome == REMIND_MISSED)
		snprintf(out, len, "missed %s: %s", when, fired->why);
	else if (then && then->outcome == REMIND_START_FAILED)
		snprintf(out, len, "fired %s, Start failed: %s", when, then->why);
	else
		snprintf(out, len, "fired %s%s%s", when, then ? ", " : "",
			 then ? remind_outcome_name(then->outcome) : "");
}

static int parse_at(const char *at, struct entry_spec *e)
{
	char err[160];
	if (schedule_parse_time(at, &e->hour, &e->minute, err, sizeof(err)) < 0)
		return usage_error("schedule", "schedule: %s", err);
	return EXIT_OK;
}

/* What add did, for the user. */
static void report_add(enum add_result res, const struct entry_spec *e, const char *backend,
		       const char *note, const char *err)
{
	char dayname[64], human[64], iso[64];
	schedule_days_format(e->days, dayname, sizeof(dayname));
	next_fire(e, time(NULL), human, sizeof(human), iso, sizeof(iso));
	switch (res) {
	case ADD_FAILED:
		error("schedule add: %s; nothing was changed", err);
		break;
	case ADD_UNCHANGED:
		printf("%s at %02u:%02u, %s, is already scheduled (%s); nothing changed.\n", e->name,
		       e->hour, e->minute, dayname, backend);
		break;
	case ADD_CHANGED:
	case ADD_NEW:
		printf("%s %s at %02u:%02u, %s (%s). Next: %s.\n",
		       res == ADD_NEW ? "Scheduled" : "Changed", e->name, e->hour, e->minute, dayname,
		       backend, human);
		break;
	}
	if (note[0])
		printf("Note: %s.\n", note);
}

/* Would a reminder reach this user now? Each thing that would stop it is
 * a warning; none stops the add. */
static void check_delivery(const char *backend)
{
	if (strcmp(backend, "cron") == 0 && !sched_cron_running())
		warning("no cron daemon is running: the reminder fires only once one does (%s)",
			sched_cron_installed()
				? "cron is installed but not started: sudo service cron start"
				: "on Debian: apt install cron");
	/* As the reminder will look: without this shell's bus and display,
	 * which cron and the timers do not have. */
	unsetenv("DBUS_SESSION_BUS_ADDRESS");
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	struct session s;
	char from[64];
	int rank = session_find(&s, from, sizeof(from));
	if (rank == 0) {
		warning("no desktop session bus found now: a reminder that fires without one is "
			"logged as missed ('selfcare schedule list' shows it)");
		return;
	}
	if (rank == 1)
		warning("the desktop session has no DISPLAY or WAYLAND_DISPLAY: Start cannot open a "
			"terminal");
	session_apply(&s);
	const char *missing = NULL;
	const struct lib_notify *L = lib_notify(&missing);
	char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
	if (L == NULL) {
		warning("libnotify is not installed: reminders cannot be shown (%s)", missing);
	} else if ((lib_notify_silence(L), !L->notify_init("selfcare")) ||
		   !L->notify_get_server_info(&name, &vendor, &version, &spec)) {
		warning("no notification server answers on the session bus: reminders cannot be "
			"shown");
	}
	if (L) {
		L->g_free(name);
		L->g_free(vendor);
		L->g_free(version);
		L->g_free(spec);
		if (L->notify_is_initted())
			L->notify_uninit();
	}
}

/* --test: one reminder now, from a process of its own that outlives this
 * one (remind waits for Start or Snooze), which says on a pipe whether it
 * was shown; waited for TEST_WAIT_MS at most. EXIT_OK when it was shown. */
static int send_test(const char *name)
{
	char *exe = self_exe();
	int p[2] = {-1, -1};
	pid_t pid = -1;
	char line[512] = "";
	size_t got = 0;

	if (exe == NULL)
		return error("schedule add: cannot send a test reminder: cannot find the path of "
			     "selfcare itself");
	if (pipe2(p, O_CLOEXEC) == 0)
		pid = fork();
	if (pid == 0) {
		/* Not tied to this terminal; only its first line comes back. */
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		dup2(p[1], STDOUT_FILENO);
		setsid();
		execl(exe, exe, "remind", name, "--test", (char *)NULL);
		_exit(127);
	}
	free(exe);
	if (pid < 0) {
		int e = errno;
		if (p[0] >= 0) {
			close(p[0]);
			close(p[1]);
		}
		return error("schedule add: cannot send a test reminder: %s", strerror(e));
	}
	close(p[1]);
	long long end = monotonic_ms() + TEST_WAIT_MS;
	while (got < sizeof(line) - 1 && memchr(line, '\n', got) == NULL) {
		long long left = end - monotonic_ms();
		struct pollfd pfd = {.fd = p[0], .events = POLLIN};
		if (left <= 0 || poll(&pfd, 1, (int)left) == 0)
			break;
		ssize_t n = read(p[0], line + got, sizeof(line) - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(p[0]);
	line[got] = '\0';
	line[strcspn(line, "\n")] = '\0';
	/* The child is not waited for: it waits for Start or Snooze. It was
	 * made a session leader, and is reaped by init when it ends. */
	if (strcmp(line, "shown") == 0) {
		printf("A test reminder for %s is on your screen now.\n", name);
		return EXIT_OK;
	}
	if (strncmp(line, "not shown: ", 11) == 0)
		return error("schedule add: the test reminder was not shown: %s", line + 11);
	if (got == 0 && monotonic_ms() >= end)
		return error("schedule add: the test reminder was not shown within %d s (a hung "
			     "notification server?)",
			     TEST_WAIT_MS / 1000);
	return error("schedule add: the test reminder ended without saying whether it was shown");
}

/* Add e (name, time and days checked) to backend, or to the one that
 * fits when backend is NULL. */
static int add_entry(const struct entry_spec *e, const char *backend,
		     const struct sched_paths *paths, bool test)
{
	char err[SCHED_MSG] = "", note[SCHED_MSG] = "";
	struct loaded l;
	int rc;

	/* The routine must exist and be valid now. */
	if ((rc = load_routine_arg(e->name, &l)) != EXIT_OK)
		return rc;
	loaded_release(&l);

	if (backend == NULL) {
		if (sched_systemd_manager_running())
			backend = "systemd";
		else if (sched_cron_available())
			backend = "cron";
		else if (sched_systemd_usable())
			backend = "systemd";
		else
			return error("schedule add: neither a systemd user manager nor crontab is "
				     "available");
	} else if (strcmp(backend, "systemd") == 0 && !sched_systemd_usable()) {
		return error("schedule add: systemd does not run here (no user manager, and PID 1 is "
			     "not systemd), so a timer would never fire; use --backend cron");
	}
	struct sched_backend b;
	sched_init(&b, backend, paths);
	if (b.exe == NULL) {
		sched_release(&b);
		return error("schedule add: cannot find the path of selfcare itself");
	}
	/* From what we read to decide to what we write, under the lock. */
	int lock = sched_lock(paths, err);
	if (lock < 0) {
		sched_release(&b);
		return error("schedule add: %s; nothing was changed", err);
	}
	/* The same name and time in the other backend would remind twice. */
	struct found *all;
	size_t n;
	enum add_result res = ADD_FAILED;
	bool test_failed = false;
	if (gather(paths, backend_bit(backend), "schedule add", &all, &n) < 0)
		goto done;
	bool known = false; /* only its days may change */
	for (size_t i = 0; i < n; i++) {
		if (!schedule_same_slot(&all[i].e, e))
			continue;
		if (strcmp(all[i].backend, backend) != 0) {
			error("%s at %02u:%02u is already scheduled with %s; remove it first", e->name,
			      e->hour, e->minute, all[i].backend);
			goto done;
		}
		known = true;
	}
	if (!known && n >= SCHED_MAX) {
		error("schedule add: there are %zu reminders already, and %d is the most; remove one "
		      "first",
		      n, SCHED_MAX);
		goto done;
	}
	res = b.add(&b, e, note, err);
	report_add(res, e, b.name, note, err);
done:
	sched_unlock(lock);
	free(all);
	if (res != ADD_FAILED) {
		check_delivery(b.name);
		if (test && send_test(e->name) != EXIT_OK)
			test_failed = true;
	}
	sched_release(&b);
	return res == ADD_FAILED || test_failed ? EXIT_FAIL : EXIT_OK;
}

static int sched_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"days", required_argument, NULL, 'd'},
		{"backend", required_argument, NULL, 'b'},
		{"test", no_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *at = NULL, *days = "daily", *backend = NULL;
	bool test = false;
	struct entry_spec e = {0};
	char err[SCHED_MSG] = "";
	int c, rc;

	options_reset();
	while ((c = getopt_long(argc, argv, ":a:d:b:th", opts, NULL)) != -1) {
		switch (c) {
		case 'a': at = optarg; break;
		case 'd': days = optarg; break;
		case 'b': backend = optarg; break;
		case 't': test = true; break;
		case 'h':
			printf("Usage: selfcare schedule add NAME --at HH:MM [--days SPEC]\n"
			       "                             [--backend systemd|cron] [--test]\n\n"
			       "Remind you to do routine NAME at HH:MM on the given days. SPEC is\n"
			       "daily (the default), weekdays, weekends, or day names: mon,wed,fri,\n"
			       "mon-fri. Several times per routine are allowed; adding the same\n"
			       "reminder again changes nothing, and the same time with other days\n"
			       "changes its days.\n\n"
			       "The backend is systemd (user timers) when a systemd user manager\n"
			       "runs, and cron otherwise. Where systemd does not run at all, a\n"
			       "systemd timer is refused (it would never fire).\n\n"
			       "It then checks that a reminder could reach you now (a cron daemon,\n"
			       "your desktop session bus, a notification server) and warns about\n"
			       "what would stop it.\n\n"
			       "  -a, --at HH:MM      the time of day (24-hour clock)\n"
			       "  -d, --days SPEC     which days (default daily)\n"
			       "      --backend NAME  systemd or cron (default: as above)\n"
			       "      --test          also show one reminder now, and wait (8 s at\n"
			       "                      most) to say whether it reached your screen;\n"
			       "                      exit 1 when it did not. It is kept in the\n"
			       "                      history as a test, not as the reminder's last\n"
			       "                      firing.\n"
			       "  -h, --help          show this help\n");
			return EXIT_OK;
		default: return command_bad_option(&cmd_schedule, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("schedule", "schedule add: which routine?");
	if (argc - optind > 1)
		return usage_error("schedule", "schedule add: too many arguments");
	const char *name = argv[optind];
	if ((rc = check_name(name)) != EXIT_OK)
		return rc;
	if (at == NULL)
		return usage_error("schedule", "schedule add: --at HH:MM is required");
	if ((rc = parse_at(at, &e)) != EXIT_OK)
		return rc;
	if (schedule_parse_days(days, &e.days, err, sizeof(err)) < 0)
		return usage_error("schedule", "schedule add: %s", err);
	if (backend && strcmp(backend, "systemd") != 0 && strcmp(backend, "cron") != 0)
		return usage_sub("schedule add: unknown backend", backend, " (use systemd or cron)");
	memcpy(e.name, name, strlen(name) + 1);
	struct sched_paths paths;
	if ((rc = open_paths("schedule add", &paths)) != EXIT_OK)
		return rc;
	rc = add_entry(&e, backend, &paths, test);
	schedule_paths_release(&paths);
	return rc;
}

static int sched_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h':
			printf("Usage: selfcare schedule list [--json]\n\n"
			       "Every reminder from both backends: routine, days, time, backend, the\n"
			       "next time it fires (NEXT), and what became of the last time it fired\n"
			       "(LAST): \"fired Tue 12-01 08:30\" and then started, snoozed,\n"
			       "dismissed or unanswered; \"Start failed\" and why; or \"missed\" and\n"
			       "why it could not be shown (no desktop session, no notification\n"
			       "server). A test reminder ('schedule add --test') is not counted. On a\n"
			       "terminal a table, stacked one reminder a block when it is too narrow;\n"
			       "piped, one tab-separated line each.\n\n"
			       "      --json      an array of objects, times as RFC 3339\n"
			       "  -h, --help      show this help\n");
			return EXIT_OK;
		default: return command_bad_option(&cmd_schedule, opts, c, argv);
		}
	}
	if (optind < argc)
		return usage_sub("schedule list: unexpected argument", argv[optind], "");

	struct sched_paths paths;
	int rc = open_paths("schedule list", &paths);
	if (rc != EXIT_OK)
		return rc;
	struct found *all;
	size_t n;
	int failures = gather(&paths, 0, "schedule list", &all, &n);
	/* What became of each: from the history store, when there is one
	 * (the log of an earlier version brought into it first). */
	char *db = xasprintf("%s/" STORE_FILE, paths.state_dir), why[600];
	if (store_import_remind_log(paths.state_dir, why, sizeof(why)) < 0)
		warning("schedule list: %s", why);
	enum store_state state;
	struct store *log = store_open_existing(db, &state, why, sizeof(why));
	if (state == STORE_BAD || state == STORE_FAILED)
		warning("schedule list: %s", why);
	free(db);
	schedule_paths_release(&paths);
	time_t now = time(NULL);
	bool tty = isatty(STDOUT_FILENO);

	/* On a terminal: the rows as columns when they fit its width, else a
	 * block for each reminder, its last outcome wrapped at words. */
	struct sbuf table = {0}, blocks = {0};
	unsigned width = tty ? term_width(stdout) : 0;
	if (json)
		printf("[");
	else if (tty && n)
		sbuf_printf(&table, "ROUTINE\tDAYS\tTIME\tBACKEND\tNEXT\tLAST\n");
	for (size_t i = 0; i < n; i++) {
		char days[64], human[64], iso[64];
		const struct entry_spec *e = &all[i].e;
		schedule_days_format(e->days, days, sizeof(days));
		next_fire(e, now, human, sizeof(human), iso, sizeof(iso));
		struct remind_record fired, then;
		bool has_fired = false, has_then = false;
		char last[400] = "never", last_iso[40] = "", *why_json = NULL;
		if (log && store_last_reminder(log, e->name, e->hour, e->minute, &fired, &has_fired,
					       &then, &has_then) < 0)
			has_fired = has_then = false;
		if (has_fired)
			describe_last(&fired, has_then ? &then : NULL, last, sizeof(last), last_iso,
				      sizeof(last_iso));
		if (json) {
			printf("%s\n  {\"routine\": \"%s\", \"days\": \"%s\", \"time\": \"%02u:%02u\", "
			       "\"backend\": \"%s\", \"next\": \"%s\", \"last\": ",
			       i ? "," : "", e->name, days, e->hour, e->minute, all[i].backend, iso);
			if (has_fired) {
				why_json = json_quoted(fired.why);
				printf("{\"when\": \"%s\", \"outcome\": \"%s\", \"why\": %s, "
				       "\"then\": %s%s%s}}",
				       last_iso, remind_outcome_name(fired.outcome), why_json,
				       has_then ? "\"" : "", has_then ? remind_outcome_name(then.outcome)
								  : "null",
				       has_then ? "\"" : "");
				free(why_json);
			} else {
				printf("null}");
			}
		} else if (tty) {
			char clean[400], head[160];
			text_sanitize(last, clean, sizeof(clean));
			sbuf_printf(&table, "%s\t%s\t%02u:%02u\t%s\t%s\t%s\n", e->name, days, e->hour,
				    e->minute, all[i].backend, human, clean);
			snprintf(head, sizeof(head), "%s  %02u:%02u %s (%s)", e->name, e->hour, e->minute,
				 days, all[i].backend);
			char *w = text_wrapped(head, width, 0, NULL);
			sbuf_printf(&blocks, "%s", w);
			free(w);
			w = text_wrapped(human, width, 8, "  next: ");
			sbuf_printf(&blocks, "%s", w);
			free(w);
			w = text_wrapped(clean, width, 8, "  last: ");
			sbuf_printf(&blocks, "%s", w);
			free(w);
		} else {
			printf("%s\t%s\t%02u:%02u\t%s\t%s\t%s\n", e->name, days, e->hour, e->minute,
			       all[i].backend, iso, last);
		}
	}
	if (tty && n && !json) {
		char *cols = text_columns(table.s);
		size_t widest = 0;
		for (const char *l = cols; *l;) {
			size_t len = strcspn(l, "\n");
			char *one = xasprintf("%.*s", (int)len, l);
			size_t w = text_width(one);
			free(one);
			widest = w > widest ? w : widest;
			l += len + (l[len] == '\n');
		}
		fputs(widest <= width ? cols : blocks.s, stdout);
		free(cols);
	}
	free(table.s);
	free(blocks.s);
	if (json)
		printf("%s]\n", n ? "\n" : "");
	else if (tty && n == 0 && failures == 0) /* none found is not none there */
		printf("No reminders. Add one with 'selfcare schedule add NAME --at HH:MM'.\n");
	free(all);
	store_close(log);
	return failures ? EXIT_FAIL : state == STORE_BAD ? EXIT_DATA : EXIT_OK;
}

/* Remove name's reminders at want's time, or all of them when want is
 * NULL, from whichever backend holds them. */
static int remove_entries(const char *name, const struct entry_spec *want,
			  const struct sched_paths *paths)
{
	char err[SCHED_MSG];
	int rc = EXIT_OK;
	size_t removed = 0;

	/* From what we read to decide to what we write, under the lock. */
	int lock = sched_lock(paths, err);
	if (lock < 0)
		return error("schedule remove: %s; nothing was changed", err);
	/* What cannot be read may hold the reminder: both must be readable. */
	struct found *all;
	size_t n;
	if (gather(paths, FROM_SYSTEMD | FROM_CRON, "schedule remove", &all, &n) < 0) {
		sched_unlock(lock);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		struct entry_spec *e = &all[i].e;
		if (strcmp(e->name, name) != 0 ||
		    (want && (e->hour != want->hour || e->minute != want->minute)))
			continue;
		struct sched_backend b;
		sched_init(&b, all[i].backend, paths);
		if (b.remove(&b, e, err) < 0) {
			error("schedule remove: %s", err);
			rc = EXIT_FAIL;
		} else {
			printf("Removed %s at %02u:%02u (%s).\n", e->name, e->hour, e->minute, b.name);
			removed++;
		}
		sched_release(&b);
	}
	sched_unlock(lock);
	free(all);
	if (removed == 0 && rc == EXIT_OK) {
		if (want)
			return error("no reminder for %s at %02u:%02u", name, want->hour, want->minute);
		return error("no reminders for %s", name);
	}
	return rc;
}

static int sched_remove(int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *at = NULL;
	struct entry_spec want = {0};
	int c, rc;

	options_reset();
	while ((c = getopt_long(argc, argv, ":a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': at = optarg; break;
		case 'h':
			printf("Usage: selfcare schedule remove NAME [--at HH:MM]\n\n"
			       "Remove the reminder for routine NAME at HH:MM, or all of its\n"
			       "reminders, from whichever backend holds them.\n");
			return EXIT_OK;
		default: return command_bad_option(&cmd_schedule, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("schedule", "schedule remove: which routine?");
	if (argc - optind > 1)
		return usage_error("schedule", "schedule remove: too many arguments");
	const char *name = argv[optind];
	if ((rc = check_name(name)) != EXIT_OK)
		return rc;
	if (at && (rc = parse_at(at, &want)) != EXIT_OK)
		return rc;

	struct sched_paths paths;
	if ((rc = open_paths("schedule remove", &paths)) != EXIT_OK)
		return rc;
	rc = remove_entries(name, at ? &want : NULL, &paths);
	schedule_paths_release(&paths);
	return rc;
}

static int schedule_exec(int argc, char **argv)
{
	if (argc < 2) {
		command_print_help(&cmd_schedule);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		command_print_help(&cmd_schedule);
		return EXIT_OK;
	}
	if (strcmp(sub, "add") == 0)
		return sched_add(argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return sched_list(argc - 1, argv + 1);
	if (strcmp(sub, "remove") == 0 || strcmp(sub, "rm") == 0)
		return sched_remove(argc - 1, argv + 1);
	struct suggest near;
	suggest_start(&near, sub);
	suggest_consider(&near, "add");
	suggest_consider(&near, "list");
	suggest_consider(&near, "remove");
	if (suggest_result(&near)) {
		char hint[64];
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", suggest_result(&near));
		return usage_sub("schedule: unknown subcommand", sub, hint);
	}
	return usage_sub("schedule: unknown subcommand", sub, " (use add, list or remove)");
}

const struct command cmd_schedule = {
	.name = "schedule",
	.summary = "daily reminders: add, list and remove them",
	.usage = "add|list|remove ...",
	.help = "  selfcare schedule add NAME --at HH:MM [--days SPEC] [--backend systemd|cron]\n"
		"                        [--test]\n"
		"  selfcare schedule list [--json]\n"
		"  selfcare schedule remove NAME [--at HH:MM]\n\n"
		"A reminder runs 'selfcare remind NAME' at HH:MM on the chosen days: a\n"
		"desktop notification with the command to start the routine. SPEC is daily\n"
		"(the default), weekdays, weekends, or day names such as mon,wed,fri or\n"
		"mon-fri. Reminders are systemd user timers in\n"
		"$XDG_CONFIG_HOME/systemd/user when a systemd user manager runs, or lines\n"
		"in a marked block of your crontab otherwise; the rest of your crontab is\n"
		"kept byte for byte. add --test also shows one reminder at once and says\n"
		"whether it reached your screen.\n\n"
		"Run 'selfcare schedule SUBCOMMAND --help' for each one's options.\n",
	.exec = schedule_exec,
};
