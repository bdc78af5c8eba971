#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "output.h"
#include "script.h"
#include "settings.h"
#include "text.h"
#include "timeline.h"
#include "util.h"
#include "voice.h"

/* Text that reads the same on either side. */
static bool step_side_free(const struct step *s)
{
	bool free_of = !(text_placeholders(s->instructions, NULL, 0) & TEXT_PLACEHOLDER_SIDE) &&
		       !(s->exit && text_placeholders(s->exit, NULL, 0) & TEXT_PLACEHOLDER_SIDE);
	for (unsigned c = 0; c < s->cues_count; c++)
		free_of &= !(text_placeholders(s->cues[c].say, NULL, 0) & TEXT_PLACEHOLDER_SIDE);
	return free_of;
}

static void show(const struct loaded *l, bool color, unsigned width)
{
	const struct routine *r = l->routine;
	struct timeline tl;
	char dur[32], at[32];
	const char *bold = color ? "\033[1m" : "", *off = color ? "\033[0m" : "";
	unsigned number = 0, last_step = (unsigned)-1;
	enum side last_side = SIDE_NONE;
	char filled[VOICE_MAX];
	char *title = text_sanitize_dup(r->title);

	timeline_expand(r, &tl);
	char *head = xasprintf("%s (%s, %s)", title, l->name,
			       duration_format(tl.total, dur, sizeof(dur)));
	print_heading(stdout, NULL, head, width, 0, color);
	free(head);
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
		char prefix[64], *heading = xasprintf("%s (%s, %s)", label, step_kind_name(s->kind),
						       duration_format(s->hold, dur, sizeof(dur)));
		snprintf(prefix, sizeof(prefix), "%7s %3u.", at, number);
		print_heading(stdout, prefix, heading, width, 13, color);
		free(heading);
		/* A step's text once, and again on its other side when it names
		 * the side ({side}, {other}). */
		if (g->step != last_step || (g->side != last_side && !step_side_free(s))) {
			text_wrap(stdout, side_text(s->instructions, g->side, filled, sizeof(filled)),
				  width, 13);
			for (unsigned c = 0; c < s->cues_count; c++) {
				char *say = text_sanitize_dup(
					side_text(s->cues[c].say, g->side, filled, sizeof(filled)));
				char *line = xasprintf("at %s: %s",
						       duration_format(s->cues[c].at, dur, sizeof(dur)), say);
				text_wrap(stdout, line, width, 13);
				free(line);
				free(say);
			}
			if (s->exit) {
				char *line = xasprintf("Come out: %s", side_text(s->exit, g->side, filled,
										 sizeof(filled)));
				text_wrap(stdout, line, width, 13); /* sanitizes */
				free(line);
			}
			last_step = g->step;
			last_side = g->side;
		}
	}
	printf("\n%sTotal%s %s: %u %s\n", bold, off, duration_format(tl.total, dur, sizeof(dur)),
	       tl.holds, tl.holds == 1 ? "step" : "steps");
	timeline_release(&tl);
}

/* Every utterance of a run, a line each: "1:05 Stay here for 45 seconds." */
static void spoken(const struct loaded *l)
{
	struct timeline tl;
	struct script sc;
	char at[32];
	const struct config *cfg = settings();

	timeline_expand(l->routine, &tl);
	script_build(l->routine, &tl, cfg->voice_rate, &sc);
	for (size_t i = 0; i < sc.count; i++) {
		const struct utterance *u = &sc.items[i];
		duration_clock((unsigned)(u->at_ms / 1000), at, sizeof(at));
		printf("%s %s\n", at, u->text); /* sanitized by the voice */
	}
	script_release(&sc);
	timeline_release(&tl);
}

static int show_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"spoken", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool said = false;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'S': said = true; break;
		case 'h': command_print_help(&cmd_show); return EXIT_OK;
		default: return command_bad_option(&cmd_show, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("show", "show: which routine? Give a NAME or a FILE");
	if (argc - optind > 1)
		return usage_error("show", "show: too many arguments");

	struct loaded l;
	int rc = load_routine_arg(argv[optind], &l);
	if (rc != EXIT_OK)
		return rc;
	unsigned width = term_width(stdout);
	if (said)
		spoken(&l);
	else
		show(&l, color_enabled(stdout), width > 100 ? 100 : width);
	loaded_release(&l);
	return EXIT_OK;
}

const struct command cmd_show = {
	.name = "show",
	.summary = "show a routine's safety notes and every step",
	.usage = "[--spoken] NAME|FILE",
	.help = "Show a routine: its safety notes first, then every step as it is played\n"
		"(each side and repetition, with the rests between them) with its start\n"
		"time, and the total. An argument with a '/' or ending in .yaml is a file;\n"
		"anything else is a name from the catalog (see 'selfcare list').\n\n"
		"Options:\n"
		"      --spoken  every utterance a run says, a line each with the time it\n"
		"                begins (M:SS), at the configured voice rate\n"
		"  -h, --help    show this help\n",
	.exec = show_exec,
};
