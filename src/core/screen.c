#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "keys.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

#include "screen_layout.h"


/* A countdown shows whole seconds, rounded up: 0.4 s left reads 0:01. */
char *sl_countdown(int64_t ms, char *buf, unsigned len)
{
	return duration_clock(ms <= 0 ? 0 : (unsigned)((ms + 999) / 1000), buf, len);
}

const char *sl_ellipsis(bool utf8)
{
	return utf8 ? "…" : "...";
}

char *sl_line_dup(const char *s)
{
	return xasprintf("%s\n", s);
}

/* Make room for the ellipsis at the end of line and add it: a line cut
 * short says so. Whole words go first; a word alone loses characters. */
void sl_mark_cut(char *line, size_t size, unsigned cols, bool utf8)
{
	const char *e = sl_ellipsis(utf8);
	size_t ew = text_width(e);

	while (line[0] && text_width(line) + ew > cols) {
		char *sp = strrchr(line, ' ');
		size_t lead = strspn(line, " ");
		if (sp && (size_t)(sp - line) > lead) {
			*sp = '\0';
		} else {
			size_t n = strlen(line);
			while (n > 0 && (line[n - 1] & 0xC0) == 0x80)
				n--;
			line[n > 0 ? n - 1 : 0] = '\0';
		}
	}
	size_t n = strlen(line);
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	if (ew <= cols && n + strlen(e) < size)
		memcpy(line + n, e, strlen(e) + 1);
}

/* s on one line of at most cols columns, cut with an ellipsis if need be. */
char *sl_fit(const char *s, unsigned cols, bool utf8, char *out, size_t len)
{
	snprintf(out, len, "%s", s);
	if (text_width(out) > cols)
		sl_mark_cut(out, len, cols, utf8);
	return out;
}

/* left and right on one line of the block's width, or NULL when they do
 * not fit together. */
char *sl_split(const struct layout *L, const char *left, const char *right)
{
	size_t lw = text_width(left), rw = text_width(right);
	if (lw + 2 + rw > L->cols)
		return NULL;
	return xasprintf("%s%*s%s\n", left, (int)(L->cols - lw - rw), "", right);
}

/* Add a block of lines (text is taken; an empty one is dropped). */
void sl_push(struct layout *L, unsigned prio, unsigned style, char *text)
{
	unsigned lines = 0;

	if (text)
		for (const char *c = text; (c = strchr(c, '\n')); c++)
			lines++;
	if ((text && lines == 0) || L->count == MAX_BLOCKS) {
		free(text);
		return;
	}
	L->b[L->count++] = (struct block){
		.text = text,
		.lines = text ? lines : 1,
		.prio = prio,
		.style = (unsigned char)style,
	};
}

void sl_add_wrapped(struct layout *L, unsigned prio, unsigned style, const char *s,
			size_t indent, const char *first)
{
	sl_push(L, prio, style, text_wrapped_hard(s, L->cols, indent, first));
}

void sl_add_space(struct layout *L, unsigned prio)
{
	sl_push(L, prio, STYLE_PLAIN, NULL);
}

