/* selfcare history: the runs recorded, as a table, JSON, or an export. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "history.h"
#include "history_open.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct runs {
	struct run_record *v;
	size_t n, cap;
};

static int collect(void *ctx, const struct run_record *r)
{
	struct runs *rs = ctx;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
	return 0;
}

int history_load(const char *cmd, const struct run_filter *f, struct run_record **out, size_t *n)
{
	struct runs rs = {0};
	struct store *st;
	int rc = history_open(cmd, &st);

	*out = NULL;
	*n = 0;
	if (rc != EXIT_OK)
		return rc;
	if (st == NULL)
		return EXIT_OK; /* nothing recorded yet */
	if (store_each_run(st, f, collect, &rs) < 0) {
		rc = error("%s: %s", cmd, store_error(st));
		free(rs.v);
		store_close(st);
		return rc;
	}
	store_close(st);
	*out = rs.v;
	*n = rs.n;
	return EXIT_OK;
}

int history_open(const char *cmd, struct store **out)
{
	char why[600];
	char *path = store_default_path();
	enum store_state state;

	*out = NULL;
	if (path == NULL)
		return error("%s: no HOME or XDG_STATE_HOME: no history to read", cmd);
	*out = store_open_existing(path, &state, why, sizeof(why));
	free(path);
	if (state == STORE_BAD)
		return error("%s: %s", cmd, why), EXIT_DATA;
	if (state == STORE_FAILED)
		return error("%s: %s", cmd, why);
	return EXIT_OK;
}

/* history export's own name, for its usage errors. */
static const struct command cmd_history_export = {.name = "history export"};

static int write_out(struct sbuf *b)
{
	if (b->len)
		fwrite(b->s, 1, b->len, stdout);
	free(b->s);
	return stdout_flush() == 0 ? EXIT_OK : EXIT_FAIL;
}

struct reminder_out {
	struct sbuf *b;
	bool json;
	size_t n;
};

static int export_reminder(void *ctx, const struct remind_record *r)
{
	struct reminder_out *o = ctx;
	struct sbuf *b = o->b;
	char when[64];
	bool json = o->json;

	rfc3339_at(r->when, r->utc_offset, when, sizeof(when));
	if (json) {
		char *name = json_quoted(r->name), *why = json_quoted(r->why);
		sbuf_printf(b, "%s{\"at\":\"%s\",\"routine\":%s,\"time\":\"%02u:%02u\",\"outcome\":\"%s\","
			       "\"why\":%s}",
			    o->n++ ? "," : "", when, name, r->hour, r->minute,
			    remind_outcome_name(r->outcome), why);
		free(name);
		free(why);
	} else {
		sbuf_printf(b, "%s,", when);
		csv_field(b, r->name);
		sbuf_printf(b, ",%02u:%02u,%s,", r->hour, r->minute, remind_outcome_name(r->outcome));
		csv_field(b, r->why);
		sbuf_printf(b, "\r\n");
	}
	return 0;
}

static int history_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"reminders", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false, reminders = false;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "csv") == 0)
				json = false;
			else
				return usage_error("history export",
						   "history export: --format takes csv or json");
			break;
		case 'r': reminders = true; break;
		case 'h':
			printf("Usage: selfcare history export [--format csv|json] [--reminders]\n\n"
			       "Write every recorded run to standard output, to take your data\n"
			       "elsewhere: CSV (RFC 4180, with a header line; the default) or JSON.\n"
			       "With --format json, one object holds both the runs and the\n"
			       "reminders' outcomes; with CSV, --reminders writes the reminders\n"
			       "instead of the runs. Times are RFC 3339, in UTC and in the local\n"
			       "time each run began in.\n");
			return EXIT_OK;
		default: return command_bad_option(&cmd_history_export, opts, c, argv);
		}
	}
	if (optind < argc)
		return usage_error("history export", "history export: unexpected argument");

	struct store *st;
	int rc = history_open("history export", &st);
	if (rc != EXIT_OK)
		return rc;
	struct runs rs = {0};
	struct sbuf b = {0};
	if (st && !(reminders && !json) && store_each_run(st, NULL, collect, &rs) < 0)
		rc = error("history export: %s", store_error(st));
	if (json) {
		sbuf_printf(&b, "{\"runs\":[");
		for (size_t i = 0; i < rs.n; i++) {
			if (i)
				sbuf_put(&b, ",", 1);
			history_json(&rs.v[i], &b);
		}
		sbuf_printf(&b, "],\"reminders\":[");
		struct reminder_out o = {.b = &b, .json = true};
		if (st && rc == EXIT_OK && store_each_reminder(st, export_reminder, &o) < 0)
			rc = error("history export: %s", store_error(st));
		sbuf_printf(&b, "]}\n");
	} else if (reminders) {
		sbuf_printf(&b, "at,routine,time,outcome,why\r\n");
		struct reminder_out o = {.b = &b, .json = false};
		if (st && store_each_reminder(st, export_reminder, &o) < 0)
			rc = error("history export: %s", store_error(st));
	} else {
		history_csv_header(&b);
		for (size_t i = 0; i < rs.n; i++)
			history_csv(&rs.v[i], &b);
	}
	store_close(st);
	free(rs.v);
	if (rc != EXIT_OK) {
		free(b.s);
		return rc;
	}
	return write_out(&b);
}

