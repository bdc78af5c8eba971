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
#include "settings.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

struct row {
	const struct entry *e;
	struct routine *r;
	unsigned total;
	unsigned steps; /* as played: routine_steps() */
};

static bool has_tag(const struct routine *r, const char *tag)
{
	for (unsigned i = 0; i < r->tags_count; i++)
		if (strcmp(r->tags[i], tag) == 0)
			return true;
	return false;
}

static void print_json_row(const struct row *row, bool first)
{
	const struct routine *r = row->r;

	printf("%s\n  {\"name\": ", first ? "" : ",");
	json_string(stdout, row->e->name);
	printf(", \"title\": ");
	json_string(stdout, r->title);
	printf(", \"summary\": ");
	if (r->summary)
		json_string(stdout, r->summary);
	else
		printf("null");
	printf(", \"path\": ");
	json_string(stdout, row->e->path);
	printf(", \"total\": %u, \"steps\": %u, \"tags\": [", row->total, row->steps);
	for (unsigned t = 0; t < r->tags_count; t++) {
		if (t)
			printf(", ");
		json_string(stdout, r->tags[t]);
	}
	printf("], \"equipment\": [");
	for (unsigned t = 0; t < r->equipment_count; t++) {
		if (t)
			printf(", ");
		json_string(stdout, r->equipment[t]);
	}
	printf("]}");
}

static void print_tags(const struct routine *r, const char *sep)
{
	for (unsigned t = 0; t < r->tags_count; t++) {
		if (t)
			fputs(sep, stdout);
		fputs(r->tags[t], stdout);
	}
}

/* Tags from column start on, a new line (back at start) before a tag that
 * would pass width: never broken inside a tag. */
static void print_tags_wrapped(const struct routine *r, size_t start, size_t width)
{
	size_t col = start;
	for (unsigned t = 0; t < r->tags_count; t++) {
		size_t len = strlen(r->tags[t]);
		if (t) {
			if (col + 2 + len + 1 > width) {
				printf(",\n%*s", (int)start, "");
				col = start;
			} else {
				fputs(", ", stdout);
				col += 2;
			}
		}
		fputs(r->tags[t], stdout);
		col += len;
	}
}

/* Piped: one tab-separated line per routine, no header. */
static void print_line(const struct row *row)
{
	char dur[32];
	char *title = text_sanitize_dup(row->r->title);

	fputs(row->e->name, stdout);
	putchar('\t');
	fputs(title, stdout);
	putchar('\t');
	fputs(duration_format(row->total, dur, sizeof(dur)), stdout);
	printf("\t%u\t", row->steps);
	print_tags(row->r, ",");
	putchar('\n');
	free(title);
}

/* A terminal too narrow for the table: one block per routine, its name,
 * time and steps on the first line, then its title and tags wrapped at
 * word boundaries. */
static void print_blocks(const struct row *rows, size_t n, unsigned width, bool color)
{
	char dur[32];

	for (size_t i = 0; i < n; i++) {
		const struct routine *r = rows[i].r;
		printf("%s%s%s  %s, %u step%s\n", color ? "\033[1m" : "", rows[i].e->name,
		       color ? "\033[0m" : "", duration_format(rows[i].total, dur, sizeof(dur)),
		       rows[i].steps, rows[i].steps == 1 ? "" : "s");
		text_wrap(stdout, r->title, width, 2);
		if (r->tags_count) {
			size_t len = 1;
			for (unsigned t = 0; t < r->tags_count; t++)
				len += strlen(r->tags[t]) + 2;
			char *tags = xcalloc(len, 1);
			for (unsigned t = 0; t < r->tags_count; t++) {
				if (t)
					strcat(tags, ", ");
				strcat(tags, r->tags[t]);
			}
			if (color)
				fputs("\033[2m", stdout);
			text_wrap(stdout, tags, width, 2);
			if (color)
				fputs("\033[0m", stdout);
			free(tags);
		}
	}
}

/* On a terminal: a table with columns as wide as their widest entry, or
 * blocks where the table would not fit. */
