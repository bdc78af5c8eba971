#include "sounds.h"

#include <stddef.h>

#include "player.h"

/* All of them are in sound-theme-freedesktop (stereo/). Soft and short
 * where they repeat: the person is lying down with eyes closed, and a
 * tick comes three times in a row. */
static const struct {
	const char *name, *label;
} sounds[SOUND_EVENT_COUNT] = {
	[SOUND_HOLD_START] = {"bell", "hold start"},               /* one soft ding, 0.14 s */
	[SOUND_REST] = {"message", "rest"},                        /* a low bloop, 0.3 s */
	[SOUND_SWITCH] = {"window-attention", "switch sides"},     /* two notes, 0.5 s */
	[SOUND_CUE] = {"message-new-instant", "cue"},              /* quiet rising pair, 1 s */
	[SOUND_TICK] = {"audio-volume-change", "countdown tick"}, /* a click, 0.07 s */
	[SOUND_END] = {"complete", "routine complete"},            /* a chime, 1.1 s */
	[SOUND_HEARD] = {"dialog-information", "voice command heard"},
};

const char *sound_event_name(enum sound_event e)
{
	return (unsigned)e < SOUND_EVENT_COUNT ? sounds[e].name : NULL;
}

const char *sound_event_label(enum sound_event e)
{
	return (unsigned)e < SOUND_EVENT_COUNT ? sounds[e].label : NULL;
}

int sound_for_event(const struct player *p, const struct player_event *ev)
{
	const struct segment *g = &p->tl->segs[ev->seg];

	switch (ev->type) {
	case EV_SEGMENT_START:
		if (g->type == SEG_HOLD)
			return SOUND_HOLD_START;
		if (g->type == SEG_REST)
			return g->switch_sides ? SOUND_SWITCH : SOUND_REST;
		return -1;
	case EV_CUE: return SOUND_CUE;
	case EV_TICK: return SOUND_TICK;
	case EV_FINISHED: return p->r->end == END_QUIET ? -1 : SOUND_END; /* let them sleep */
	default: return -1;
	}
}
