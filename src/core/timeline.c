#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>

#include "text.h"

#include "util.h"

static void push(struct timeline *tl, size_t *cap, struct segment s)
{
	if (tl->count == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		tl->segs = xreallocarray(tl->segs, *cap, sizeof(*tl->segs));
	}
	s.start = tl->total;
	tl->total += s.duration;
	tl->segs[tl->count++] = s;
}

void timeline_expand(const struct routine *r, struct timeline *tl)
{
	size_t cap = 0;

	tl->segs = NULL;
	tl->count = 0;
	tl->total = 0;
	tl->holds = 0;
	for (unsigned i = 0; i < r->steps_count; i++) {
		const struct step *s = &r->steps[i];
		enum side sides[2];
		unsigned nsides = 0;

		switch (s->sides) {
		case SIDES_LEFT: sides[nsides++] = SIDE_LEFT; break;
		case SIDES_RIGHT: sides[nsides++] = SIDE_RIGHT; break;
		case SIDES_BOTH:
			sides[nsides++] = SIDE_LEFT;
			sides[nsides++] = SIDE_RIGHT;
			break;
		default: sides[nsides++] = SIDE_NONE; break;
		}
		for (unsigned k = 0; k < nsides; k++) {
			for (unsigned rep = 1; rep <= s->reps; rep++) {
				bool last = i + 1 == r->steps_count && k + 1 == nsides && rep == s->reps;
				unsigned prepare = timeline_prepare(s, tl->holds == 0);
				if (prepare > 0)
					push(tl, &cap, (struct segment){
						.type = SEG_PREPARE, .step = i, .side = sides[k],
						.rep = rep, .duration = prepare,
					});
				push(tl, &cap, (struct segment){
					.type = SEG_HOLD, .step = i, .side = sides[k], .rep = rep,
					.duration = s->hold,
				});
				tl->holds++;
				if (!last && s->rest > 0)
					push(tl, &cap, (struct segment){
						.type = SEG_REST, .step = i, .side = sides[k], .rep = rep,
						.duration = s->rest,
						.switch_sides = rep == s->reps && k + 1 < nsides,
					});
			}
		}
	}
}

void timeline_release(struct timeline *tl)
{
	free(tl->segs);
	tl->segs = NULL;
	tl->count = 0;
}

unsigned timeline_prepare(const struct step *s, bool first)
{
	if (first && s->prepare > 0 && s->prepare < ROUTINE_LEAD_IN)
		return ROUTINE_LEAD_IN;
	return s->prepare;
}

unsigned routine_total(const struct routine *r)
{
	unsigned total = 0;

	for (unsigned i = 0; i < r->steps_count; i++) {
		const struct step *s = &r->steps[i];
		unsigned n = (s->sides == SIDES_BOTH ? 2 : 1) * s->reps;
		bool last_step = i + 1 == r->steps_count;
		total += n * (s->hold + s->prepare);
		/* A rest follows every hold but the routine's last. */
		total += (last_step ? n - 1 : n) * s->rest;
	}
	/* The lead-in lengthens the first prepare. */
	if (r->steps_count > 0)
		total += timeline_prepare(&r->steps[0], true) - r->steps[0].prepare;
	return total;
}

unsigned routine_steps(const struct routine *r)
{
	unsigned n = 0;
	for (unsigned i = 0; i < r->steps_count; i++)
		n += (r->steps[i].sides == SIDES_BOTH ? 2 : 1) * r->steps[i].reps;
	return n;
}

size_t timeline_next_hold(const struct timeline *tl, size_t i)
{
	for (size_t j = i + 1; j < tl->count; j++)
		if (tl->segs[j].type == SEG_HOLD)
			return j;
	return TIMELINE_NONE;
}

unsigned timeline_hold_number(const struct timeline *tl, size_t hold)
{
	unsigned n = 0;
	for (size_t i = 0; i <= hold && i < tl->count; i++)
		if (tl->segs[i].type == SEG_HOLD)
			n++;
	return n;
}

size_t timeline_resume_point(const struct timeline *tl, size_t seg)
{
	if (seg >= tl->count)
		return TIMELINE_NONE;
	if (tl->segs[seg].type != SEG_HOLD) {
		/* A rest or a prepare: the hold it leads to. */
		size_t next = tl->segs[seg].type == SEG_PREPARE ? seg + 1 : timeline_next_hold(tl, seg);
		if (next >= tl->count || next == TIMELINE_NONE)
			return TIMELINE_NONE;
		seg = next;
	}
	if (seg > 0 && tl->segs[seg - 1].type == SEG_PREPARE)
		seg--;
	return seg;
}

char *segment_label(const struct routine *r, const struct timeline *tl, size_t i, char *buf,
		    size_t len)
{
	const struct segment *g = &tl->segs[i];
	const struct step *s = &r->steps[g->step];
	char name[128];
	int n;

	text_sanitize(s->name, name, sizeof(name));
	if (g->side != SIDE_NONE)
		n = snprintf(buf, len, "%s, %s side", name, side_name(g->side));
	else
		n = snprintf(buf, len, "%s", name);
	if (s->reps > 1 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", %u of %u", g->rep, s->reps);
	return buf;
}

const char *side_name(enum side s)
{
	return s == SIDE_LEFT ? "left" : s == SIDE_RIGHT ? "right" : "";
}

char *side_text(const char *text, enum side side, char *out, size_t len)
{
	if (side == SIDE_NONE) {
		snprintf(out, len, "%s", text);
		return out;
	}
	return text_fill_sides(text, side_name(side),
			       side_name(side == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT), out, len);
}
