#include "script.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "player.h"
#include "util.h"
#include "voice.h"
#include "yamlpos.h"

struct build {
	struct script *s;
	struct voice voice;
	struct player *p;
};

static void push(struct script *s, const struct utterance *u)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->items = xreallocarray(s->items, s->cap, sizeof(*s->items));
	}
	s->items[s->count++] = *u;
}

static void heard(void *ctx, const struct player_event *ev)
{
	struct build *b = ctx;
	const struct player *p = b->p;
	const struct timeline *tl = p->tl;
	char words[VOICE_MAX];

	if (voice_for_event(&b->voice, p, ev, words, sizeof(words)) < 0)
		return;
	struct utterance u = {
		.at_ms = ev->time / 1000000,
		.next_ms = SCRIPT_NONE,
		.said_ms = (unsigned)((b->voice.busy_until - ev->time) / 1000000),
		.source = UTTER_PLAYER,
		.text = xstrdup(words),
	};
	const struct segment *g = &tl->segs[ev->seg];
	size_t prev = ev->type == EV_FINISHED ? ev->seg + 1 : ev->seg;
	if (ev->type == EV_CUE) {
		u.source = UTTER_CUE;
		u.step = g->step;
		u.cue = p->r->steps[g->step].cues[ev->cue].index;
	} else if (ev->type == EV_SEGMENT_START &&
		   (g->type == SEG_PREPARE ||
		    (g->type == SEG_HOLD && (ev->seg == 0 || tl->segs[ev->seg - 1].type != SEG_PREPARE)))) {
		u.source = UTTER_INSTRUCTIONS;
		u.step = g->step;
	} else if (prev > 0 && tl->segs[prev - 1].type == SEG_HOLD &&
		   p->r->steps[tl->segs[prev - 1].step].exit) {
		u.source = UTTER_EXIT;
		u.step = tl->segs[prev - 1].step;
	}
	if (b->s->count)
		b->s->items[b->s->count - 1].next_ms = u.at_ms;
	push(b->s, &u);
}

void script_build(const struct routine *r, const struct timeline *tl, int rate, struct script *s)
{
	struct player p;
	struct build b = {.s = s, .p = &p};

	*s = (struct script){0};
	voice_init(&b.voice, rate);
	player_init(&p, r, tl, 1.0, heard, &b);
	player_start(&p, 0);
	while (!p.over) {
		int64_t at = player_next_deadline(&p);
		if (at == PLAYER_NEVER)
			break;
		player_tick(&p, at);
	}
	player_release(&p);
}

void script_release(struct script *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->items[i].text);
	free(s->items);
	*s = (struct script){0};
}

bool utterance_fits(const struct utterance *u)
{
	return u->next_ms == SCRIPT_NONE || u->at_ms + u->said_ms + VOICE_GAP_MS <= u->next_ms;
}

/* The node of the text an utterance says, in the file's tree. */
static const struct ynode *text_node(const struct ynode *root, const struct utterance *u)
{
	const struct ynode *steps = ynode_value(root, "steps");
	if (steps == NULL || steps->type != YN_SEQUENCE || u->step >= steps->count)
		return NULL;
	const struct ynode *step = steps->kids[u->step];
	switch (u->source) {
	case UTTER_INSTRUCTIONS: return ynode_value(step, "instructions");
	case UTTER_EXIT: return ynode_value(step, "exit");
	case UTTER_CUE: {
		const struct ynode *cues = ynode_value(step, "cues");
		if (cues == NULL || cues->type != YN_SEQUENCE || u->cue >= cues->count)
			return NULL;
		return ynode_value(cues->kids[u->cue], "say");
	}
	case UTTER_PLAYER: break;
	}
	return NULL;
}

void script_check(const char *buf, size_t len, const struct routine *r, int rate,
		  struct diags *d)
{
	struct timeline tl;
	struct script s;
	struct diags ignored = {0};
	struct arena *mem = arena_new(len * 4);
	const struct ynode *root = ydoc_parse(buf, len, &ignored, mem);
	const struct ynode **warned = xcalloc(r->steps_count * (2 + 20) + 1, sizeof(*warned));
	size_t nwarned = 0;

	timeline_expand(r, &tl);
	script_build(r, &tl, rate, &s);
	for (size_t i = 0; root && i < s.count; i++) {
		const struct utterance *u = &s.items[i];
		const struct ynode *n = utterance_fits(u) ? NULL : text_node(root, u);
		bool again = false;
		for (size_t k = 0; n && k < nwarned; k++)
			again |= warned[k] == n;
		if (n == NULL || again)
			continue;
		warned[nwarned++] = n;
		diags_add(d, n->line, n->col,
			  "warning: this takes about %.1f s to say, but the next words begin %.1f s "
			  "after it starts; give it more time or fewer words (a second of quiet "
			  "belongs between)",
			  u->said_ms / 1000.0, (double)(u->next_ms - u->at_ms) / 1000.0);
	}
	free(warned);
	script_release(&s);
	timeline_release(&tl);
	arena_release(mem);
	diags_release(&ignored);
}
