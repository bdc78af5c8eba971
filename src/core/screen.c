#include "screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "notice.h"
#include "text.h"
#include "util.h"

/* A countdown shows whole seconds, rounded up: 0.4 s left reads 0:01. */
static char *countdown(int64_t ms, char *buf, unsigned len)
{
	return duration_clock(ms <= 0 ? 0 : (unsigned)((ms + 999) / 1000), buf, len);
}

static void add(struct frame *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct frame *f, const char *fmt, ...)
{
	va_list ap;

	if (f->count == SCREEN_MAX_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(f->lines[f->count++], SCREEN_LINE_MAX, fmt, ap);
	va_end(ap);
}

/* Left text and right text on one line of the given width. */
static void add_split(struct frame *f, unsigned width, const char *left, const char *right)
{
	size_t lw = text_width(left), rw = text_width(right);
	int gap = (int)width - 2 - (int)lw - (int)rw;
	if (gap < 2)
		gap = 2;
	add(f, " %s%*s%s", left, gap, "", right);
}

/* Wrap text into frame lines with an indent, at most max lines. */
static void add_wrapped(struct frame *f, const char *text, unsigned width, unsigned max)
{
	char *buf = text_wrapped(text, width > 4 ? width - 2 : width, 1, NULL);
	unsigned n = 0;
	for (char *line = strtok(buf, "\n"); line && n < max; line = strtok(NULL, "\n"), n++)
		add(f, "%s", line);
	free(buf);
}

static void bar(char *out, size_t outlen, unsigned cells, double frac, bool utf8)
{
	size_t o = 0;
	unsigned full = (unsigned)(frac * cells + 0.5);

	if (full > cells)
		full = cells;
	for (unsigned i = 0; i < cells && o + 4 < outlen; i++) {
		const char *c = i < full ? (utf8 ? "█" : "#") : (utf8 ? "░" : "-");
		size_t n = strlen(c);
		memcpy(out + o, c, n);
		o += n;
	}
	out[o] = '\0';
}

void screen_render(const struct screen_state *st, struct frame *f)
{
	const struct player *p = st->player;
	const struct routine *r = p->r;
	const struct timeline *tl = p->tl;
	const struct segment *g = &tl->segs[p->seg];
	const struct step *s = &r->steps[g->step];
	unsigned width = st->width < 30 ? 30 : st->width;
	unsigned height = st->height < 12 ? 12 : st->height;
	char title[128], label[200], right[64], a[32], b[32], dur[32], cells[SCREEN_LINE_MAX / 2];

	f->count = 0;
	text_sanitize(r->title, title, sizeof(title));
	snprintf(right, sizeof(right), "step %u of %u", g->step + 1, r->steps_count);
	add(f, "%s", "");
	add_split(f, width, title, right);
	add(f, "%s", "");

	/* What now, and how to do it. During a rest, how to come out of the
	 * hold before it and what comes next; while getting ready, the hold. */
	size_t show = p->seg;
	const struct step *before = p->seg > 0 && tl->segs[p->seg - 1].type == SEG_HOLD
					    ? &r->steps[tl->segs[p->seg - 1].step]
					    : NULL;
	if (g->type != SEG_HOLD && before && before->exit) {
		char *line = xasprintf("Come out: %s", before->exit);
		add_wrapped(f, line, width, 3);
		free(line);
		add(f, "%s", "");
	}
	if (g->type == SEG_PREPARE) {
		segment_label(r, tl, p->seg, label, sizeof(label));
		char *line = xasprintf("Get ready: %s", label);
		add_split(f, width, line, "prepare");
		free(line);
	} else if (g->type == SEG_REST) {
		snprintf(label, sizeof(label), "%s", g->switch_sides ? "Switch sides" : "Rest");
		add_split(f, width, label, "rest");
		size_t h = timeline_next_hold(tl, p->seg);
		if (h != TIMELINE_NONE) {
			show = h;
			char next[200];
			segment_label(r, tl, show, next, sizeof(next));
			add(f, "%s", "");
			add(f, " Up next: %s, %s", next,
			    duration_format(r->steps[tl->segs[show].step].hold, dur, sizeof(dur)));
		}
	} else {
		segment_label(r, tl, p->seg, label, sizeof(label));
		add_split(f, width, label, step_kind_name(s->kind));
	}
	add(f, "%s", "");

	/* Lines the rest of the frame needs: 12; the instructions get what is left. */
	unsigned room = height > 14 + f->count ? height - 14 - f->count : 2;
	add_wrapped(f, r->steps[tl->segs[show].step].instructions, width, room);

	/* The latest cue of this hold stays on screen until the next. */
	if (g->type == SEG_HOLD && p->next_cue > 0) {
		char *line = xasprintf("> %s", s->cues[p->next_cue - 1].say);
		add(f, "%s", "");
		add_wrapped(f, line, width, 3); /* sanitizes */
		free(line);
	}
	add(f, "%s", "");

	/* The countdown. */
	int64_t len = player_segment_len_ms(p), el = player_segment_elapsed_ms(p, st->now);
	double frac = len > 0 ? (double)el / (double)len : 1.0;
	unsigned nb = width > 40 ? width - 24 : 16;
	if (nb > 50)
		nb = 50;
	bar(cells, sizeof(cells), nb, frac, st->utf8);
	add(f, " %7s  %s  %s%s", countdown(player_segment_left_ms(p, st->now), a, sizeof(a)),
	    cells, countdown(len, b, sizeof(b)), p->paused ? "  PAUSED" : "");
	add(f, "%s", "");

	/* The routine as a whole, and what follows. */
	char next[240] = "the end";
	if (p->seg + 1 < tl->count) {
		const struct segment *n = &tl->segs[p->seg + 1];
		char lab[200];
		if (n->type == SEG_REST) {
			snprintf(next, sizeof(next), "%s %s", n->switch_sides ? "switch sides," : "rest",
				 duration_format(n->duration, dur, sizeof(dur)));
		} else if (n->type == SEG_PREPARE) {
			segment_label(r, tl, p->seg + 1, lab, sizeof(lab));
			snprintf(next, sizeof(next), "get ready for %s", lab);
		} else {
			segment_label(r, tl, p->seg + 1, lab, sizeof(lab));
			snprintf(next, sizeof(next), "%s, %s", lab,
				 duration_format(n->duration, dur, sizeof(dur)));
		}
	}
	add(f, " Routine: %s left", countdown(player_routine_left_ms(p, st->now), a, sizeof(a)));
	add(f, " Then: %s", next);
	add(f, "%s", "");
	if (st->message)
		add(f, " %s", st->message);
	if (st->confirm_quit)
		add(f, " %s", width >= 56 ? "Quit this routine? y to quit, any other key to go on"
					  : "Quit? y quits, any other key goes on");
	else
		add(f, " %s", width >= 60 ? "space pause  n next  b back  r restart  +/- 10s  q quit"
					  : "spc pause n next b back r redo +/- q quit");
}