static void print_table(const struct row *rows, size_t n)
{
	bool color = color_enabled(stdout);
	size_t wname = 4, wtitle = 5, wtags = 4;
	unsigned width = term_width(stdout);
	char dur[32];

	for (size_t i = 0; i < n; i++) {
		char *title = text_sanitize_dup(rows[i].r->title);
		if (strlen(rows[i].e->name) > wname)
			wname = strlen(rows[i].e->name);
		if (text_width(title) > wtitle)
			wtitle = text_width(title);
		free(title);
		size_t tags = 0;
		for (unsigned t = 0; t < rows[i].r->tags_count; t++)
			tags += strlen(rows[i].r->tags[t]) + (t ? 2 : 0);
		if (tags > wtags)
			wtags = tags;
	}
	/* The tags wrap inside their column; below 16 columns for them, the
	 * table gives way to blocks. */
	size_t start = wname + 2 + wtitle + 2 + 7 + 2 + 5 + 2;
	if (start + (wtags < 16 ? wtags : 16) > width) {
		print_blocks(rows, n, width, color);
		return;
	}
	printf("%s%-*s  %-*s  %7s  %5s  %s%s\n", color ? "\033[1m" : "", (int)wname, "NAME",
	       (int)wtitle, "TITLE", "TIME", "STEPS", "TAGS", color ? "\033[0m" : "");
	for (size_t i = 0; i < n; i++) {
		char *title = text_sanitize_dup(rows[i].r->title);
		/* Pad by display width, not bytes, for non-ASCII titles. */
		printf("%-*s  %s%*s  %7s  %5u  ", (int)wname, rows[i].e->name, title,
		       (int)(wtitle - text_width(title)), "",
		       duration_format(rows[i].total, dur, sizeof(dur)), rows[i].steps);
		if (color)
			fputs("\033[2m", stdout);
		print_tags_wrapped(rows[i].r, start, width);
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
		default: return command_bad_option(&cmd_list, opts, c, argv);
		}
	}
	if (optind < argc)
		return usage_error("list", "list: unexpected argument '%s'", argv[optind]);
	if (tag && !routine_tag_valid(tag))
		return usage_error("list", "list: invalid tag (tags use a-z, 0-9 and '-')");

	/* Lines and JSON go out as each routine is read, so that a long list
	 * starts at once and holds one routine at a time; the table needs
	 * every row to size its columns. */
	enum { TABLE, LINES, JSON } style = json ? JSON : isatty(fileno(stdout)) ? TABLE : LINES;
	struct catalog cat = {0};
	catalog_open(&cat, true);
	catalog_sort(&cat);
	struct row *rows = style == TABLE ? xcalloc(cat.count, sizeof(*rows)) : NULL;
	size_t n = 0;
	if (style == JSON)
		printf("[");
	for (size_t i = 0; i < cat.count; i++) {
		struct diags d = {0};
		struct routine *r = NULL;
		const struct entry *e = &cat.items[i];
		if (e->shadowed)
			continue;
		/* A file that cannot be listed is one warning line: its first
		 * error, and how many more 'validate' would show. */
		if (routine_load_file(e->path, &r, &d) < 0) {
			warning("cannot read '%s': %s; skipped", e->path, fs_strerror(errno));
		} else if (r == NULL) {
			size_t more = d.count - 1 + d.dropped;
			const struct diag *g = &d.items[0];
			if (more)
				warning("%s:%u:%u: %s (and %zu more: see 'selfcare validate %s'); skipped",
					e->path, g->line, g->col, g->msg, more, e->path);
			else
				warning("%s:%u:%u: %s; skipped", e->path, g->line, g->col, g->msg);
		} else if (tag && !has_tag(r, tag)) {
			routine_free(r);
		} else {
			routine_default_prepare(r, settings()->prepare);
			struct row row = {.e = e, .r = r, .total = routine_total(r), .steps = routine_steps(r)};
			if (style == TABLE) {
				rows[n++] = row;
			} else {
				if (style == JSON)
					print_json_row(&row, n++ == 0);
				else
					print_line(&row);
				routine_free(r);
			}
		}
		diags_release(&d);
	}
	if (style == JSON)
		printf("%s]\n", n ? "\n" : "");
	if (style == TABLE && n == 0 && tag)
		printf("No routine is tagged '%s'.\n", tag);
	else if (style == TABLE && n == 0)
		printf("No routines found. 'selfcare list --help' says where they are looked for.\n");
	else if (style == TABLE)
		print_table(rows, n);
	if (style == TABLE) {
		for (size_t i = 0; i < n; i++)
			routine_free(rows[i].r);
		free(rows);
	}
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
		"selfcare/routines, the shipped routines (DATADIR/selfcare/shipped),\n"
		"and the source tree's routines/ when run from a build in it.\n",
	.exec = list_exec,
};
