#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "keys.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

/* The frame is built as blocks in the order they appear, each with a
 * priority; the budget then gives the terminal's rows to the blocks in
 * priority order, and blank lines only to what is left. */
enum prio {
	PRIO_COUNTDOWN, /* never dropped */
	PRIO_ANSWER,    /* what the key just pressed asks for: "Quit?", "any key to go back" */
	PRIO_STEP,      /* the step line; during a rest, the hold up next */
	PRIO_EXIT,      /* what to do right now: how to come out of the hold
			 * before, the latest cue (it may be a safety one) */
	PRIO_BODY,      /* the instructions, or an overlay */
	PRIO_MESSAGE,
	PRIO_HINT,
	PRIO_THEN,      /* what follows and the routine's time left */
	PRIO_HEADER,
	/* Blank lines: the two around the countdown, then the big digits
	 * (not a block: see budget()), then the others. */
	PRIO_SPACE_COUNTDOWN,
	PRIO_SPACE_BODY,
	PRIO_SPACE,
	PRIO_SPACE_TOP,
};

#define MAX_BLOCKS 32
#define BIG_ROWS 5
#define BAR_MAX 40
/* Beyond this the block is no longer centred: a line must stay within
 * SCREEN_LINE_MAX bytes with 72 columns of 4-byte characters after it. */
#define MARGIN_MAX 600

struct block {
	char *text;    /* lines, each ending in '\n' (owned); NULL for a blank line */
	unsigned lines;
	unsigned keep; /* the rows the budget gave it */
	unsigned prio;
	unsigned char style;
	bool live;     /* a blank line between two blocks that stay */
	bool paged;    /* cut at a page's end: "space more" says so, not an ellipsis */
};

struct layout {
	const struct screen_state *st;
	unsigned height;
	unsigned cols;   /* columns of text, at most SCREEN_TEXT_MAX */
	unsigned margin; /* spaces before each line: the block sits in the middle */
	struct block b[MAX_BLOCKS];
	unsigned count;
	unsigned big_px;  /* columns per pixel of the big digits, 0 when they cannot be */
	bool big;         /* the budget gave them room */
	int body;         /* the overlay's block, or -1 */
	char clock[32];   /* the time left, as the countdown shows it */
};

/* A countdown shows whole seconds, rounded up: 0.4 s left reads 0:01. */
static char *countdown(int64_t ms, char *buf, unsigned len)
{
	return duration_clock(ms <= 0 ? 0 : (unsigned)((ms + 999) / 1000), buf, len);
}

static const char *ellipsis(bool utf8)
{
	return utf8 ? "…" : "...";
}

static char *line_dup(const char *s)
{
	return xasprintf("%s\n", s);
}

/* Make room for the ellipsis at the end of line and add it: a line cut
 * short says so. Whole words go first; a word alone loses characters. */
