#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "fsutil.h"
#include "output.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

struct row {
	const struct entry *e;
	struct routine *r;
	unsigned total;
};

static bool has_tag(const struct routine *r, const char *tag)
{
	for (unsigned i = 0; i < r->tags_count; i++)
		if (strcmp(r->tags[i], tag) == 0)
			return true;
	return false;
}

static void print_json(const struct row *rows, size_t n)
{
	printf("[");
	for (size_t i = 0; i < n; i++) {
		const struct routine *r = rows[i].r;
		printf("%s\n  {\"name\": ", i ? "," : "");
		json_string(stdout, rows[i].e->name);
		printf(", \"title\": ");
		json_string(stdout, r->title);
		printf(", \"summary\": ");
		if (r->summary)
			json_string(stdout, r->summary);
		else
			printf("null");
		printf(", \"path\": ");
		json_string(stdout, rows[i].e->path);
		printf(", \"total\": %u, \"steps\": %u, \"tags\": [", rows[i].total, r->steps_count);
		for (unsigned t = 0; t < r->tags_count; t++) {
			if (t)
				printf(", ");
			json_string(stdout, r->tags[t]);
		}
		printf("]}");
	}
	printf("%s]\n", n ? "\n" : "");
}

static void print_tags(const struct routine *r, const char *sep)
{
	for (unsigned t = 0; t < r->tags_count; t++)
		printf("%s%s", t ? sep : "", r->tags[t]);
}

static void print_table(const struct row *rows, size_t n)
{
	bool tty = isatty(fileno(stdout));
	bool color = color_enabled(stdout);
	size_t wname = 4, wtitle = 5;
	char dur[32];

	if (!tty) {
		/* Piped: one tab-separated line per routine, no header. */
		for (size_t i = 0; i < n; i++) {
			char *title = text_sanitize_dup(rows[i].r->title);
			printf("%s\t%s\t%s\t%u\t", rows[i].e->name, title,
			       duration_format(rows[i].total, dur, sizeof(dur)),
			       rows[i].r->steps_count);
			print_tags(rows[i].r, ",");
			putchar('\n');
			free(title);
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *title = text_sanitize_dup(rows[i].r->title);
		if (strlen(rows[i].e->name) > wname)
			wname = strlen(rows[i].e->name);
		if (text_width(title) > wtitle)
			wtitle = text_width(title);
		free(title);
	}
	printf("%s%-*s  %-*s  %7s  %5s  %s%s\n", color ? "\033[1m" : "", (int)wname, "NAME",
	       (int)wtitle, "TITLE", "TIME", "STEPS", "TAGS", color ? "\033[0m" : "");
	for (size_t i = 0; i < n; i++) {
		char *title = text_sanitize_dup(rows[i].r->title);
		/* Pad by display width, not bytes, for non-ASCII titles. */
		printf("%-*s  %s%*s  %7s  %5u  ", (int)wname, rows[i].e->name, title,
		       (int)(wtitle - text_width(title)), "",
		       duration_format(rows[i].total, dur, sizeof(dur)), rows[i].r->steps_count);
		if (color)
			fputs("\033[2m", stdout);
		print_tags(rows[i].r, ", ");
		if (color)
			fputs("\033[0m", stdout);
		putchar('\n');
		free(title);
	}
}

static int list_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"tag", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *tag = NULL;
	bool json = false;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":t:jh", opts, NULL)) != -1) {
		switch (c) {
		case 't': tag = optarg; break;
		case 'j': json = true; break;
		case 'h': command_print_help(&cmd_list); return EXIT_OK;
		default: return command_bad_option(&cmd_list, c, argv);
		}
	}
	if (optind < argc)
		return usage_error("list", "list: unexpected argument '%s'", argv[optind]);
	if (tag && !routine_tag_valid(tag))
		return usage_error("list", "list: invalid tag (tags use a-z, 0-9 and '-')");

	struct catalog cat = {0};
	catalog_open(&cat);
	catalog_sort(&cat);
	struct row *rows = xcalloc(cat.count, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < cat.count; i++) {
		struct diags d = {0};
		struct routine *r = NULL;
		const struct entry *e = &cat.items[i];
		if (e->shadowed)
			continue;
		if (routine_load_file(e->path, &r, &d) < 0) {
			char clean[512];
			warning("cannot read '%s': %s", text_sanitize(e->path, clean, sizeof(clean)),
				fs_strerror(errno));
		} else if (r == NULL) {
			print_diags(e->path, &d);
		} else if (tag && !has_tag(r, tag)) {
			routine_free(r);
		} else {
			rows[n++] = (struct row){.e = e, .r = r, .total = routine_total(r)};
		}
		diags_release(&d);
	}
	if (json)
		print_json(rows, n);
	else
		print_table(rows, n);
	for (size_t i = 0; i < n; i++)
		routine_free(rows[i].r);
	free(rows);
	catalog_release(&cat);
	return EXIT_OK;
}

const struct command cmd_list = {
	.name = "list",
	.summary = "list routines with their total time and tags",
	.usage = "[--tag TAG] [--json]",
	.help = "List every routine in the catalog: name, title, total time, number of\n"
		"steps and tags. A routine in your own directory hides a shipped one of the\n"
		"same name. A broken file is reported on stderr and never hides the rest.\n\n"
		"On a terminal the list is a table; piped, it is one tab-separated line\n"
		"per routine: name, title, time, steps, tags (comma-separated).\n\n"
		"Options:\n"
		"  -t, --tag TAG   only routines with this tag\n"
		"  -j, --json      JSON output; times are numbers of seconds\n"
		"  -h, --help      show this help\n\n"
		"Search order (first match wins): $SELFCARE_ROUTINES_PATH,\n"
		"$XDG_DATA_HOME/selfcare/routines, each $XDG_DATA_DIRS entry's\n"
		"selfcare/routines, the installed data directory, and the source tree's\n"
		"routines/ when run from a build in it.\n",
	.exec = list_exec,
};