void sl_sb_puts(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

/* The hold the screen is about: a prepare's own, the one after a rest. */
size_t sl_shown_hold(const struct timeline *tl, size_t seg)
{
	if (tl->segs[seg].type == SEG_HOLD)
		return seg;
	size_t h = timeline_next_hold(tl, seg);
	if (h != TIMELINE_NONE)
		return h;
	while (seg > 0 && tl->segs[seg].type != SEG_HOLD)
		seg--;
	return seg;
}

static void header(struct layout *L, size_t shown)
{
	const struct player *p = L->st->player;
	char title[256], right[64], cut[256];

	text_sanitize(p->r->title, title, sizeof(title));
	snprintf(right, sizeof(right), "step %u of %u", timeline_hold_number(p->tl, shown), p->tl->holds);
	size_t rw = text_width(right);
	if (L->cols >= rw + 2 + 4) {
		sl_fit(title, L->cols - (unsigned)rw - 2, L->st->utf8, cut, sizeof(cut));
		sl_push(L, PRIO_HEADER, STYLE_PLAIN, sl_split(L, cut, right));
	} else {
		sl_push(L, PRIO_HEADER, STYLE_PLAIN,
		     sl_line_dup(sl_fit(right, L->cols, L->st->utf8, cut, sizeof(cut))));
	}
}

/* The step line: what to do now, and its kind on the right where it fits. */
static void step_line(struct layout *L, size_t shown)
{
	const struct player *p = L->st->player;
	const struct segment *g = &p->tl->segs[p->seg];
	char label[200], text[256];
	const char *kind = NULL;

	if (g->type == SEG_REST) {
		snprintf(text, sizeof(text), "%s", g->switch_sides ? "Switch sides" : "Rest");
	} else {
		segment_label(p->r, p->tl, p->seg, label, sizeof(label));
		snprintf(text, sizeof(text), "%s%s", g->type == SEG_PREPARE ? "Get ready: " : "",
			 label);
		kind = step_kind_name(p->r->steps[g->step].kind);
	}
	char *line = kind ? sl_split(L, text, kind) : NULL;
	if (line)
		sl_push(L, PRIO_STEP, STYLE_STEP, line);
	else
		sl_add_wrapped(L, PRIO_STEP, STYLE_STEP, text, 0, NULL);

	if (g->type == SEG_REST && shown != p->seg) {
		char dur[32];
		segment_label(p->r, p->tl, shown, label, sizeof(label));
		duration_format(p->tl->segs[shown].duration, dur, sizeof(dur));
		char *next = xasprintf("Up next: %s, %s", label, dur);
		sl_add_wrapped(L, PRIO_STEP, STYLE_PLAIN, next, 0, NULL);
		free(next);
	}
}

static void budget(struct layout *L)
{
	unsigned left = L->height;

	/* Content, the most important first; what does not fit whole is cut. */
	for (unsigned prio = PRIO_COUNTDOWN; prio < PRIO_SPACE_COUNTDOWN; prio++)
		for (unsigned i = 0; i < L->count; i++) {
			struct block *b = &L->b[i];
			if (b->text && b->prio == prio) {
				b->keep = b->lines < left ? b->lines : left;
				left -= b->keep;
			}
		}
	/* At most one blank line where content that stays meets, the one
	 * wanted most in that gap, and none after the last. */
	int best = -1;
	for (unsigned i = 0; i < L->count; i++) {
		struct block *b = &L->b[i];
		if (!b->text) {
			if (best < 0 || b->prio < L->b[best].prio)
				best = (int)i;
		} else if (b->keep > 0) {
			if (best >= 0)
				L->b[best].live = true;
			best = -1;
		}
	}
	for (unsigned prio = PRIO_SPACE_COUNTDOWN; prio <= PRIO_SPACE_TOP; prio++) {
		if (prio == PRIO_SPACE_BODY && L->big_px && left >= BIG_ROWS) {
			L->big = true;
			left -= BIG_ROWS;
		}
		for (unsigned i = 0; i < L->count; i++) {
			struct block *b = &L->b[i];
			if (!b->text && b->live && b->prio == prio && left > 0) {
				b->keep = 1;
				left--;
			}
		}
	}
}

static void emit(struct frame *f, const struct layout *L, const char *text, unsigned style)
{
	char clipped[SCREEN_LINE_MAX];

	if (f->count == SCREEN_MAX_LINES)
		return;
	/* Only narrower than a clock or an indent: the width is a promise. */
	if (text_width(text) > L->cols)
		text = text_clip(text, L->cols, clipped, sizeof(clipped));
	/* The margin, then the text (made to fit above; the buffer's end is
	 * only a backstop). */
	char *line = f->lines[f->count];
	size_t m = text[0] ? L->margin : 0, n = strlen(text);
	if (m > SCREEN_LINE_MAX - 1)
		m = SCREEN_LINE_MAX - 1;
	if (n > SCREEN_LINE_MAX - 1 - m)
		n = SCREEN_LINE_MAX - 1 - m;
	memset(line, ' ', m);
	memcpy(line + m, text, n);
	line[m + n] = '\0';
	f->style[f->count++] = (unsigned char)style;
}

static void emit_block(struct frame *f, const struct layout *L, const struct block *b)
{
	char line[SCREEN_LINE_MAX];
	const char *p = b->text;

	if (!b->text) {
		emit(f, L, "", STYLE_PLAIN);
		return;
	}
	for (unsigned i = 0; i < b->keep; i++) {
		const char *nl = strchr(p, '\n');
		size_t n = (size_t)(nl - p) < sizeof(line) ? (size_t)(nl - p) : sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (i + 1 == b->keep && b->keep < b->lines && !b->paged)
			sl_mark_cut(line, sizeof(line), L->cols, L->st->utf8);
		emit(f, L, line, b->style);
		p = nl + 1;
	}
}

static void layout_init(struct layout *L, const struct screen_state *st)
{
	unsigned width = st->width ? st->width : 80;

	memset(L, 0, sizeof(*L));
	L->st = st;
	L->body = -1;
	L->height = st->height ? st->height : 24;
	if (L->height > SCREEN_MAX_LINES)
		L->height = SCREEN_MAX_LINES;
	L->cols = width >= SCREEN_TEXT_MAX + 2 ? SCREEN_TEXT_MAX : width > 2 ? width - 2 : width;
	L->margin = (width - L->cols) / 2;
	if (L->margin > MARGIN_MAX)
		L->margin = MARGIN_MAX;
	sl_countdown(player_segment_left_ms(st->player, st->now), L->clock, sizeof(L->clock));
	/* Pixels two columns wide look square; one will do when narrow. */
	for (unsigned px = 2; st->big_digits && px > 0 && !L->big_px; px--)
		if (sl_big_width(L->clock, px) <= L->cols)
			L->big_px = px;
}

/* The blocks of the frame, in the order they appear. more: the overlay's
 * footer offers its next page. Returns the countdown's block. */
static unsigned build(struct layout *L, const struct screen_state *st, bool more)
{
	const struct player *p = st->player;
	const struct routine *r = p->r;
	const struct timeline *tl = p->tl;
	const struct segment *g = &tl->segs[p->seg];
	size_t shown = sl_shown_hold(tl, p->seg);
	unsigned countdown_block;
	char sided[4096]; /* a step's text on its side */

	layout_init(L, st);
	sl_add_space(L, PRIO_SPACE_TOP);
	header(L, shown);
	sl_add_space(L, PRIO_SPACE);

	/* After a hold, how to come out of it, before what comes next. */
	const struct step *before = p->seg > 0 && tl->segs[p->seg - 1].type == SEG_HOLD
					    ? &r->steps[tl->segs[p->seg - 1].step]
					    : NULL;
	if (st->overlay == SCREEN_OVERLAY_NONE && g->type != SEG_HOLD && before && before->exit) {
		char *line = xasprintf("Come out: %s", side_text(before->exit, tl->segs[p->seg - 1].side,
								   sided, sizeof(sided)));
		sl_add_wrapped(L, PRIO_EXIT, STYLE_PLAIN, line, 0, NULL);
		free(line);
		sl_add_space(L, PRIO_SPACE);
	}
	step_line(L, shown);
	sl_add_space(L, PRIO_SPACE_BODY);

	if (st->overlay == SCREEN_OVERLAY_KEYS)
		sl_keys_overlay(L);
	else if (st->overlay == SCREEN_OVERLAY_SAFETY)
		sl_safety_overlay(L);
	else
		sl_add_wrapped(L, PRIO_BODY, STYLE_PLAIN,
			    side_text(r->steps[tl->segs[shown].step].instructions, tl->segs[shown].side,
				      sided, sizeof(sided)),
			    0, NULL);
	sl_add_space(L, PRIO_SPACE);

	/* The latest cue of this hold stays on screen until the next. */
	if (st->overlay == SCREEN_OVERLAY_NONE && g->type == SEG_HOLD && p->next_cue > 0) {
		const struct cue *c = &r->steps[g->step].cues[p->next_cue - 1];
		sl_add_wrapped(L, PRIO_EXIT, STYLE_PLAIN, side_text(c->say, g->side, sided, sizeof(sided)),
			    2, ">");
	}
	sl_add_space(L, PRIO_SPACE_COUNTDOWN);
	countdown_block = L->count;
	sl_countdown_line(L);
	sl_add_space(L, PRIO_SPACE_COUNTDOWN);

	sl_then_lines(L, shown);
	sl_add_space(L, PRIO_SPACE);
	if (st->message)
		sl_add_wrapped(L, PRIO_MESSAGE, STYLE_PLAIN, st->message, 0, NULL);
	if (st->confirm_quit)
		sl_add_wrapped(L, PRIO_ANSWER, STYLE_PLAIN,
			    "Quit this routine? y or q to quit, any other key to go on", 0, NULL);
	else if (st->overlay != SCREEN_OVERLAY_NONE)
		sl_add_wrapped(L, PRIO_ANSWER, STYLE_DIM,
			    more ? "space more, any other key to go back" : "any key to go back", 0,
			    NULL);
	else
		sl_hint(L);
	budget(L);
	return countdown_block;
}

/* The overlay_skip of the overlay's next page, or 0 on its last: the next
 * page starts with the line after the last one shown. */
static unsigned next_page(const struct layout *L)
{
	if (L->body < 0)
		return 0;
	const struct block *b = &L->b[L->body];
	if (b->keep >= b->lines)
		return 0;
	unsigned shown = b->keep > 1 ? b->keep - 1 : 1; /* less the heading */
	return L->st->overlay_skip + shown;
}

void screen_render(const struct screen_state *st, struct frame *f)
{
	struct layout L;
	unsigned countdown_block = build(&L, st, false);

	f->overlay_next = next_page(&L);
	if (f->overlay_next) {
		for (unsigned i = 0; i < L.count; i++)
			free(L.b[i].text);
		countdown_block = build(&L, st, true);
		f->overlay_next = next_page(&L);
		if (f->overlay_next)
			L.b[L.body].paged = true;
	}
	f->count = 0;
	for (unsigned i = 0; i < L.count; i++) {
		if (i == countdown_block && L.big)
			for (unsigned row = 0; row < BIG_ROWS; row++) {
				char line[SCREEN_LINE_MAX];
				sl_big_row(&L, row, line, sizeof(line));
				emit(f, &L, line, STYLE_COUNTDOWN);
			}
		if (L.b[i].keep > 0)
			emit_block(f, &L, &L.b[i]);
		free(L.b[i].text);
	}
}

void screen_title(const struct screen_state *st, char *buf, size_t len)
{
	const struct player *p = st->player;
	char label[200], what[240], clock[32], raw[320];

	if (len == 0)
		return;
	if (p->over) {
		text_sanitize("selfcare", buf, len);
		return;
	}
	const struct segment *g = &p->tl->segs[p->seg];
	if (g->type == SEG_REST) {
		snprintf(what, sizeof(what), "%s", g->switch_sides ? "Switch sides" : "Rest");
	} else {
		segment_label(p->r, p->tl, p->seg, label, sizeof(label));
		snprintf(what, sizeof(what), "%s%s", g->type == SEG_PREPARE ? "Get ready: " : "",
			 label);
	}
	snprintf(raw, sizeof(raw), "%s %s%s - selfcare", what,
		 sl_countdown(player_segment_left_ms(p, st->now), clock, sizeof(clock)),
		 p->paused ? " (paused)" : "");
	/* Step names are the routine's text: no escape reaches the terminal. */
	text_sanitize(raw, buf, len);
}
