/* selfcare stats: what the history adds up to. */
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "history.h"
#include "history_open.h"
#include "util.h"

static int stats_exec(int argc, char **argv)
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
		case 'h': command_print_help(&cmd_stats); return EXIT_OK;
		default: return command_bad_option(&cmd_stats, opts, c, argv);
		}
	}
	if (optind < argc)
		return usage_error("stats", "stats: unexpected argument");

	struct run_filter f = {.name = NULL, .since_day = LLONG_MIN};
	struct run_record *v;
	size_t n;
	int rc = history_load("stats", &f, &v, &n);
	if (rc != EXIT_OK)
		return rc;

	time_t now = time(NULL);
	struct tm tm;
	int offset = localtime_r(&now, &tm) ? (int)tm.tm_gmtoff : 0;
	struct stats s;
	stats_compute(v, n, (long long)now, offset, &s);
	free(v);

	struct sbuf b = {0};
	if (json)
		stats_json(&s, &b);
	else
		stats_text(&s, strcmp(nl_langinfo(CODESET), "UTF-8") == 0, color_enabled(stdout),
			   isatty(STDOUT_FILENO) ? term_width(stdout) : 0, &b);
	stats_release(&s);
	fwrite(b.s, 1, b.len, stdout);
	free(b.s);
	return stdout_flush() == 0 ? EXIT_OK : EXIT_FAIL;
}

const struct command cmd_stats = {
	.name = "stats",
	.summary = "your runs added up: weeks, streaks, routines, tension, a calendar",
	.usage = "[--json]",
	.help = "From the history: runs and minutes in all; the current streak of days\n"
		"(a day counts when at least one hold was done; today does not break it\n"
		"until it is over) and the longest; sessions and minutes for each of the\n"
		"last 12 weeks; runs, minutes and average tension before and after for\n"
		"each routine; and a calendar of the last 12 weeks, a shade for each day\n"
		"by its minutes, coloured on a colour terminal (not under NO_COLOR).\n"
		"A run's day is the local date it began on, where it began.\n\n"
		"Options:\n"
		"      --json   all of it as one JSON object\n"
		"  -h, --help   show this help\n",
	.exec = stats_exec,
};
