/* The run loop: one poll() over the terminal, an absolute CLOCK_MONOTONIC
 * timerfd, a signalfd and the backends' failure descriptors; the player's
 * events go to every output. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duration.h"
#include "dynlibs_gate.h"
#include "keys.h"
#include "output.h"
#include "pager.h"
#include "run.h"
#include "saytime.h"
#include "screen.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "util.h"

void on_event(void *ctx, const struct player_event *ev)
{
	struct run *r = ctx;

	if (r->tty)
		r->dirty = true;
	else
		plain_event(r, ev);
	heard(r, ev);
	notify_event(r, ev);
	/* The record after the outputs; the first segment's is made once the
	 * start is stamped (play()). */
	if ((ev->type == EV_SEGMENT_START || ev->type == EV_SEGMENT_END) && r->rec.started)
		record(r, ev->time);
}

static void arm(int tfd, int64_t at)
{
	struct itimerspec its = {0};

	if (at == PLAYER_NEVER) {
		timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL); /* disarm */
		return;
	}
	if (at <= 0)
		at = 1;
	its.it_value.tv_sec = at / 1000000000LL;
	its.it_value.tv_nsec = at % 1000000000LL;
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
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

int play(struct run *r, int sfd, int tfd)
{
	int code = -1;
	int nfd = r->notifier->fd(r->notifier);

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
	while (code < 0) {
		int64_t now = run_now_ns();
		player_tick(&r->player, now);
		if (r->player.over)
			break;
		if (r->out_failed) {
			/* Nobody can read the events any more: a full disk, or
			 * a reader that left. Playing on would be for no one. */
			player_command(&r->player, PLAYER_QUIT, now);
			code = EXIT_FAIL;
			break;
		}

		const char *why = r->notifier->failure(r->notifier);
		if (why && !r->warned) {
			r->warned = true;
			say_off(r, why, "notifications are off");
		}
		/* What is left is said as it is now: never sounds that are
		 * off or have failed. */
		const char *sound_why = r->sound->failure(r->sound);
		why = r->speech->failure(r->speech);
		if (why && !r->speech_warned) {
			r->speech_warned = true;
			say_off(r, why, r->quiet      ? "no voice, the routine goes on in silence"
					: sound_why ? "no voice, the routine goes on with the terminal bell"
						    : "no voice, the routine goes on with sounds");
		}
		if (sound_why && !r->sound_warned && !r->quiet) {
			r->sound_warned = true;
			say_off(r, sound_why, r->speech_warned
						      ? "no sounds either, the terminal bell instead"
						      : "no sounds, the terminal bell instead");
		}
		why = r->recorder->failure(r->recorder);
		if (why && !r->record_warned) {
			r->record_warned = true;
			say_off(r, why, "this run is not recorded");
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
		int64_t draw = r->tty ? r->redraw_at : PLAYER_NEVER;
		if (r->tty && r->message[0] && r->message_until < draw)
			draw = r->message_until;
		arm(tfd, draw < deadline ? draw : deadline);

		int spfd = r->speech->fd(r->speech), sofd = r->sound->fd(r->sound);
		int rfd = r->recorder->fd(r->recorder);
		struct pollfd fds[7] = {
			{.fd = tfd, .events = POLLIN},
			{.fd = sfd, .events = POLLIN},
			{.fd = r->keys ? STDIN_FILENO : -1, .events = POLLIN},
			{.fd = r->warned ? -1 : nfd, .events = POLLIN},
			{.fd = r->speech_warned ? -1 : spfd, .events = POLLIN},
			{.fd = r->sound_warned ? -1 : sofd, .events = POLLIN},
			{.fd = r->record_warned ? -1 : rfd, .events = POLLIN},
		};
		if (poll(fds, 7, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		now = run_now_ns();
		if (fds[0].revents & POLLIN) {
			uint64_t expirations;
			if (read(tfd, &expirations, sizeof(expirations)) < 0) {
				/* EAGAIN after a re-arm: nothing to do. */
			}
		}
		for (int k = 3; k < 7; k++) {
			uint64_t v;
			if ((fds[k].revents & POLLIN) && read(fds[k].fd, &v, sizeof(v)) < 0) {
				/* The failure flag is what counts. */
			}
		}
		if (fds[2].revents) {
			char buf[64];
			ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n > 0) {
				handle_keys(r, buf, n, now);
			} else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
				/* The terminal went away. */
				player_command(&r->player, PLAYER_QUIT, now);
				code = 128 + SIGHUP;
			}
		}
		if (fds[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				switch (si.ssi_signo) {
				case SIGWINCH:
					term_measure(&r->term);
					term_invalidate(&r->term);
					r->dirty = true;
					break;
				case SIGTSTP:
					suspend(r);
					break;
				default:
					player_command(&r->player, PLAYER_QUIT, now);
					code = 128 + (int)si.ssi_signo;
					break;
				}
			}
		}
	}
	if (code < 0)
		code = r->player.completed ? EXIT_OK : EXIT_STOPPED;
	return code;
}


/* The outputs, each on a thread of its own that loads its library only
 * once the clock has started (dynlibs_gate.h): start-up costs the clock
 * nothing. One that is off or cannot start is a null one. */
void run_open_outputs(struct run *r, bool notify, bool voice, bool quiet, int rate)
{
	dynlibs_hold();
	r->notifier = notify ? notifier_libnotify_open("selfcare") : NULL;
	if (r->notifier == NULL)
		r->notifier = notifier_null_open();
	if (r->speech == NULL)
		r->speech = voice ? speech_spd_open("selfcare", rate) : NULL;
	if (r->speech == NULL)
		r->speech = speech_null_open();
	r->sound = quiet ? NULL : sound_canberra_open("selfcare");
	if (r->sound == NULL)
		r->sound = sound_null_open();
	char *db = store_default_path();
	r->recorder = db ? recorder_store_open(db) : NULL;
	if (r->recorder == NULL) {
		warning("%s: this run is not recorded",
			db ? "cannot start the history's writer" : "no HOME or XDG_STATE_HOME");
		r->recorder = recorder_null_open();
	}
	free(db);
}
