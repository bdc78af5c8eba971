/* selfcare schedule list: every reminder of both backends, when it fires
 * next and what became of its last firing. */
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

int sched_list(int argc, char **argv)
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
		return sched_usage_sub("schedule list: unexpected argument", argv[optind], "");

	struct sched_paths paths;
	int rc = sched_open_paths("schedule list", &paths);
	if (rc != EXIT_OK)
		return rc;
	struct found *all;
	size_t n;
	int failures = sched_gather(&paths, 0, "schedule list", &all, &n);
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
		sched_next_fire(e, now, human, sizeof(human), iso, sizeof(iso));
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
