#include "player.h"

#include <math.h>
#include <stdlib.h>

#include "util.h"

int64_t player_ns(double seconds, double speed)
{
	return (int64_t)llround(seconds * 1e9 / speed);
}

static int64_t to_nominal_ms(const struct player *p, int64_t ns)
{
	return (int64_t)llround((double)ns * p->speed / 1e6);
}

static void emit(struct player *p, enum player_event_type t, bool skipped, unsigned cue,
		 int64_t time)
{
	struct player_event ev = {.type = t, .seg = p->seg, .cue = cue, .skipped = skipped,
				  .time = time};
	if (p->emit)
		p->emit(p->ctx, &ev);
}

void player_init(struct player *p, const struct routine *r, const struct timeline *tl,
		 double speed, void (*fn)(void *, const struct player_event *), void *ctx)
{
	*p = (struct player){.r = r, .tl = tl, .speed = speed, .emit = fn, .ctx = ctx};
	p->status = xcalloc(tl->count, 1);
}

void player_release(struct player *p)
{
	free(p->status);
	p->status = NULL;
}

static const struct segment *cur(const struct player *p)
{
	return &p->tl->segs[p->seg];
}

static void enter(struct player *p, size_t seg, int64_t t)
{
	p->seg = seg;
	p->seg_start = t;
	p->seg_len = player_ns(cur(p)->duration, p->speed);
	p->next_cue = 0;
	p->next_tick = 0;
	p->followed = false;
	if (p->paused)
		p->paused_at = t;
	emit(p, EV_SEGMENT_START, false, 0, t);
}

static void finish(struct player *p, int64_t t)
{
	p->over = true;
	p->completed = true;
	p->ended_at = t;
	emit(p, EV_FINISHED, false, 0, t);
}

void player_start_at(struct player *p, int64_t now, size_t seg)
{
	p->started = true;
	p->started_at = now;
	if (seg >= p->tl->count) {
		finish(p, now);
		return;
	}
	p->first_seg = seg;
	enter(p, seg, now);
}

void player_start(struct player *p, int64_t now)
{
	player_start_at(p, now, 0);
}

static int64_t effective_now(const struct player *p, int64_t now)
{
	return p->paused ? p->paused_at : now;
}

static int64_t cue_deadline(const struct player *p)
{
	const struct segment *s = cur(p);
	const struct step *st = &p->r->steps[s->step];

	if (s->type != SEG_HOLD || p->next_cue >= st->cues_count)
		return PLAYER_NEVER;
	return p->seg_start + player_ns(st->cues[p->next_cue].at, p->speed);
}

static int64_t tick_deadline(const struct player *p)
{
	if (cur(p)->type != SEG_HOLD || p->next_tick >= PLAYER_TICKS ||
	    p->seg_len < player_ns(PLAYER_TICKS + 1, p->speed))
		return PLAYER_NEVER;
	return p->seg_start + p->seg_len - player_ns(PLAYER_TICKS - p->next_tick, p->speed);
}

void player_tick(struct player *p, int64_t now)
{
	if (!p->started || p->over || p->paused)
		return;
	for (;;) {
		int64_t end = p->seg_start + p->seg_len;
		int64_t cue = cue_deadline(p);
		int64_t tick = tick_deadline(p);
		if (cue < end && cue <= tick && cue <= now) {
			emit(p, EV_CUE, false, p->next_cue, cue);
			p->next_cue++;
			continue;
		}
		if (tick < end && tick <= now) {
			emit(p, EV_TICK, false, PLAYER_TICKS - p->next_tick, tick);
			p->next_tick++;
			continue;
		}
		if (end > now)
			break;
		if (cur(p)->type == SEG_HOLD)
			p->status[p->seg] = HOLD_DONE;
		emit(p, EV_SEGMENT_END, false, 0, end);
		if (p->seg + 1 == p->tl->count) {
			finish(p, end);
			return;
		}
		enter(p, p->seg + 1, end); /* from the deadline: no drift */
		p->followed = true;
	}
}

int64_t player_next_deadline(const struct player *p)
{
	if (!p->started || p->over || p->paused)
		return PLAYER_NEVER;
	int64_t end = p->seg_start + p->seg_len;
	int64_t cue = cue_deadline(p), tick = tick_deadline(p);
	int64_t next = cue < tick ? cue : tick;
	return next < end ? next : end;
}

