/* An output of the run: it hears every event of the player, and may have
 * a backend that stops working (said once, and the run goes on). The
 * session keeps a list of them (run.h: r->listeners), in the order they
 * hear an event; adding an output is one more of these. */
#ifndef SELFCARE_LISTENER_H
#define SELFCARE_LISTENER_H

struct run;
struct player_event;

struct listener {
	const char *name;
	/* A player event, at ev->time. */
	void (*event)(struct run *r, const struct player_event *ev);
	/* Look at the backend once per turn of the loop: a failure is said
	 * once, here. NULL: nothing can fail. */
	void (*check)(struct run *r);
	/* A descriptor that is readable when check() may have news; -1 when
	 * there is none, or once the failure has been said. NULL: none. */
	int (*fd)(struct run *r);
};

/* The full screen (screen_out.c), one line per event (plain.c), the words
 * (voice_out.c), the sounds (sound_out.c), the notification
 * (notify_out.c) and the history's record (record.c). */
extern const struct listener listen_screen, listen_plain, listen_voice, listen_sound,
	listen_notify, listen_record;

#endif
