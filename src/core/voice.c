#include "voice.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "saytime.h"
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
	while (n > 0 && (said[n - 1] == ' ' || said[n - 1] == '\n'))
		said[--n] = '\0';
	if (n == 0 || o + 2 >= len)
		return;
	bool ends = strchr(".!?", said[n - 1]) != NULL;
	snprintf(out + o, len - o, "%s%s%s", o ? " " : "", said, ends ? "" : ".");
}

/* A step's text as played on the side of segment seg. */
static void add_sided(const struct player *p, size_t seg, char *out, size_t len,
		      const char *text)
{
	char filled[VOICE_MAX];
	add(p->r, out, len, side_text(text, p->tl->segs[seg].side, filled, sizeof(filled)));
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

char *voice_hold_line(enum step_kind kind, unsigned seconds, char *buf, size_t len)
{
	char dur[64];
	const char *lead = kind == KIND_BREATH ? "Breathe like this for"
			   : kind == KIND_REST ? "Rest for"
					       : "Stay here for";
	snprintf(buf, len, "%s %s.", lead, voice_duration(seconds, dur, sizeof(dur)));
	return buf;
}

int voice_safety(const struct routine *r, const char *tail, char *out, size_t len)
{
	out[0] = '\0';
	if (r->safety_count == 0)
		return -1;
	add(r, out, len, "Before you begin, the safety notes.");
	for (unsigned i = 0; i < r->safety_count; i++)
		add(r, out, len, r->safety[i]);
	if (tail)
		add(r, out, len, tail);
	return 0;
}

void voice_init(struct voice *v, int rate)
{
	*v = (struct voice){.rate = rate, .busy_until = INT64_MIN};
}

static int64_t ms_ns(unsigned ms)
{
	return (int64_t)ms * 1000000LL;
}

/* When the words after a segment's start are due: its hold's first cue,
 * or its end. */
static int64_t next_words_at(const struct player *p, const struct player_event *ev)
{
	const struct segment *g = &p->tl->segs[ev->seg];
	const struct step *s = &p->r->steps[g->step];
	int64_t len = p->seg == ev->seg && p->started ? p->seg_len
						       : player_ns(g->duration, p->speed);

	if (g->type == SEG_HOLD && s->cues_count)
		return ev->time + player_ns(s->cues[0].at, p->speed);
	return ev->time + len;
}

/* Append the first of the choices (the player's own words, longest first)
 * that, said after what out holds, ends VOICE_GAP_MS before due even
 * if saytime_ms is SAYTIME_ERROR_PCT short. */
static void add_fitting(struct voice *v, const struct routine *r, char *out, size_t len,
			int64_t now, int64_t due, const char *const *choices, size_t n)
{
	size_t o = strlen(out);

	for (size_t i = 0; i < n; i++) {
		add(r, out, len, choices[i]);
		/* The player's own words go in only where they fit even if
		 * the estimate is as short as it may be. */
		int64_t said = saytime_ms(out, v->rate) * (100 + SAYTIME_ERROR_PCT) / 100;
		if (now + ms_ns(said + VOICE_GAP_MS) <= due)
			return;
		out[o] = '\0';
	}
}

int voice_for_event(struct voice *v, const struct player *p, const struct player_event *ev,
		    char *out, size_t len)
{
	const struct timeline *tl = p->tl;
	const struct routine *r = p->r;
	char name[512], dur[64], line[VOICE_MAX], shorter[VOICE_MAX];
	bool own = false; /* out holds the routine's own words */

	out[0] = '\0';
	if (ev->type == EV_CUE) {
		const struct step *s = &r->steps[tl->segs[ev->seg].step];
		add_sided(p, ev->seg, out, len, s->cues[ev->cue].say);
		own = true;
		goto said;
	}
	if (ev->type == EV_FINISHED || ev->type == EV_SEGMENT_START) {
		/* Coming out of the hold that just ended comes first. */
		size_t prev = ev->type == EV_FINISHED ? ev->seg + 1 : ev->seg;
		if (prev > 0 && tl->segs[prev - 1].type == SEG_HOLD) {
			const struct step *was = &r->steps[tl->segs[prev - 1].step];
			if (was->exit) {
				add_sided(p, prev - 1, out, len, was->exit);
				own = true;
			}
		}
	}
	if (ev->type == EV_FINISHED) {
		if (r->end != END_QUIET)
			add(r, out, len,
			    "That is the end of the routine. Take your time before you get up.");
		goto said;
	}
	if (ev->type != EV_SEGMENT_START)
		goto said;

	const struct segment *g = &tl->segs[ev->seg];
	const struct step *s = &r->steps[g->step];
	bool prepared = ev->seg > 0 && tl->segs[ev->seg - 1].type == SEG_PREPARE;
	/* The player's words would cut the routine's still being said. */
	bool busy = v->busy_until > ev->time;
	int64_t due = next_words_at(p, ev);
	switch (g->type) {
	case SEG_PREPARE:
		name_of(p, ev->seg, name, sizeof(name));
		add(r, out, len, name);
		add_sided(p, ev->seg, out, len, s->instructions);
		own = true;
		break;
	case SEG_HOLD: {
		if (!prepared) {
			name_of(p, ev->seg, name, sizeof(name));
			add(r, out, len, name);
			add_sided(p, ev->seg, out, len, s->instructions);
			own = true;
		}
		if (busy && !own)
			break;
		voice_hold_line(s->kind, s->hold, line, sizeof(line));
		const char *choices[] = {line};
		if (own)
			add(r, out, len, line); /* the words before it need no room */
		else
			add_fitting(v, r, out, len, ev->time, due, choices, 1);
		break;
	}
	case SEG_REST: {
		size_t h = timeline_next_hold(tl, ev->seg);
		if (busy && !own)
			break;
		if (g->switch_sides && h != TIMELINE_NONE) {
			snprintf(line, sizeof(line), "Switch to the %s side.",
				 side_name(tl->segs[h].side));
			const char *choices[] = {line, "Switch sides."};
			add_fitting(v, r, out, len, ev->time, due, choices, 2);
		} else if (h != TIMELINE_NONE) {
			name_of(p, h, name, sizeof(name));
			snprintf(line, sizeof(line), "Rest for %s. Next: %s.",
				 voice_duration(g->duration, dur, sizeof(dur)), name);
			snprintf(shorter, sizeof(shorter), "Rest for %s.",
				 voice_duration(g->duration, dur, sizeof(dur)));
			const char *choices[] = {line, shorter, "Rest."};
			add_fitting(v, r, out, len, ev->time, due, choices, 3);
		} else {
			snprintf(line, sizeof(line), "Rest for %s.",
				 voice_duration(g->duration, dur, sizeof(dur)));
			const char *choices[] = {line, "Rest."};
			add_fitting(v, r, out, len, ev->time, due, choices, 2);
		}
		break;
	}
	}
said:
	if (out[0] == '\0')
		return -1;
	v->busy_until = ev->time + ms_ns(saytime_ms(out, v->rate));
	return 0;
}

/* The check-in, as shown and as said (the numbers read better spoken with
 * "from"). */
const char checkin_before[] = "How tense do you feel, 0 to 10?";
const char checkin_after[] = "How tense do you feel now, 0 to 10?";
const char checkin_before_said[] = "How tense do you feel, from 0 to 10?";
const char checkin_after_said[] = "When you are ready: how tense do you feel now, from 0 to 10?";
