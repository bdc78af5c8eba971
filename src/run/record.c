/* The history's record of the run, posted to the recorder's worker at
 * each step's start and end. */
#include "run.h"

/* The record as the run is now: written at each step's start and end. */
void record(struct run *r, int64_t now)
{
	struct player_tally t = player_tally(&r->player);
	int64_t end = r->player.over ? r->player.ended_at : now;

	r->rec.holds = t.holds;
	r->rec.done = t.done;
	r->rec.skipped = t.skipped;
	r->rec.segment = (unsigned)r->player.seg;
	r->rec.actual_ms = (end - r->player.started_at) / 1000000;
	r->recorder->post(r->recorder, &r->rec);
}

