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
	recorder_post(r->recorder, &r->rec);
}


/* The record after the outputs (it is last in the list), at each step's
 * start and end: written once per turn of the loop (record_check), so that
 * one step's end and the next one's start, a moment apart, make one write.
 * The first segment's is made once the start is stamped (play()). */
static void record_event(struct run *r, const struct player_event *ev)
{
	if ((ev->type == EV_SEGMENT_START || ev->type == EV_SEGMENT_END) && r->rec.started) {
		r->record_due = true;
		r->record_at = ev->time;
	}
}

static void record_check(struct run *r)
{
	if (r->record_due) {
		r->record_due = false;
		record(r, r->record_at);
	}
	const char *why = recorder_failure(r->recorder);
	if (why && !r->record_warned) {
		r->record_warned = true;
		say_off(r, why, "this run is not recorded");
	}
}

static int record_fd(struct run *r)
{
	return r->record_warned ? -1 : recorder_fd(r->recorder);
}

const struct listener listen_record = {
	.name = "record", .event = record_event, .check = record_check, .fd = record_fd};
