#include "notice.h"

#include <stdio.h>
#include <string.h>

#include "duration.h"
#include "text.h"

char *markup_escape(const char *s, char *out, size_t len)
{
	char clean[NOTICE_BODY_MAX];
	size_t o = 0;

	text_sanitize(s, clean, sizeof(clean));
	for (const char *p = clean; *p && o + 1 < len; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		}
		if (rep) {
			size_t n = strlen(rep);
			if (o + n >= len)
				break;
			memcpy(out + o, rep, n);
			o += n;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	return out;
}

void notice_for_reminder(const struct routine *r, const char *name, struct notice *n)
{
	char title[128], text[160];
	unsigned total = routine_total(r);
	unsigned minutes = (total + 30) / 60; /* to the nearest minute */

	memset(n, 0, sizeof(*n));
	text_sanitize(r->title, title, sizeof(title));
	if (minutes == 0)
		snprintf(n->summary, sizeof(n->summary), "Time for %s (%u s)", title, total);
	else
		snprintf(n->summary, sizeof(n->summary), "Time for %s (%u min)", title, minutes);
	snprintf(text, sizeof(text), "Start it with: selfcare run %s", name);
	markup_escape(text, n->body, sizeof(n->body));
	n->sound = "message-new-instant";
}

/* "Next: Low lunge, right side, 45s", or "" at the end. */
static void next_hold(const struct player *p, size_t seg, char *out, size_t len)
{
	char label[200], dur[32];
	size_t h = timeline_next_hold(p->tl, seg);

	out[0] = '\0';
	if (h == TIMELINE_NONE)
		return;
	segment_label(p->r, p->tl, h, label, sizeof(label));
	snprintf(out, len, "Next: %s, %s.", label,
		 duration_format(p->r->steps[p->tl->segs[h].step].hold, dur, sizeof(dur)));
}

int notice_for_event(const struct player *p, const struct player_event *ev, const char *until,
		     struct notice *n)
{
	const struct timeline *tl = p->tl;
	char label[200], dur[32], dur2[32], next[300], text[NOTICE_BODY_MAX], raw[NOTICE_BODY_MAX];

	memset(n, 0, sizeof(*n));
	n->sound = "bell";
	n->life = NOTICE_SEGMENT;
	if (ev->type == EV_QUIT) {
		n->life = NOTICE_CLOSE;
		return 0;
	}
	if (ev->type == EV_FINISHED && p->r->end == END_QUIET) {
		/* A person falling asleep: the last one goes, nothing new comes. */
		n->sound = NULL;
		n->life = NOTICE_CLOSE;
		return 0;
	}
	if (ev->type == EV_FINISHED) {
		struct player_tally t = player_tally(p);
		snprintf(n->summary, sizeof(n->summary), "Routine complete, %s",
			 duration_format(tl->total, dur, sizeof(dur)));
		text_sanitize(p->r->title, label, sizeof(label));
		snprintf(text, sizeof(text), "%s: %u of %u steps done.", label, t.done, t.holds);
		markup_escape(text, n->body, sizeof(n->body));
		n->sound = "complete";
		n->life = NOTICE_FINAL;
		return 0;
	}
	if (ev->type != EV_SEGMENT_START && ev->type != EV_CUE)
		return -1;

	const struct segment *g = &tl->segs[ev->seg];
	const struct step *s = &p->r->steps[g->step];
	if (g->type == SEG_PREPARE) {
		segment_label(p->r, tl, ev->seg, label, sizeof(label));
		snprintf(n->summary, sizeof(n->summary), "Get ready: %s", label);
		markup_escape(side_text(s->instructions, g->side, text, sizeof(text)), n->body,
			      sizeof(n->body));
		return 0;
	}
	if (g->type == SEG_HOLD) {
		segment_label(p->r, tl, ev->seg, label, sizeof(label));
		if (until)
			snprintf(n->summary, sizeof(n->summary), "%s, until %s", label, until);
		else
			snprintf(n->summary, sizeof(n->summary), "%s, %s", label,
				 duration_format(s->hold, dur, sizeof(dur)));
		next_hold(p, ev->seg, next, sizeof(next));
		/* A cue comes first: it may be a safety instruction ("if you
		 * feel a pulse, move outward") for someone who glances. */
		snprintf(raw, sizeof(raw), "%s%s%s%s%s", ev->type == EV_CUE ? s->cues[ev->cue].say : "",
			 ev->type == EV_CUE ? "\n" : "", s->instructions, next[0] ? "\n" : "", next);
		side_text(raw, g->side, text, sizeof(text));
		markup_escape(text, n->body, sizeof(n->body));
		return 0;
	}
	if (ev->type == EV_CUE)
		return -1;
	size_t h = timeline_next_hold(tl, ev->seg);
	if (h == TIMELINE_NONE)
		return -1;
	const struct segment *nx = &tl->segs[h];
	segment_label(p->r, tl, h, label, sizeof(label));
	if (g->switch_sides) {
		snprintf(n->summary, sizeof(n->summary), "Switch to the %s side", side_name(nx->side));
		snprintf(text, sizeof(text), "Next: %s, %s. Rest for %s.", label,
			 duration_format(p->r->steps[nx->step].hold, dur, sizeof(dur)),
			 duration_format(g->duration, dur2, sizeof(dur2)));
	} else {
		snprintf(n->summary, sizeof(n->summary), "Next: %s, %s", label,
			 duration_format(p->r->steps[nx->step].hold, dur, sizeof(dur)));
		snprintf(text, sizeof(text), "Rest for %s.",
			 duration_format(g->duration, dur, sizeof(dur)));
	}
	markup_escape(text, n->body, sizeof(n->body));
	return 0;
}
