/* The desktop notification that follows along: one per step, updated in
 * place, sent through the notifier's worker. */
#include <stdio.h>
#include <time.h>

#include "notice.h"
#include "run.h"

/* The wall-clock time the current segment ends, "10:42", for a hold's
 * notification; NULL for anything else. */
static const char *segment_until(const struct run *r, const struct player_event *ev, char *buf,
				 size_t len)
{
	const struct player *p = &r->player;
	if ((ev->type != EV_SEGMENT_START && ev->type != EV_CUE) || p->paused ||
	    r->tl.segs[ev->seg].type != SEG_HOLD)
		return NULL;
	int64_t left_ns = p->seg_start + p->seg_len - run_now_ns();
	time_t end = time(NULL) + (time_t)((left_ns + 500000000LL) / 1000000000LL);
	struct tm tm;
	localtime_r(&end, &tm);
	strftime(buf, len, "%H:%M", &tm);
	return buf;
}

/* The notification for ev, if it has one: kept, and sent once per turn
 * of the loop (notify_check), so that events of one moment (a hold's
 * start and its instructions) make one D-Bus call, not one each. */
void notify_event(struct run *r, const struct player_event *ev)
{
	struct notice n;
	char until[16];
	if (notice_for_event(&r->player, ev, segment_until(r, ev, until, sizeof(until)), &n) != 0)
		return;
	if (r->quiet)
		n.sound = NULL;
	/* Our own sound plays already: the server should not add one. */
	n.suppress_sound = !r->quiet && sound_failure(r->sound) == NULL;
	r->notice = n;
	r->notice_due = true;
}

static void notify_check(struct run *r)
{
	if (r->notice_due) {
		r->notice_due = false;
		notifier_post(r->notifier, &r->notice);
	}
	const char *why = notifier_failure(r->notifier);
	if (why && !r->warned) {
		r->warned = true;
		say_off(r, why, "notifications are off");
	}
}

static int notify_fd(struct run *r)
{
	return r->warned ? -1 : notifier_fd(r->notifier);
}

const struct listener listen_notify = {
	.name = "notify", .event = notify_event, .check = notify_check, .fd = notify_fd};
