/* Which sound marks which moment of a routine: freedesktop sound-theme
 * names, so that libcanberra plays them and a notification can carry the
 * same name as its sound-name hint. Pure. */
#ifndef SELFCARE_SOUNDS_H
#define SELFCARE_SOUNDS_H

enum sound_event {
	SOUND_HOLD_START, /* a hold begins */
	SOUND_REST,       /* a rest begins */
	SOUND_SWITCH,     /* change to the other side */
	SOUND_CUE,        /* a cue inside a hold */
	SOUND_TICK,       /* each of the last three seconds */
	SOUND_END,        /* the routine is complete */
	SOUND_HEARD,      /* a voice command was heard */
};

#define SOUND_EVENT_COUNT (SOUND_HEARD + 1)

/* The theme sound for e ("bell", "complete", ...), or NULL when e is not
 * an event. Each event has its own sound. */
const char *sound_event_name(enum sound_event e);

/* A few words for e, for humans ("hold start"), or NULL. libcanberra
 * passes it on as the event's description. */
const char *sound_event_label(enum sound_event e);

struct player;
struct player_event;

/* The sound an event of the player makes, or -1: a hold starting, a rest,
 * a side switch, a cue, a tick, the end. Getting ready is spoken, not
 * sounded. */
int sound_for_event(const struct player *p, const struct player_event *ev);

#endif