/* After +/-: ticks whose moment has gone are not played late. */
static void skip_past_ticks(struct player *p, int64_t t)
{
	while (tick_deadline(p) < t)
		p->next_tick++;
}

static size_t previous_hold(const struct player *p)
{
	/* From a rest or a prepare, the hold just before it; from a hold, the
	 * one before. */
	size_t i = p->seg;
	while (i > 0) {
		i--;
		if (p->tl->segs[i].type == SEG_HOLD)
			return i;
	}
	return p->seg;
}

void player_command(struct player *p, enum player_cmd cmd, int64_t now)
{
	if (!p->started || p->over)
		return;
	player_tick(p, now);
	if (p->over)
		return;
	int64_t t = effective_now(p, now);

	switch (cmd) {
	case PLAYER_PAUSE:
		if (p->paused) {
			p->seg_start += now - p->paused_at;
			p->paused = false;
			emit(p, EV_RESUMED, false, 0, now);
		} else {
			p->paused = true;
			p->paused_at = now;
			emit(p, EV_PAUSED, false, 0, now);
		}
		break;
	case PLAYER_NEXT:
		if (cur(p)->type == SEG_HOLD && p->status[p->seg] != HOLD_DONE)
			p->status[p->seg] = HOLD_SKIPPED;
		emit(p, EV_SEGMENT_END, true, 0, t);
		if (p->seg + 1 == p->tl->count)
			finish(p, t);
		else
			enter(p, p->seg + 1, t);
		break;
	case PLAYER_BACK:
		enter(p, previous_hold(p), t);
		if (p->seg < p->first_seg) /* back past where a resumed run began: its too */
			p->first_seg = p->seg;
		break;
	case PLAYER_RESTART:
		enter(p, p->seg, t);
		break;
	case PLAYER_PLUS:
		p->seg_len += player_ns(PLAYER_ADJUST_SECONDS, p->speed);
		/* Ticks already played are played again at the new end. */
		p->next_tick = 0;
		skip_past_ticks(p, t);
		emit(p, EV_ADJUSTED, false, 1, t);
		break;
	case PLAYER_MINUS:
		if (p->followed && t - p->seg_start < player_ns(PLAYER_MINUS_GRACE_S, p->speed))
			break;
		p->seg_len -= player_ns(PLAYER_ADJUST_SECONDS, p->speed);
		/* Never into the past: at worst the segment ends now. */
		if (p->seg_start + p->seg_len < t)
			p->seg_len = t - p->seg_start;
		skip_past_ticks(p, t);
		emit(p, EV_ADJUSTED, false, 0, t);
		player_tick(p, now);
		break;
	case PLAYER_QUIT:
		p->over = true;
		p->ended_at = now;
		emit(p, EV_QUIT, false, 0, now);
		break;
	}
}

int64_t player_segment_elapsed_ms(const struct player *p, int64_t now)
{
	if (!p->started || p->over)
		return 0;
	return to_nominal_ms(p, effective_now(p, now) - p->seg_start);
}

int64_t player_segment_len_ms(const struct player *p)
{
	return to_nominal_ms(p, p->seg_len);
}

int64_t player_segment_left_ms(const struct player *p, int64_t now)
{
	if (!p->started || p->over)
		return 0;
	int64_t left = p->seg_start + p->seg_len - effective_now(p, now);
	return left > 0 ? to_nominal_ms(p, left) : 0;
}

int64_t player_routine_left_ms(const struct player *p, int64_t now)
{
	if (!p->started || p->over)
		return 0;
	int64_t ms = player_segment_left_ms(p, now);
	for (size_t i = p->seg + 1; i < p->tl->count; i++)
		ms += (int64_t)p->tl->segs[i].duration * 1000;
	return ms;
}

struct player_tally player_tally(const struct player *p)
{
	struct player_tally t = {0};

	for (size_t i = p->first_seg; i < p->tl->count; i++) {
		if (p->tl->segs[i].type != SEG_HOLD)
			continue;
		t.holds++;
		if (p->status[i] == HOLD_DONE)
			t.done++;
		else if (p->status[i] == HOLD_SKIPPED)
			t.skipped++;
	}
	return t;
}
