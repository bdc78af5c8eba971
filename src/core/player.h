/* The player: a state machine over a timeline. Pure: the caller passes the
 * time (nanoseconds on a monotonic clock) into every call and receives what
 * happened through a callback; nothing here reads a clock or sleeps.
 *
 * Deadlines are absolute: a segment that ends at deadline D starts the next
 * one at D, not at the moment the caller noticed, so lateness never
 * accumulates over a routine. */
#ifndef SELFCARE_PLAYER_H
#define SELFCARE_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"
#include "timeline.h"

#define PLAYER_NEVER INT64_MAX
#define PLAYER_SPEED_MIN 0.1
#define PLAYER_SPEED_MAX 1000.0
#define PLAYER_ADJUST_SECONDS 10
#define PLAYER_MINUS_GRACE_S 1.0
/* Ticks in the last seconds of a hold long enough to have them. */
#define PLAYER_TICKS 3

enum player_cmd {
	PLAYER_PAUSE,   /* toggles pause and resume */
	PLAYER_NEXT,    /* skip to the next segment */
	PLAYER_BACK,    /* back to the previous hold */
	PLAYER_RESTART, /* restart the current segment */
	PLAYER_PLUS,    /* 10 s more in this segment */
	PLAYER_MINUS,   /* 10 s less; at worst the segment ends now. It never
			 * takes time from the next one: within the first
			 * PLAYER_MINUS_GRACE_S of a segment that began because
			 * the one before ended, it does nothing (the key was
			 * meant for the segment that just went). */
	PLAYER_QUIT,
};

enum player_event_type {
	EV_SEGMENT_START, /* a prepare, a hold or a rest begins */
	EV_CUE,           /* a cue of the current hold is due */
	EV_TICK,          /* one of the last PLAYER_TICKS seconds of a hold */
	EV_SEGMENT_END,   /* a hold or rest ended (skipped says how) */
	EV_PAUSED,
	EV_RESUMED,
	EV_ADJUSTED,      /* +/- 10 s changed the current segment */
	EV_FINISHED,      /* the routine ran to its end */
	EV_QUIT,
};

struct player_event {
	enum player_event_type type;
	size_t seg;     /* the segment it concerns */
	unsigned cue;   /* for EV_CUE: index into the step's cues; for EV_TICK:
			 * the seconds left, PLAYER_TICKS down to 1; for
			 * EV_ADJUSTED: 1 longer (+), 0 shorter (-) */
	bool skipped;   /* for EV_SEGMENT_END: ended by 'next' */
	int64_t time;   /* when it happened or was due */
};

enum hold_status { HOLD_PENDING, HOLD_DONE, HOLD_SKIPPED };

struct player {
	const struct routine *r;
	const struct timeline *tl;
	double speed;
	void (*emit)(void *ctx, const struct player_event *ev);
	void *ctx;

	bool started, over, paused;
	bool completed; /* over because the routine reached its end */
	size_t seg;
	int64_t seg_start; /* shifted forward by pauses */
	int64_t seg_len;   /* real nanoseconds, after +/- */
	int64_t paused_at;
	bool followed;     /* this segment began because the one before ended */
	unsigned next_cue;
	unsigned next_tick; /* ticks emitted in this segment */
	int64_t started_at, ended_at;
	unsigned char *status; /* enum hold_status per segment */
	size_t first_seg;      /* where this run began */
};

void player_init(struct player *p, const struct routine *r, const struct timeline *tl,
		 double speed, void (*emit)(void *, const struct player_event *), void *ctx);
void player_release(struct player *p);

void player_start(struct player *p, int64_t now);
/* Start at segment seg (a resumed run): the holds before it are not this
 * run's, and are not in its tally. */
void player_start_at(struct player *p, int64_t now, size_t seg);
/* Emit everything due at or before now. */
void player_tick(struct player *p, int64_t now);
void player_command(struct player *p, enum player_cmd cmd, int64_t now);

/* The next time player_tick has something to do, or PLAYER_NEVER. */
int64_t player_next_deadline(const struct player *p);

/* Seconds of routine time (nominal, not scaled by speed). */
int64_t player_segment_left_ms(const struct player *p, int64_t now);
int64_t player_segment_elapsed_ms(const struct player *p, int64_t now);
int64_t player_segment_len_ms(const struct player *p);
int64_t player_routine_left_ms(const struct player *p, int64_t now);

struct player_tally {
	unsigned holds, done, skipped;
};
struct player_tally player_tally(const struct player *p);

/* Convert between nominal seconds and real nanoseconds at a speed. */
int64_t player_ns(double seconds, double speed);

#endif
