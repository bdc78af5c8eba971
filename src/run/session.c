/* The run loop: the player ticks at its absolute deadlines (and the
 * screen at its own), waiting on one event loop (loop.h) over the
 * terminal's keys, the signals and the backends' news; the player's events
 * go to every listener (listener.h). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs_gate.h"
#include "output.h"
#include "run.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* The player's callback (ctx the run): every listener hears the event, in
 * the list's order. */
void on_event(void *ctx, const struct player_event *ev)
{
	struct run *r = ctx;

	for (size_t i = 0; i < r->nlisteners; i++)
		if (r->listeners[i]->event)
			r->listeners[i]->event(r, ev);
}

/* One warning for an output that stopped working: on the screen's message
 * line, or on stderr in plain mode. */
void say_off(struct run *r, const char *why, const char *what)
{
	if (r->tty) {
		snprintf(r->message, sizeof(r->message), "%.150s: %s", why, what);
		r->message_until = run_now_ns() + MESSAGE_NS;
	} else {
		warning("%s: %s", why, what);
	}
	r->dirty = true;
}

/* The first reason the run stops is the one kept. */
void run_stop(struct run *r, enum run_end why, int64_t now)
{
	if (r->end == RUN_INTERRUPTED)
		r->end = why;
	player_command(&r->player, PLAYER_QUIT, now);
}

/* A backend has news: taken here, looked at by its listener's check(). */
static void on_news(void *ctx, int fd)
{
	uint64_t v;
	(void)ctx;
	if (read(fd, &v, sizeof(v)) < 0) {
		/* The failure flag is what counts. */
	}
}

enum run_end play(struct run *r)
{
	struct loop *lp = r->loop;
	int base = lp->used;

	loop_add(lp, r->keys ? STDIN_FILENO : -1, on_keys_ready, r);
	for (size_t i = 0; i < r->nlisteners; i++)
		loop_add(lp, -1, on_news, r);
	int mic_slot = loop_add(lp, mic_fd(r->mic), on_mic_ready, r);
	loop_add(lp, -1, on_mic_news, r);

	int64_t t0 = run_now_ns();
	time_t wall = time(NULL);
	player_start_at(&r->player, t0, r->start_seg);
	/* The record's start: now, not when the check-in was asked. Its local
	 * offset after the first segment is out (localtime reads the zone
	 * file the first time). */
	struct tm tm;
	r->rec.started = (long long)wall;
	if (localtime_r(&wall, &tm))
		r->rec.utc_offset = (int)tm.tm_gmtoff;
	record(r, t0);
	dynlibs_release(); /* the first segment has its outputs; now the libraries load */
	for (;;) {
		int64_t now = run_now_ns();
		player_tick(&r->player, now);
		if (r->player.over)
			break;
		if (r->out_failed) {
			/* Nobody can read the events any more: a full disk, or
			 * a reader that left. Playing on would be for no one. */
			run_stop(r, RUN_FAILED, now);
			break;
		}
		for (size_t i = 0; i < r->nlisteners; i++) {
			const struct listener *l = r->listeners[i];
			if (l->check)
				l->check(r);
			loop_set(lp, base + 1 + (int)i, l->fd ? l->fd(r) : -1);
		}
		if (r->mic) {
			check_mic(r, now);
			loop_set(lp, mic_slot + 1, r->mic_warned ? -1 : mic_news_fd(r->mic));
		}
		if (r->message[0] && now >= r->message_until) {
			r->message[0] = '\0'; /* said once, for a while; not for the whole run */
			r->dirty = true;
		}
		if (r->tty && (r->dirty || now >= r->redraw_at)) {
			redraw(r, now);
			r->redraw_at = next_redraw(r, now);
		}

		int64_t deadline = player_next_deadline(&r->player);
		if (listen_deadline(&r->listen) < deadline)
			deadline = listen_deadline(&r->listen);
		int64_t draw = r->tty ? r->redraw_at : PLAYER_NEVER;
		if (r->tty && r->message[0] && r->message_until < draw)
			draw = r->message_until;
		int sig = loop_wait(lp, draw < deadline ? draw : deadline);
		handle_signal(r, sig, run_now_ns());
	}
	/* The last turn's events (the end) go out too. */
	for (size_t i = 0; i < r->nlisteners; i++)
		if (r->listeners[i]->check)
			r->listeners[i]->check(r);
	while (lp->used > base)
		loop_remove_last(lp);
	if (r->end == RUN_INTERRUPTED)
		r->end = r->player.completed ? RUN_COMPLETED : RUN_QUIT;
	return r->end;
}


/* The outputs, each on a thread of its own that loads its library only
 * once the clock has started (dynlibs_gate.h): start-up costs the clock
 * nothing. One that is off or cannot start is NULL (backends' calls do
 * nothing then). */
void run_open_outputs(struct run *r, bool notify, bool voice, bool quiet, int rate)
{
	dynlibs_hold();
	r->notifier = notify ? notifier_libnotify_open("selfcare") : NULL;
	if (r->speech == NULL && voice)
		r->speech = speech_spd_open("selfcare", rate);
	r->sound = quiet ? NULL : sound_canberra_open("selfcare");
	char *db = store_default_path();
	r->recorder = db ? recorder_store_open(db) : NULL;
	if (r->recorder == NULL)
		warning("%s: this run is not recorded",
			db ? "cannot start the history's writer" : "no HOME or XDG_STATE_HOME");
	free(db);
}
