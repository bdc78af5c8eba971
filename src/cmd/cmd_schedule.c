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
#include "schedule_cmd.h"



/* "WHAT 'ARG'HINT" as a usage error, ARG made safe to print. */
int sched_usage_sub(const char *what, const char *arg, const char *hint)
{
	char clean[128];
	return usage_error("schedule", "%s '%s'%s", what,
			   text_sanitize(arg ? arg : "", clean, sizeof(clean)), hint);
}

int sched_check_name(const char *name)
{
	if (!routine_name_valid(name))
		return sched_usage_sub("schedule: invalid routine name", name,
				 ": names match [a-z0-9][a-z0-9-]{0,63}");
	return EXIT_OK;
}

int sched_cmp_found(const void *a, const void *b)
{
	return schedule_entry_cmp(&((const struct found *)a)->e, &((const struct found *)b)->e);
}

/* Where reminders live, from the environment: an error (EXIT_FAIL) when
 * HOME is not an absolute path, before anything is read or written. */
int sched_open_paths(const char *what, struct sched_paths *paths)
{
	struct sched_env env;
	char err[SCHED_MSG];

	sched_env_from_process(&env);
	if (schedule_paths(&env, paths, err, sizeof(err)) < 0)
		return error("%s: %s", what, err);
	return EXIT_OK;
}

/* Backends, as bits: which ones sched_gather() must read. */
enum { FROM_SYSTEMD = 1, FROM_CRON = 2 };

unsigned sched_backend_bit(const char *name)
{
	return strcmp(name, "systemd") == 0 ? FROM_SYSTEMD : FROM_CRON;
}

/* Every entry of both backends, by routine and time, into *out (caller
 * frees) and *count. A backend in must that cannot be read (a damaged
 * crontab block, say) is an error, "WHAT: REASON; nothing was changed",
 * and -1; any other gets a warning. Returns how many were warned about. */
int sched_gather(const struct sched_paths *paths, unsigned must, const char *what,
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
		if (k < 0 && (must & sched_backend_bit(b[i].name))) {
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
		qsort(*out, *count, sizeof(**out), sched_cmp_found);
	}
	return failures;
}

/* A local time as RFC 3339, which wants the offset as +01:00 where %z
 * gives +0100. */
void sched_next_fire(const struct entry_spec *e, time_t now, char *human, size_t hlen,
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

int sched_parse_at(const char *at, struct entry_spec *e)
{
	char err[160];
	if (schedule_parse_time(at, &e->hour, &e->minute, err, sizeof(err)) < 0)
		return usage_error("schedule", "schedule: %s", err);
	return EXIT_OK;
}

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
	if (sched_gather(paths, FROM_SYSTEMD | FROM_CRON, "schedule remove", &all, &n) < 0) {
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
	if ((rc = sched_check_name(name)) != EXIT_OK)
		return rc;
	if (at && (rc = sched_parse_at(at, &want)) != EXIT_OK)
		return rc;

	struct sched_paths paths;
	if ((rc = sched_open_paths("schedule remove", &paths)) != EXIT_OK)
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
		return sched_usage_sub("schedule: unknown subcommand", sub, hint);
	}
	return sched_usage_sub("schedule: unknown subcommand", sub, " (use add, list or remove)");
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
