#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "output.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

static void show(const struct loaded *l, bool color, unsigned width)
{
	const struct routine *r = l->routine;
	struct timeline tl;
	char dur[32], at[32];
	const char *bold = color ? "\033[1m" : "", *off = color ? "\033[0m" : "";
	unsigned number = 0, last_step = (unsigned)-1;
	char *title = text_sanitize_dup(r->title);

	timeline_expand(r, &tl);
	printf("%s%s%s (%s, %s)\n", bold, title, off, l->name,
	       duration_format(tl.total, dur, sizeof(dur)));
	free(title);
	if (r->summary)
		text_wrap(stdout, r->summary, width, 0);

	putchar('\n');
	print_safety(stdout, r, width, color);
	print_equipment(stdout, r, width, color);

	printf("\n%sSteps%s\n", bold, off);
	for (size_t i = 0; i < tl.count; i++) {
		const struct segment *g = &tl.segs[i];
		const struct step *s = &r->steps[g->step];
		duration_clock(g->start, at, sizeof(at));
		if (g->type == SEG_REST) {
			printf("%7s     %s %s\n", at, g->switch_sides ? "switch sides," : "rest",
			       duration_format(g->duration, dur, sizeof(dur)));
			continue;
		}
		if (g->type == SEG_PREPARE) {
			printf("%7s     get ready, %s\n", at,
			       duration_format(g->duration, dur, sizeof(dur)));
			continue;
		}
		char label[200];
		number++;
		segment_label(r, &tl, i, label, sizeof(label));
		printf("%7s %3u. %s%s%s (%s, %s)\n", at, number, bold, label, off,
		       step_kind_name(s->kind), duration_format(s->hold, dur, sizeof(dur)));
		if (g->step != last_step) {
			text_wrap(stdout, s->instructions, width, 13);
			for (unsigned c = 0; c < s->cues_count; c++) {
				char *say = text_sanitize_dup(s->cues[c].say);
				char *line = xasprintf("at %s: %s",
						       duration_format(s->cues[c].at, dur, sizeof(dur)), say);
				text_wrap(stdout, line, width, 13);
				free(line);
				free(say);
			}
			if (s->exit) {
				char *line = xasprintf("Come out: %s", s->exit);
				text_wrap(stdout, line, width, 13); /* sanitizes */
				free(line);
			}
			last_step = g->step;
		}
	}
	printf("\n%sTotal%s %s: %u %s in %u %s\n", bold, off,
	       duration_format(tl.total, dur, sizeof(dur)), tl.holds, tl.holds == 1 ? "hold" : "holds",
	       r->steps_count, r->steps_count == 1 ? "step" : "steps");
	timeline_release(&tl);
}

static int show_exec(int argc, char **argv)
{
	int done = command_parse_help_only(&cmd_show, argc, argv);
	if (done >= 0)
		return done;
	if (optind == argc)
		return usage_error("show", "show: which routine? Give a NAME or a FILE");
	if (argc - optind > 1)
		return usage_error("show", "show: too many arguments");

	struct loaded l;
	int rc = load_routine_arg(argv[optind], &l);
	if (rc != EXIT_OK)
		return rc;
	unsigned width = term_width(stdout);
	show(&l, color_enabled(stdout), width > 100 ? 100 : width);
	loaded_release(&l);
	return EXIT_OK;
}

const struct command cmd_show = {
	.name = "show",
	.summary = "show a routine's safety notes and every step",
	.usage = "NAME|FILE",
	.help = "Show a routine: its safety notes first, then every step as it is played\n"
		"(each side and repetition, with the rests between them) with its start\n"
		"time, and the total. An argument with a '/' or ending in .yaml is a file;\n"
		"anything else is a name from the catalog (see 'selfcare list').\n\n"
		"Options:\n"
		"  -h, --help   show this help\n",
	.exec = show_exec,
};
