#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define GROW(arr, n, cap)                                                          \
	do {                                                                       \
		if ((n) == (cap)) {                                                \
			(cap) = (cap) ? (cap) * 2 : 16;                            \
			(arr) = xreallocarray((arr), (cap), sizeof(*(arr)));      \
		}                                                                  \
	} while (0)

void export_plan_release(struct export_plan *p)
{
	for (size_t i = 0; i < p->nsays; i++)
		free(p->says[i].text);
	for (size_t i = 0; i < p->nchapters; i++)
		free(p->chapters[i].name);
	free(p->says);
	free(p->sounds);
	free(p->chapters);
	memset(p, 0, sizeof(*p));
}

void export_add_say(struct export_plan *p, int64_t at, const char *text)
{
	GROW(p->says, p->nsays, p->says_cap);
	p->says[p->nsays++] = (struct export_say){at, xstrdup(text)};
}

void export_add_sound(struct export_plan *p, int64_t at, enum sound_event e)
{
	GROW(p->sounds, p->nsounds, p->sounds_cap);
	p->sounds[p->nsounds++] = (struct export_sound){at, e};
}

void export_add_event(struct export_plan *p, const struct player *pl,
		      const struct player_event *ev)
{
	if (ev->type == EV_FINISHED) {
		p->end = ev->time;
		return;
	}
	if (ev->type != EV_SEGMENT_START)
		return;
	/* A chapter per step played (each hold: each side and repetition
	 * its own, as `show` numbers them), from the time to get into
	 * position before it. */
	const struct timeline *tl = pl->tl;
	size_t hold = ev->seg;
	if (tl->segs[ev->seg].type == SEG_PREPARE)
		hold = timeline_next_hold(tl, ev->seg);
	else if (tl->segs[ev->seg].type != SEG_HOLD ||
		 (ev->seg > 0 && tl->segs[ev->seg - 1].type == SEG_PREPARE))
		return;
	if (hold == TIMELINE_NONE)
		return;
	char label[256];
	segment_label(pl->r, tl, hold, label, sizeof(label));
	GROW(p->chapters, p->nchapters, p->chapters_cap);
	p->chapters[p->nchapters++] = (struct export_chapter){ev->time, xstrdup(label)};
}

void export_prepend(struct export_plan *p, const char *text, const char *chapter)
{
	GROW(p->says, p->nsays, p->says_cap);
	memmove(p->says + 1, p->says, p->nsays * sizeof(*p->says));
	p->says[0] = (struct export_say){0, xstrdup(text)};
	p->nsays++;
	GROW(p->chapters, p->nchapters, p->chapters_cap);
	memmove(p->chapters + 1, p->chapters, p->nchapters * sizeof(*p->chapters));
	p->chapters[0] = (struct export_chapter){0, text_sanitize_dup(chapter)};
	p->nchapters++;
}

void export_make_room(struct export_plan *p, int64_t after)
{
	for (size_t i = 1; i < p->nsays; i++)
		p->says[i].at += after;
	for (size_t i = 0; i < p->nsounds; i++)
		p->sounds[i].at += after;
	for (size_t i = 1; i < p->nchapters; i++)
		p->chapters[i].at += after;
	p->end += after;
}

char *export_chapter_time(int64_t ns, char *buf, size_t len)
{
	int64_t ms = (ns + 500000) / 1000000;
	snprintf(buf, len, "%02lld:%02lld:%02lld.%03lld", (long long)(ms / 3600000),
		 (long long)(ms / 60000 % 60), (long long)(ms / 1000 % 60), (long long)(ms % 1000));
	return buf;
}

char *export_cue_time(int64_t ns, char *buf, size_t len)
{
	/* Frames of 1/75 s, rounded: 1e9 / 75 ns each. */
	int64_t frames = (ns * 75 + 500000000) / 1000000000;
	snprintf(buf, len, "%02lld:%02lld:%02lld", (long long)(frames / (75 * 60)),
		 (long long)(frames / 75 % 60), (long long)(frames % 75));
	return buf;
}

/* name as a cue sheet can hold it: one line, no double quote. */
static void cue_text(struct sbuf *b, const char *name)
{
	char *clean = text_sanitize_dup(name);
	for (char *c = clean; *c; c++)
		if (*c == '"')
			*c = '\'';
	sbuf_printf(b, "\"%s\"", clean);
	free(clean);
}

char *export_cue_sheet(const struct export_plan *p, const char *title, const char *file)
{
	struct sbuf b = {0};
	char t[32];
	sbuf_printf(&b, "REM COMMENT \"selfcare\"\nTITLE ");
	cue_text(&b, title);
	sbuf_printf(&b, "\nFILE ");
	cue_text(&b, file);
	sbuf_printf(&b, " WAVE\n");
	for (size_t i = 0; i < p->nchapters && i < EXPORT_CUE_TRACKS; i++) {
		sbuf_printf(&b, "  TRACK %02zu AUDIO\n    TITLE ", i + 1);
		cue_text(&b, p->chapters[i].name);
		sbuf_printf(&b, "\n    INDEX 01 %s\n",
			    export_cue_time(p->chapters[i].at, t, sizeof(t)));
	}
	if (b.s == NULL)
		sbuf_put(&b, "", 0);
	return b.s;
}

char *export_description(const struct routine *r)
{
	struct sbuf b = {0};
	char *s = text_sanitize_dup(r->summary ? r->summary : "");
	sbuf_printf(&b, "%s", s);
	free(s);
	if (r->safety_count)
		sbuf_printf(&b, "%sSafety notes:", b.len ? "\n\n" : "");
	for (unsigned i = 0; i < r->safety_count; i++) {
		s = text_sanitize_dup(r->safety[i]);
		sbuf_printf(&b, "\n- %s", s);
		free(s);
	}
	if (b.s == NULL)
		sbuf_put(&b, "", 0);
	return b.s;
}