static int history_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"since", required_argument, NULL, 's'},
		{"routine", required_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct run_filter f = {.name = NULL, .since_day = LLONG_MIN};
	bool json = false;
	int c;

	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return history_export(argc - 1, argv + 1);
	options_reset();
	while ((c = getopt_long(argc, argv, ":s:r:jh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!parse_day(optarg, &f.since_day))
				return usage_error("history", "history: --since takes a date, YYYY-MM-DD");
			break;
		case 'r':
			if (!routine_name_valid(optarg))
				return usage_error("history", "history: invalid routine name: names match "
							      "[a-z0-9][a-z0-9-]{0,63}");
			f.name = optarg;
			break;
		case 'j': json = true; break;
		case 'h': command_print_help(&cmd_history); return EXIT_OK;
		default: return command_bad_option(&cmd_history, opts, c, argv);
		}
	}
	if (optind < argc) {
		char clean[64];
		return usage_error("history", "history: unexpected argument '%s' (the only subcommand "
					      "is export)",
				   text_sanitize(argv[optind], clean, sizeof(clean)));
	}

	struct run_record *v;
	size_t n;
	int rc = history_load("history", &f, &v, &n);
	if (rc != EXIT_OK)
		return rc;
	struct sbuf b = {0};
	if (json) {
		sbuf_put(&b, "[", 1);
		for (size_t i = 0; i < n; i++) {
			sbuf_printf(&b, "%s\n  ", i ? "," : "");
			history_json(&v[i], &b);
		}
		sbuf_printf(&b, "%s]\n", n ? "\n" : "");
	} else if (n == 0) {
		sbuf_printf(&b, "No runs recorded%s.\n", f.name || f.since_day != LLONG_MIN
							? " that match" : " yet");
	} else {
		bool tty = isatty(STDOUT_FILENO);
		history_header(&b);
		for (size_t i = 0; i < n; i++)
			history_line(&v[i], tty, &b);
		if (tty) { /* columns for a person; tabs for a pipe */
			char *cols = text_columns(b.s);
			free(b.s);
			b = (struct sbuf){.s = cols, .len = strlen(cols)};
			size_t line = strcspn(cols, "\n");
			if (line > term_width(stdout)) { /* too narrow for the table */
				free(b.s);
				b = (struct sbuf){0};
				for (size_t i = 0; i < n; i++)
					history_stacked(&v[i], term_width(stdout), &b);
			}
		}
	}
	free(v);
	return write_out(&b);
}

const struct command cmd_history = {
	.name = "history",
	.summary = "the runs you have played, and how they ended",
	.usage = "[--since DATE] [--routine NAME] [--json]\n"
		 "       selfcare history export [--format csv|json] [--reminders]",
	.help = "Every run is recorded, however it ends: when it began (in the local time\n"
		"it began in), the routine, how long it took, the steps done and skipped,\n"
		"how it ended (completed, quit, sigint, sighup, sigterm, sigquit, failed,\n"
		"or interrupted when it could not say: killed, or the power went), and how\n"
		"tense you felt before and after, 0 to 10, when you said.\n\n"
		"Options:\n"
		"      --since DATE    only runs that began on DATE (YYYY-MM-DD) or later\n"
		"      --routine NAME  only runs of routine NAME\n"
		"      --json          one JSON array of objects\n"
		"  -h, --help          show this help\n\n"
		"  selfcare history export [--format csv|json] [--reminders]\n"
		"                     everything, to take it elsewhere\n\n"
		"The history is an SQLite database, $XDG_STATE_HOME/selfcare/history.db\n"
		"(~/.local/state/selfcare/history.db): open it with sqlite3 if you like;\n"
		"its tables are described in selfcare(1).\n",
	.exec = history_exec,
};