static void mark_cut(char *line, size_t size, unsigned cols, bool utf8)
{
	const char *e = ellipsis(utf8);
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
static char *fit(const char *s, unsigned cols, bool utf8, char *out, size_t len)
{
	snprintf(out, len, "%s", s);
	if (text_width(out) > cols)
		mark_cut(out, len, cols, utf8);
	return out;
}

/* left and right on one line of the block's width, or NULL when they do
 * not fit together. */
static char *split(const struct layout *L, const char *left, const char *right)
{
	size_t lw = text_width(left), rw = text_width(right);
	if (lw + 2 + rw > L->cols)
		return NULL;
	return xasprintf("%s%*s%s\n", left, (int)(L->cols - lw - rw), "", right);
}

/* Add a block of lines (text is taken; an empty one is dropped). */
static void push(struct layout *L, unsigned prio, unsigned style, char *text)
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

static void add_wrapped(struct layout *L, unsigned prio, unsigned style, const char *s,
			size_t indent, const char *first)
{
	push(L, prio, style, text_wrapped_hard(s, L->cols, indent, first));
}

static void add_space(struct layout *L, unsigned prio)
{
	push(L, prio, STYLE_PLAIN, NULL);
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

/* The hold the screen is about: a prepare's own, the one after a rest. */
static size_t shown_hold(const struct timeline *tl, size_t seg)
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
		fit(title, L->cols - (unsigned)rw - 2, L->st->utf8, cut, sizeof(cut));
		push(L, PRIO_HEADER, STYLE_PLAIN, split(L, cut, right));
	} else {
		push(L, PRIO_HEADER, STYLE_PLAIN,
		     line_dup(fit(right, L->cols, L->st->utf8, cut, sizeof(cut))));
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
	char *line = kind ? split(L, text, kind) : NULL;
	if (line)
		push(L, PRIO_STEP, STYLE_STEP, line);
	else
		add_wrapped(L, PRIO_STEP, STYLE_STEP, text, 0, NULL);

	if (g->type == SEG_REST && shown != p->seg) {
		char dur[32];
		segment_label(p->r, p->tl, shown, label, sizeof(label));
		duration_format(p->tl->segs[shown].duration, dur, sizeof(dur));
		char *next = xasprintf("Up next: %s, %s", label, dur);
		add_wrapped(L, PRIO_STEP, STYLE_PLAIN, next, 0, NULL);
		free(next);
	}
}

/* An overlay's text (its heading on the first line; taken), less the
 * lines of the pages before this one. */
static void overlay_push(struct layout *L, char *text)
{
	char *rest = strchr(text, '\n') + 1;
	for (unsigned i = 0; i < L->st->overlay_skip && *rest; i++)
		rest = strchr(rest, '\n') + 1;
	memmove(strchr(text, '\n') + 1, rest, strlen(rest) + 1);
	L->body = (int)L->count;
	push(L, PRIO_BODY, STYLE_PLAIN, text);
}

static void keys_overlay(struct layout *L)
{
	struct sbuf b = {0};
	size_t col = 0;

	sb_puts(&b, "Keys\n");
	for (size_t i = 0; i < key_bindings_count; i++)
		if (key_bindings[i].help && key_bindings[i].name &&
		    text_width(key_bindings[i].name) > col)
			col = text_width(key_bindings[i].name);
	col += 2;
	for (size_t i = 0; i < key_bindings_count; i++) {
		const struct key_binding *k = &key_bindings[i];
		if (!k->help || !k->name)
			continue;
		char *t;
		if (L->cols >= col + 12) {
			t = text_wrapped_hard(k->help, L->cols, col, k->name);
		} else {
			/* Too narrow for two columns: the key above what it does. */
			char *help = text_wrapped_hard(k->help, L->cols, 2, NULL);
			char *name = text_wrapped_hard(k->name, L->cols, 0, NULL);
			t = xasprintf("%s%s", name, help);
			free(name);
			free(help);
		}
		sb_puts(&b, t);
		free(t);
	}
	overlay_push(L, b.s);
}

static void safety_overlay(struct layout *L)
{
	const struct routine *r = L->st->player->r;
	struct sbuf b = {0};

	sb_puts(&b, "Safety\n");
	if (r->safety_count == 0) {
		char *t = text_wrapped_hard("This routine has no safety notes. Move gently, and "
					    "stop if anything hurts.",
					    L->cols, 2, "-");
		sb_puts(&b, t);
		free(t);
	}
	for (unsigned i = 0; i < r->safety_count; i++) {
		char *t = text_wrapped_hard(r->safety[i], L->cols, 2, "-");
		sb_puts(&b, t);
		free(t);
	}
	overlay_push(L, b.s);
}

/* What follows. During a hold, the next segment; during a prepare or a
 * rest, whose step line or "Up next" names the hold already, the hold
 * after that one. */
static void then_text(const struct player *p, size_t shown, char *out, size_t len)
{
	const struct timeline *tl = p->tl;
	const struct routine *r = p->r;
	char label[200], dur[32];
	size_t i = p->seg + 1;

	snprintf(out, len, "Then: the end");
	if (tl->segs[p->seg].type != SEG_HOLD) {
		i = timeline_next_hold(tl, shown);
		if (i == TIMELINE_NONE)
			return;
	}
	if (i >= tl->count)
		return;
	const struct segment *n = &tl->segs[i];
	duration_format(n->duration, dur, sizeof(dur));
	if (n->type == SEG_REST) {
		snprintf(out, len, "Then: %s %s", n->switch_sides ? "switch sides," : "rest", dur);
	} else if (n->type == SEG_PREPARE) {
		segment_label(r, tl, i, label, sizeof(label));
		snprintf(out, len, "Then: get ready for %s", label);
	} else {
		segment_label(r, tl, i, label, sizeof(label));
		snprintf(out, len, "Then: %s, %s", label, dur);
	}
}

static void then_lines(struct layout *L, size_t shown)
{
	const struct player *p = L->st->player;
	char then[300], clock[32], left[64];

	then_text(p, shown, then, sizeof(then));
	snprintf(left, sizeof(left), "%s left",
		 countdown(player_routine_left_ms(p, L->st->now), clock, sizeof(clock)));
	char *line = split(L, then, left);
	if (line) {
		push(L, PRIO_THEN, STYLE_PLAIN, line);
		return;
	}
	char *both = xasprintf("%s\nRoutine: %s", then, left);
	add_wrapped(L, PRIO_THEN, STYLE_PLAIN, both, 0, NULL);
	free(both);
}

/* The key hint: "key label" pairs, two spaces apart, wrapped between
 * pairs and never inside one. */
static void hint(struct layout *L)
{
	struct sbuf b = {0};
	size_t col = 0;

	sbuf_put(&b, "", 0);
	for (size_t i = 0; i < key_bindings_count; i++) {
		const struct key_binding *k = &key_bindings[i];
		if (!k->hint || !k->name || !k->label)
			continue;
		const char *label =
			L->st->player->paused && k->paused_label ? k->paused_label : k->label;
		char *pair = xasprintf("%s %s", k->name, label);
		size_t w = text_width(pair);
		if (col > 0 && col + 2 + w > L->cols) {
			sb_puts(&b, "\n");
			col = 0;
		}
		if (col > 0) {
			sb_puts(&b, "  ");
			col += 2;
		}
		if (w > L->cols) {
			/* A pair wider than the terminal: broken, as any word. */
			char *t = text_wrapped_hard(pair, L->cols, 0, NULL);
			t[strlen(t) - 1] = '\0';
			const char *last = strrchr(t, '\n');
			sb_puts(&b, t);
			w = text_width(last ? last + 1 : t);
			free(t);
		} else {
			sb_puts(&b, pair);
		}
		col += w;
		free(pair);
	}
	if (col > 0)
		sb_puts(&b, "\n");
	push(L, PRIO_HINT, STYLE_DIM, b.s);
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

/* The one-line countdown, centred: time left, the bar, the segment's
 * length. A narrow line loses the bar and the length, never the time. */
static void countdown_line(struct layout *L)
{
	const struct player *p = L->st->player;
	int64_t len = player_segment_len_ms(p), el = player_segment_elapsed_ms(p, L->st->now);
	double frac = len > 0 ? (double)el / (double)len : 1.0;
	char total[32], cells[BAR_MAX * 4 + 1];
	const char *paused = p->paused ? "  PAUSED" : "";
	char *line;

	countdown(len, total, sizeof(total));
	size_t fixed = text_width(L->clock) + 4 + text_width(total) + text_width(paused);
	unsigned nb = L->cols > fixed ? L->cols - (unsigned)fixed : 0;
	if (nb > BAR_MAX)
		nb = BAR_MAX;
	if (nb >= 4) {
		bar(cells, sizeof(cells), nb, frac, L->st->utf8);
		line = xasprintf("%s  %s  %s%s", L->clock, cells, total, paused);
	} else if (text_width(L->clock) + text_width(paused) <= L->cols) {
		line = xasprintf("%s%s", L->clock, paused);
	} else {
		line = xasprintf("%s", L->clock);
	}
	size_t w = text_width(line);
	char *centred = xasprintf("%*s%s\n", w < L->cols ? (int)(L->cols - w) / 2 : 0, "", line);
	free(line);
	push(L, PRIO_COUNTDOWN, STYLE_COUNTDOWN, centred);
}

/* Our own 3x5 font for the big countdown, a row per string: '#' is a block. */
static const char *const font[11][BIG_ROWS] = {
	{"###", "# #", "# #", "# #", "###"}, /* 0 */
	{" # ", "## ", " # ", " # ", "###"}, /* 1 */
	{"###", "  #", "###", "#  ", "###"}, /* 2 */
	{"###", "  #", " ##", "  #", "###"}, /* 3 */
	{"# #", "# #", "###", "  #", "  #"}, /* 4 */
	{"###", "#  ", "###", "  #", "###"}, /* 5 */
	{"###", "#  ", "###", "# #", "###"}, /* 6 */
	{"###", "  #", "  #", " # ", " # "}, /* 7 */
	{"###", "# #", "###", "# #", "###"}, /* 8 */
	{"###", "# #", "###", "  #", "###"}, /* 9 */
	{" ", "#", " ", "#", " "},           /* : */
};

static const char *const *glyph(char c)
{
	return c == ':' ? font[10] : c >= '0' && c <= '9' ? font[c - '0'] : NULL;
}

/* Columns of the big clock at px columns per pixel, a pixel apart. */
static unsigned big_width(const char *clock, unsigned px)
{
	unsigned w = 0;
	for (const char *c = clock; *c; c++) {
		const char *const *g = glyph(*c);
		if (!g)
			return (unsigned)-1; /* a character the font does not have: never */
		w += (unsigned)strlen(g[0]) + (c[1] ? 1 : 0);
	}
	return w * px;
}

static void big_row(const struct layout *L, unsigned row, char *out, size_t len)
{
	/* Paused, the digits are hollow: shaded blocks, or '+' without
	 * UTF-8, so that a glance tells a stopped clock from a running one. */
	bool paused = L->st->player->paused;
	const char *block = L->st->utf8 ? (paused ? "░" : "█") : (paused ? "+" : "#");
	size_t bl = strlen(block), o = 0;
	unsigned px = L->big_px, w = big_width(L->clock, px);

	for (unsigned i = 0; i < (L->cols - w) / 2 && o + 1 < len; i++)
		out[o++] = ' ';
	for (const char *c = L->clock; *c; c++) {
		for (const char *d = glyph(*c)[row]; *d; d++)
			for (unsigned k = 0; k < px && o + bl < len; k++) {
				if (*d == '#') {
					memcpy(out + o, block, bl);
					o += bl;
				} else {
					out[o++] = ' ';
				}
			}
		for (unsigned k = 0; c[1] && k < px && o + 1 < len; k++)
			out[o++] = ' ';
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
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
			mark_cut(line, sizeof(line), L->cols, L->st->utf8);
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
	countdown(player_segment_left_ms(st->player, st->now), L->clock, sizeof(L->clock));
	/* Pixels two columns wide look square; one will do when narrow. */
	for (unsigned px = 2; st->big_digits && px > 0 && !L->big_px; px--)
		if (big_width(L->clock, px) <= L->cols)
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
	size_t shown = shown_hold(tl, p->seg);
	unsigned countdown_block;
	char sided[4096]; /* a step's text on its side */

	layout_init(L, st);
	add_space(L, PRIO_SPACE_TOP);
	header(L, shown);
	add_space(L, PRIO_SPACE);

	/* After a hold, how to come out of it, before what comes next. */
	const struct step *before = p->seg > 0 && tl->segs[p->seg - 1].type == SEG_HOLD
					    ? &r->steps[tl->segs[p->seg - 1].step]
					    : NULL;
	if (st->overlay == SCREEN_OVERLAY_NONE && g->type != SEG_HOLD && before && before->exit) {
		char *line = xasprintf("Come out: %s", side_text(before->exit, tl->segs[p->seg - 1].side,
								   sided, sizeof(sided)));
		add_wrapped(L, PRIO_EXIT, STYLE_PLAIN, line, 0, NULL);
		free(line);
		add_space(L, PRIO_SPACE);
	}
	step_line(L, shown);
	add_space(L, PRIO_SPACE_BODY);

	if (st->overlay == SCREEN_OVERLAY_KEYS)
		keys_overlay(L);
	else if (st->overlay == SCREEN_OVERLAY_SAFETY)
		safety_overlay(L);
	else
		add_wrapped(L, PRIO_BODY, STYLE_PLAIN,
			    side_text(r->steps[tl->segs[shown].step].instructions, tl->segs[shown].side,
				      sided, sizeof(sided)),
			    0, NULL);
	add_space(L, PRIO_SPACE);

	/* The latest cue of this hold stays on screen until the next. */
	if (st->overlay == SCREEN_OVERLAY_NONE && g->type == SEG_HOLD && p->next_cue > 0) {
		const struct cue *c = &r->steps[g->step].cues[p->next_cue - 1];
		add_wrapped(L, PRIO_EXIT, STYLE_PLAIN, side_text(c->say, g->side, sided, sizeof(sided)),
			    2, ">");
	}
	add_space(L, PRIO_SPACE_COUNTDOWN);
	countdown_block = L->count;
	countdown_line(L);
	add_space(L, PRIO_SPACE_COUNTDOWN);

	then_lines(L, shown);
	add_space(L, PRIO_SPACE);
	if (st->message)
		add_wrapped(L, PRIO_MESSAGE, STYLE_PLAIN, st->message, 0, NULL);
	if (st->confirm_quit)
		add_wrapped(L, PRIO_ANSWER, STYLE_PLAIN,
			    "Quit this routine? y or q to quit, any other key to go on", 0, NULL);
	else if (st->overlay != SCREEN_OVERLAY_NONE)
		add_wrapped(L, PRIO_ANSWER, STYLE_DIM,
			    more ? "space more, any other key to go back" : "any key to go back", 0,
			    NULL);
	else
		hint(L);
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
				big_row(&L, row, line, sizeof(line));
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
		 countdown(player_segment_left_ms(p, st->now), clock, sizeof(clock)),
		 p->paused ? " (paused)" : "");
	/* Step names are the routine's text: no escape reaches the terminal. */
	text_sanitize(raw, buf, len);
}
