/* selfcare schedule add: one reminder into the backend that fits, under
 * the lock; then whether a reminder could reach the user now, and with
 * --test one shown at once. */
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
#include "notifier.h"
#include "output.h"
#include "remindlog.h"
#include "session_find.h"
#include "store.h"
#include "scheduler.h"
#include "schedule.h"
#include "text.h"
#include "timeutil.h"
#include "util.h"
#include "schedule_cmd.h"

#define TEST_WAIT_MS 8000 /* for --test to say whether it was shown */

/* What add did, for the user. */
static void report_add(enum add_result res, const struct entry_spec *e, const char *backend,
		       const char *note, const char *err)
{
	char dayname[64], human[64], iso[64];
	schedule_days_format(e->days, dayname, sizeof(dayname));
	sched_next_fire(e, time(NULL), human, sizeof(human), iso, sizeof(iso));
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
	struct notify_server srv;
	char why[300];
	if (notifier_server_info(&srv, why, sizeof(why)) < 0)
		warning("%s: reminders cannot be shown", why);
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
	if (sched_gather(paths, sched_backend_bit(backend), "schedule add", &all, &n) < 0)
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

int sched_add(int argc, char **argv)
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
	if ((rc = sched_check_name(name)) != EXIT_OK)
		return rc;
	if (at == NULL)
		return usage_error("schedule", "schedule add: --at HH:MM is required");
	if ((rc = sched_parse_at(at, &e)) != EXIT_OK)
		return rc;
	if (schedule_parse_days(days, &e.days, err, sizeof(err)) < 0)
		return usage_error("schedule", "schedule add: %s", err);
	if (backend && strcmp(backend, "systemd") != 0 && strcmp(backend, "cron") != 0)
		return sched_usage_sub("schedule add: unknown backend", backend, " (use systemd or cron)");
	memcpy(e.name, name, strlen(name) + 1);
	struct sched_paths paths;
	if ((rc = sched_open_paths("schedule add", &paths)) != EXIT_OK)
		return rc;
	rc = add_entry(&e, backend, &paths, test);
	schedule_paths_release(&paths);
	return rc;
}

