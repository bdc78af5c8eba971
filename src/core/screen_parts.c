/* The pieces of the screen: the pages over the routine, what comes next,
 * the key hint, the progress bar and the countdown, and the big digits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "keys.h"
#include "screen_layout.h"
#include "text.h"
#include "timeline.h"
#include "util.h"

/* An overlay's text (its heading on the first line; taken), less the
 * lines of the pages before this one. */
static void overlay_push(struct layout *L, char *text)
{
	char *rest = strchr(text, '\n') + 1;
	for (unsigned i = 0; i < L->st->overlay_skip && *rest; i++)
		rest = strchr(rest, '\n') + 1;
	memmove(strchr(text, '\n') + 1, rest, strlen(rest) + 1);
	L->body = (int)L->count;
	sl_push(L, PRIO_BODY, STYLE_PLAIN, text);
}

void sl_keys_overlay(struct layout *L)
{
	struct sbuf b = {0};
	size_t col = 0;

	sl_sb_puts(&b, "Keys\n");
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
		sl_sb_puts(&b, t);
		free(t);
	}
	overlay_push(L, b.s);
}

void sl_safety_overlay(struct layout *L)
{
	const struct routine *r = L->st->player->r;
	struct sbuf b = {0};

	sl_sb_puts(&b, "Safety\n");
	if (r->safety_count == 0) {
		char *t = text_wrapped_hard("This routine has no safety notes. Move gently, and "
					    "stop if anything hurts.",
					    L->cols, 2, "-");
		sl_sb_puts(&b, t);
		free(t);
	}
	for (unsigned i = 0; i < r->safety_count; i++) {
		char *t = text_wrapped_hard(r->safety[i], L->cols, 2, "-");
		sl_sb_puts(&b, t);
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

void sl_then_lines(struct layout *L, size_t shown)
{
	const struct player *p = L->st->player;
	char then[300], clock[32], left[64];

	then_text(p, shown, then, sizeof(then));
	snprintf(left, sizeof(left), "%s left",
		 sl_countdown(player_routine_left_ms(p, L->st->now), clock, sizeof(clock)));
	char *line = sl_split(L, then, left);
	if (line) {
		sl_push(L, PRIO_THEN, STYLE_PLAIN, line);
		return;
	}
	char *both = xasprintf("%s\nRoutine: %s", then, left);
	sl_add_wrapped(L, PRIO_THEN, STYLE_PLAIN, both, 0, NULL);
	free(both);
}

/* The key hint: "key label" pairs, two spaces apart, wrapped between
 * pairs and never inside one. */
void sl_hint(struct layout *L)
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
			sl_sb_puts(&b, "\n");
			col = 0;
		}
		if (col > 0) {
			sl_sb_puts(&b, "  ");
			col += 2;
		}
		if (w > L->cols) {
			/* A pair wider than the terminal: broken, as any word. */
			char *t = text_wrapped_hard(pair, L->cols, 0, NULL);
			t[strlen(t) - 1] = '\0';
			const char *last = strrchr(t, '\n');
			sl_sb_puts(&b, t);
			w = text_width(last ? last + 1 : t);
			free(t);
		} else {
			sl_sb_puts(&b, pair);
		}
		col += w;
		free(pair);
	}
	if (col > 0)
		sl_sb_puts(&b, "\n");
	sl_push(L, PRIO_HINT, STYLE_DIM, b.s);
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
void sl_countdown_line(struct layout *L)
{
	const struct player *p = L->st->player;
	int64_t len = player_segment_len_ms(p), el = player_segment_elapsed_ms(p, L->st->now);
	double frac = len > 0 ? (double)el / (double)len : 1.0;
	char total[32], cells[BAR_MAX * 4 + 1];
	const char *paused = p->paused ? "  PAUSED" : "";
	char *line;

	sl_countdown(len, total, sizeof(total));
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
	sl_push(L, PRIO_COUNTDOWN, STYLE_COUNTDOWN, centred);
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
unsigned sl_big_width(const char *clock, unsigned px)
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

void sl_big_row(const struct layout *L, unsigned row, char *out, size_t len)
{
	/* Paused, the digits are hollow: shaded blocks, or '+' without
	 * UTF-8, so that a glance tells a stopped clock from a running one. */
	bool paused = L->st->player->paused;
	const char *block = L->st->utf8 ? (paused ? "░" : "█") : (paused ? "+" : "#");
	size_t bl = strlen(block), o = 0;
	unsigned px = L->big_px, w = sl_big_width(L->clock, px);

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

