/* The state of one `selfcare run`, shared by the run loop (cmd_run.c) and
 * its outputs in src/run: the player and its timeline, the backends, the
 * terminal and the interface. Included only by src/cmd and src/run. */
#ifndef SELFCARE_RUN_H
#define SELFCARE_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "history.h"
#include "listen.h"
#include "listener.h"
#include "loop.h"
#include "mic.h"
#include "notifier.h"
#include "output.h"
#include "player.h"
#include "recorder.h"
#include "runcmd.h"
#include "sound.h"
#include "speech.h"
#include "store.h"
#include "term.h"
#include "timeline.h"
#include "voice.h"

struct run {
	const struct loaded *l;
	struct loop *loop; /* the keys, the signals, the backends' news */
	/* The outputs, in the order they hear an event: the screen or plain
	 * lines, the voice, the sounds, the notification, the record. */
	const struct listener *listeners[8];
	size_t nlisteners;
	/* Why the run stopped; RUN_INTERRUPTED (zero) while it is playing,
	 * as its record says then. */
	enum run_end end;
	/* What a turn of the loop sends once, after all its events. */
	struct notice notice;
	bool notice_due, record_due;
	int64_t record_at;
	struct timeline tl;
	struct player player;
	struct voice voice; /* what is said, and how long it lasts */
	struct notifier *notifier;
	struct speech *speech;
	struct sound *sound;
	struct recorder *recorder;
	struct mic *mic; /* voice commands (--listen), or NULL */
	struct listen_state listen;
	bool listening; /* the microphone is heard: said once */
	struct run_record rec;
	struct term term;
	bool tty, quiet, warned;
	bool speech_warned, sound_warned, record_warned, mic_warned;
	bool checkin; /* ask how tense, before and after */
	bool quiet_end; /* the routine ends quietly (end: quiet): let them sleep */
	bool bell, big_digits; /* the config file's */
	size_t start_seg; /* 0, or where a resumed run begins */
	bool resuming;
	char resumed[200]; /* said before the first segment's own words */
	bool keys; /* keys are read from the terminal: the screen, or plain on a TTY */
	bool adjust_heard; /* the player reported a + or - */
	bool out_failed; /* a plain event could not be written */
	int64_t last_redraw, redraw_at;
	bool dirty;
	char message[256];
	int64_t message_until; /* when the message goes, on the real clock */
	struct run_ui ui; /* the page over the routine, the quit question */
};

#define EXIT_STOPPED 3 /* the user quit before the end */
#define MESSAGE_NS 10000000000LL /* a warning stays on the screen 10 s */
#define CHECKIN_AFTER_MS (5 * 60 * 1000) /* nobody answers: the run ends anyway */
#define RECORD_WAIT_MS (STORE_BUSY_MS + 1000)

/* Now on CLOCK_MONOTONIC, in nanoseconds. */
static inline int64_t run_now_ns(void)
{
	return loop_now();
}
/* The nominal routine time of t, rounded to the second: "1:05". */
void run_elapsed_label(const struct run *r, int64_t t, char *buf, unsigned len);

/* Plain mode (src/run/plain.c): one line per event, "M:SS event detail";
 * on a terminal, text wrapped at words to its width. A line that cannot be
 * written sets r->out_failed. */
void plain_event(struct run *r, const struct player_event *ev);
/* What a key did, at the time it was pressed ("1:05 back"); nothing on the
 * full screen. */
void plain_said(struct run *r, int64_t now, const char *what, const char *detail);
/* "?" and "s": a line per key, a line per safety note. */
void plain_keys(struct run *r);
void plain_safety(struct run *r);

/* The bell (sound_out.c), the safety notes aloud (voice_out.c); the words
 * and sounds of events are listen_voice and listen_sound. */
void ring(struct run *r);
void say_safety(struct run *r);

/* The notification of an event (src/run/notify_out.c). */
void notify_event(struct run *r, const struct player_event *ev);

/* The history's record as the run is now (src/run/record.c). */
void record(struct run *r, int64_t now);

/* The full screen (src/run/screen_out.c): draw it now; and after a draw,
 * the next moment the visible countdown changes (at most 4 draws a
 * second). */
#define REDRAW_NS 250000000LL
void redraw(struct run *r, int64_t now);
int64_t next_redraw(const struct run *r, int64_t now);

/* The run loop (src/run/session.c): the player's events to every
 * listener (the player's callback, ctx the run); a backend that failed,
 * said once; play the routine until it ends, on r->loop, returning why it
 * ended (which gives the exit status, run_end_status(), and the record). */
void on_event(void *ctx, const struct player_event *ev);
void say_off(struct run *r, const char *why, const char *what);
enum run_end play(struct run *r);

/* Inputs (src/run/input.c): bytes from the terminal, as commands (the
 * loop's handler for stdin, and what it calls); a signal the loop read;
 * Ctrl-Z. */
void on_keys_ready(void *ctx, int fd);
/* A command of runcmd.h, from a key or a phrase, with what it asks
 * besides; returns its effects. */
unsigned run_command(struct run *r, enum run_cmd c, int64_t now);
void handle_keys(struct run *r, const char *buf, ssize_t n, int64_t now);
void handle_signal(struct run *r, int sig, int64_t now);
void suspend(struct run *r);
/* The microphone (src/run/voice_in.c): the loop's handlers for its
 * phrases and its news, and a look once per turn (a failure, said once;
 * "okay stop" left unanswered). */
void on_mic_ready(void *ctx, int fd);
void on_mic_news(void *ctx, int fd);
void check_mic(struct run *r, int64_t now);
/* The run stops, for why (the first reason given is the one kept). */
void run_stop(struct run *r, enum run_end why, int64_t now);

/* The routine played on a virtual clock (src/run/virtual.c), through the
 * voice and sound listeners, into plan: what is said and played when,
 * and the chapters. r needs its routine (l), timeline (tl), voice and
 * quiet; the rest may be zero. */
struct export_plan;
void play_virtual(struct run *r, struct export_plan *plan);

/* Before and after (src/run/begin.c). */
void show_safety(const struct run *r, FILE *f, unsigned width);
void prompt(const char *text);
int wait_for_enter(void);
size_t resumed_hold(const struct run *r, unsigned *n);
void summary(const struct run *r, enum run_end end);
/* Ask "How tense ...?" on the terminal, waiting on lp: 0 with *score (-1
 * skipped), or the signal that ended it. timeout_ms < 0: no limit. */
int ask_tension(const char *question, struct loop *lp, int timeout_ms, int *score);
bool never_completed(const struct run *r);
void wait_for_safety(struct run *r, int64_t until, double speed);
void start_record(struct run *r, long long resumed_from);
int find_resume_point(struct run *r, long long *from);
void say_resumed(struct run *r);
void run_open_outputs(struct run *r, bool notify, bool voice, bool quiet, int rate);
void run_finish(struct run *r, enum run_end end, unsigned width);

#endif
