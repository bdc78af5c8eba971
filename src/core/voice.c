#include "voice.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "timeline.h"

char *voice_duration(unsigned s, char *buf, size_t len)
{
	unsigned h = s / 3600, m = s / 60 % 60, sec = s % 60;
	size_t n = 0;

	buf[0] = '\0';
	if (h && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%u %s", h, h == 1 ? "hour" : "hours");
	if (m && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s%u %s", n ? " " : "", m,
				      m == 1 ? "minute" : "minutes");
	if ((sec || s == 0) && n < len)
		snprintf(buf + n, len - n, "%s%u %s", n ? " " : "", sec,
			 sec == 1 ? "second" : "seconds");
	return buf;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == '-' ||
	       (unsigned char)c >= 0x80;
}

char *voice_pronounce(const struct routine *r, const char *text, char *out, size_t len)
{
	char clean[VOICE_MAX];
	size_t o = 0;

	text_sanitize(text, clean, sizeof(clean));
	for (const char *p = clean; *p && o + 1 < len;) {
		if (!word_char(*p)) {
			out[o++] = *p++;
			continue;
		}
		const char *w = p;
		while (*p && word_char(*p))
			p++;
		size_t n = (size_t)(p - w);
		const char *say = NULL;
		for (unsigned i = 0; i < r->pronounce_count && !say; i++)
			if (strlen(r->pronounce[i].word) == n &&
			    strncasecmp(r->pronounce[i].word, w, n) == 0)
				say = r->pronounce[i].say;
		if (say) {
			w = say;
			n = strlen(say);
		}
		if (o + n >= len)
			break;
		memcpy(out + o, w, n);
		o += n;
	}
	out[o] = '\0';
	return out;
}

/* Append text (sanitized, pronounced) and a sentence's end if it has none. */
static void add(const struct routine *r, char *out, size_t len, const char *text)
{
	size_t o = strlen(out);
	char said[VOICE_MAX];

	voice_pronounce(r, text, said, sizeof(said));
	size_t n = strlen(said);
	while (n > 0 && said[n - 1] == ' ')
		said[--n] = '\0';
	if (n == 0 || o + 2 >= len)
		return;
	bool ends = strchr(".!?", said[n - 1]) != NULL;
	snprintf(out + o, len - o, "%s%s%s", o ? " " : "", said, ends ? "" : ".");
}

/* "Low lunge, left side" or "Low lunge, left side, round 2 of 3". */
static void name_of(const struct player *p, size_t seg, char *out, size_t len)
{
	const struct segment *g = &p->tl->segs[seg];
	const struct step *s = &p->r->steps[g->step];
	char name[256];
	int n;

	voice_pronounce(p->r, s->name, name, sizeof(name));
	if (g->side != SIDE_NONE)
		n = snprintf(out, len, "%s, %s side", name, side_name(g->side));
	else
		n = snprintf(out, len, "%s", name);
	if (s->reps > 1 && n >= 0 && (size_t)n < len)
		snprintf(out + n, len - (size_t)n, ", round %u of %u", g->rep, s->reps);
}

int voice_for_event(const struct player *p, const struct player_event *ev, char *out,
		    size_t len)
{
	const struct timeline *tl = p->tl;
	char name[512], dur[64], line[VOICE_MAX];

	out[0] = '\0';
	if (ev->type == EV_CUE) {
		const struct step *s = &p->r->steps[tl->segs[ev->seg].step];
		add(p->r, out, len, s->cues[ev->cue].say);
		return 0;
	}
	if (ev->type == EV_FINISHED || ev->type == EV_SEGMENT_START) {
		/* Coming out of the hold that just ended comes first. */
		size_t prev = ev->type == EV_FINISHED ? ev->seg + 1 : ev->seg;
		if (prev > 0 && tl->segs[prev - 1].type == SEG_HOLD) {
			const struct step *was = &p->r->steps[tl->segs[prev - 1].step];
			if (was->exit)
				add(p->r, out, len, was->exit);
		}
	}
	if (ev->type == EV_FINISHED) {
		add(p->r, out, len, "That is the end of the routine. Take your time before you get up.");
		return 0;
	}
	if (ev->type != EV_SEGMENT_START)
		return out[0] ? 0 : -1;

	const struct segment *g = &tl->segs[ev->seg];
	const struct step *s = &p->r->steps[g->step];
	bool prepared = ev->seg > 0 && tl->segs[ev->seg - 1].type == SEG_PREPARE;
	switch (g->type) {
	case SEG_PREPARE:
		name_of(p, ev->seg, name, sizeof(name));
		add(p->r, out, len, name);
		add(p->r, out, len, s->instructions);
		break;
	case SEG_HOLD:
		if (!prepared) {
			name_of(p, ev->seg, name, sizeof(name));
			add(p->r, out, len, name);
			add(p->r, out, len, s->instructions);
		}
		snprintf(line, sizeof(line), "Hold for %s.", voice_duration(s->hold, dur, sizeof(dur)));
		add(p->r, out, len, line);
		break;
	case SEG_REST: {
		size_t h = timeline_next_hold(tl, ev->seg);
		if (g->switch_sides && h != TIMELINE_NONE) {
			snprintf(line, sizeof(line), "Switch to the %s side.",
				 side_name(tl->segs[h].side));
			add(p->r, out, len, line);
		} else {
			snprintf(line, sizeof(line), "Rest for %s.",
				 voice_duration(g->duration, dur, sizeof(dur)));
			add(p->r, out, len, line);
			if (h != TIMELINE_NONE) {
				name_of(p, h, name, sizeof(name));
				snprintf(line, sizeof(line), "Next: %s.", name);
				add(p->r, out, len, line);
			}
		}
		break;
	}
	}
	return out[0] ? 0 : -1;
}
