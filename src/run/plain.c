/* Plain mode: one line per event, for screen readers and logs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duration.h"
#include "keys.h"
#include "output.h"
#include "run.h"
#include "text.h"
#include "util.h"


/* Nominal routine time of an event, rounded to the second. */
void run_elapsed_label(const struct run *r, int64_t t, char *buf, unsigned len)
{
	double s = (double)(t - r->player.started_at) * r->player.speed / 1e9;
	duration_clock((unsigned)llround(s), buf, len);
}

/* One line of routine text, sanitized, on its side: "0:05 how Lie on your back."
 * On a terminal it is wrapped at words to its width, under itself; into a
 * pipe or a file it stays one line, for whatever reads it. */
static void plain_text(const char *at, const char *what, const char *text, enum side side)
{
	char filled[VOICE_MAX], first[64];
	char *clean = text_sanitize_dup(side_text(text, side, filled, sizeof(filled)));
	if (isatty(STDOUT_FILENO)) {
		snprintf(first, sizeof(first), "%s %s", at, what);
		size_t indent = strlen(first) + 1;
		char *w = text_wrapped(clean, term_width(stdout), indent, first);
		fputs(w, stdout);
		free(w);
	} else {
		printf("%s %s %s\n", at, what, clean);
	}
	free(clean);
}

void plain_event(struct run *r, const struct player_event *ev)
{
	const struct player *p = &r->player;
	const struct segment *g = &r->tl.segs[ev->seg];
	const struct step *s = &p->r->steps[g->step];
	char at[32], label[200], dur[32];

	run_elapsed_label(r, ev->time, at, sizeof(at));
	switch (ev->type) {
	case EV_SEGMENT_START:
		if (g->type == SEG_PREPARE) {
			segment_label(p->r, &r->tl, ev->seg, label, sizeof(label));
			printf("%s prepare %s, %s\n", at, label,
			       duration_format(g->duration, dur, sizeof(dur)));
			plain_text(at, "how", s->instructions, g->side);
		} else if (g->type == SEG_HOLD) {
			segment_label(p->r, &r->tl, ev->seg, label, sizeof(label));
			printf("%s hold %s, %s\n", at, label, duration_format(s->hold, dur, sizeof(dur)));
			/* Without a prepare before it, the how comes with the hold. */
			if (ev->seg == 0 || r->tl.segs[ev->seg - 1].type != SEG_PREPARE)
				plain_text(at, "how", s->instructions, g->side);
		} else {
			printf("%s %s %s\n", at, g->switch_sides ? "switch" : "rest",
			       duration_format(g->duration, dur, sizeof(dur)));
		}
		break;
	case EV_CUE:
		plain_text(at, "cue", s->cues[ev->cue].say, g->side);
		break;
	case EV_SEGMENT_END:
		if (ev->skipped)
			printf("%s skip\n", at);
		if (g->type == SEG_HOLD && s->exit)
			plain_text(at, "exit", s->exit, g->side);
		break;
	case EV_TICK: break;
	case EV_PAUSED: printf("%s pause\n", at); break;
	case EV_RESUMED: printf("%s resume\n", at); break;
	case EV_ADJUSTED: {
		int64_t left = p->seg_start + p->seg_len - ev->time;
		char clock[32];
		r->adjust_heard = true;
		if (left <= 0)
			printf("%s shorter, the step ends now\n", at);
		else
			printf("%s %s, %s left\n", at, ev->cue ? "longer" : "shorter",
			       duration_clock((unsigned)((double)left * p->speed / 1e9 + 0.999), clock,
					      sizeof(clock)));
		break;
	}
	case EV_FINISHED: printf("%s done\n", at); break;
	case EV_QUIT: printf("%s quit\n", at); break;
	}
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* Plain mode on a terminal: "?" and "s" print, a line each, for a screen
 * reader to read out; the routine goes on. */
void plain_keys(struct run *r)
{
	for (size_t i = 0; i < key_bindings_count; i++)
		if (key_bindings[i].name && key_bindings[i].help)
			printf("key %s: %s\n", key_bindings[i].name, key_bindings[i].help);
	for (int i = 0; r->mic && i < LISTEN_PHRASES; i++)
		printf("say %s\n", listen_phrases[i].said);
	if (stdout_flush() != 0)
		r->out_failed = true;
}

void plain_safety(struct run *r)
{
	const struct routine *rt = r->l->routine;
	for (unsigned i = 0; i < rt->safety_count; i++)
		plain_text("safety", "-", rt->safety[i], SIDE_NONE);
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* Plain mode: what a key did, a line at the time it was pressed, for a
 * person who cannot see a screen change ("1:05 back"). */
void plain_said(struct run *r, int64_t now, const char *what, const char *detail)
{
	char at[32];
	if (r->tty)
		return;
	run_elapsed_label(r, now, at, sizeof(at));
	printf("%s %s%s%s\n", at, what, detail ? " " : "", detail ? detail : "");
	if (stdout_flush() != 0)
		r->out_failed = true;
}


const struct listener listen_plain = {.name = "plain", .event = plain_event};
