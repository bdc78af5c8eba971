/* A routine expanded into what is played: holds and rests in order.
 * Pure: no I/O, no clock.
 *
 * Rules (documented in selfcare-routine(5)):
 * - A step is played `reps` times on each side it has; `sides: both` plays
 *   every rep on the left, then every rep on the right.
 * - Each hold is preceded by its step's `prepare` time, to get into
 *   position (left out when 0). The first hold's prepare is at least
 *   ROUTINE_LEAD_IN seconds, unless it is 0.
 * - Every hold but the routine's last is followed by a rest of its step's
 *   `rest` (the routine's `rest` unless the step sets its own). A rest of 0
 *   is left out. The rest between the last left hold and the first right
 *   one is the "switch sides" moment. */
#ifndef SELFCARE_TIMELINE_H
#define SELFCARE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "routine.h"

enum seg_type { SEG_HOLD, SEG_REST, SEG_PREPARE };
enum side { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT };

struct segment {
	enum seg_type type;
	unsigned step;     /* index into routine->steps */
	enum side side;
	unsigned rep;      /* 1-based */
	unsigned start;    /* seconds from the routine's start */
	unsigned duration; /* seconds */
	bool switch_sides; /* a rest before the other side of the same step */
};

struct timeline {
	struct segment *segs;
	size_t count;
	unsigned total; /* seconds */
	unsigned holds;
};

void timeline_expand(const struct routine *r, struct timeline *tl);
void timeline_release(struct timeline *tl);

/* Total time of a routine in seconds without building a timeline. */
unsigned routine_total(const struct routine *r);

/* How many steps a person plays through: one for each hold, each side and
 * each repetition its own (psoas-release: 6 steps in the file, 10 played).
 * The one count every command shows, as timeline_expand's holds. */
unsigned routine_steps(const struct routine *r);

const char *side_name(enum side s);

/* A step's text as played on a side: {side} and {other} become "left" and
 * "right" (text.h); on no side the text is copied as it is. Returns out. */
char *side_text(const char *text, enum side side, char *out, size_t len);

#define TIMELINE_NONE ((size_t)-1)

/* The prepare time of a step's hold: first says whether it is the
 * routine's first hold. */
unsigned timeline_prepare(const struct step *s, bool first);

/* The first hold after segment i, or TIMELINE_NONE. */
size_t timeline_next_hold(const struct timeline *tl, size_t i);

/* The hold's number as `selfcare show` gives it: holds counted in order,
 * up to and including segment hold. */
unsigned timeline_hold_number(const struct timeline *tl, size_t hold);

/* Where a run that stopped in segment seg starts again: the hold it was
 * in or going to, from the time to get into position before it.
 * TIMELINE_NONE when nothing is left (it stopped after the last hold). */
size_t timeline_resume_point(const struct timeline *tl, size_t seg);

/* "Fingertip release, left side, 2 of 3" (sanitized, plain text). */
char *segment_label(const struct routine *r, const struct timeline *tl, size_t i, char *buf,
		    size_t len);

#endif
