/* selfcare run: the only place where the clock, the terminal, signals and
 * the notifier meet the pure player. One poll() over stdin, an absolute
 * CLOCK_MONOTONIC timerfd, a signalfd and the notifier's failure fd. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "dynlibs_gate.h"
#include "history.h"
#include "keys.h"
#include "notice.h"
#include "notifier.h"
#include "output.h"
#include "player.h"
#include "saytime.h"
#include "pager.h"
#include "recorder.h"
#include "runcmd.h"
#include "screen.h"
#include "sound.h"
#include "sounds.h"
#include "settings.h"
#include "speech.h"
#include "store.h"
#include "term.h"
#include "text.h"
#include "timeline.h"
#include "util.h"
#include "voice.h"

#define EXIT_STOPPED 3 /* the user quit before the end */
#define REDRAW_NS 250000000LL /* at most 4 redraws a second */
#define MESSAGE_NS 10000000000LL /* a warning stays on the screen 10 s */
#define CHECKIN_AFTER_MS (5 * 60 * 1000) /* nobody answers: the run ends anyway */
#define RECORD_WAIT_MS (STORE_BUSY_MS + 1000)

static const char checkin_before[] = "How tense do you feel, 0 to 10?";
static const char checkin_after[] = "How tense do you feel now, 0 to 10?";
static const char checkin_before_said[] = "How tense do you feel, from 0 to 10?";
static const char checkin_after_said[] = "When you are ready: how tense do you feel now, from 0 to 10?";

struct run {
	const struct loaded *l;
	struct timeline tl;
	struct player player;
	struct voice voice; /* what is said, and how long it lasts */
	struct notifier *notifier;
	struct speech *speech;
	struct sound *sound;
	struct recorder *recorder;
	struct run_record rec;
	struct term term;
	bool tty, quiet, warned;
	bool speech_warned, sound_warned, record_warned;
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

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Nominal routine time of an event, rounded to the second. */
static void elapsed_label(const struct run *r, int64_t t, char *buf, unsigned len)
{
	double s = (double)(t - r->player.started_at) * r->player.speed / 1e9;
	duration_clock((unsigned)llround(s), buf, len);
}

/* One line of routine text, sanitized, on its side: "0:05 how Lie on your back."
 * On a terminal it is wrapped at words to its width, under itself; into a
 * pipe or a file it stays one line, for whatever reads it. */
static void plain_text(const char *at, const char *what, const char *text, enum side side)
{
	char filled[VOICE_MAX], first[64];
	char *clean = text_sanitize_dup(side_text(text, side, filled, sizeof(filled)));
	if (isatty(STDOUT_FILENO)) {
		snprintf(first, sizeof(first), "%s %s", at, what);
		size_t indent = strlen(first) + 1;
		char *w = text_wrapped(clean, term_width(stdout), indent, first);
		fputs(w, stdout);
		free(w);
	} else {
		printf("%s %s %s\n", at, what, clean);
	}
	free(clean);
}

static void plain_event(struct run *r, const struct player_event *ev)
{
	const struct player *p = &r->player;
	const struct segment *g = &r->tl.segs[ev->seg];
	const struct step *s = &p->r->steps[g->step];
	char at[32], label[200], dur[32];

	elapsed_label(r, ev->time, at, sizeof(at));
	switch (ev->type) {
	case EV_SEGMENT_START:
		if (g->type == SEG_PREPARE) {
			segment_label(p->r, &r->tl, ev->seg, label, sizeof(label));
			printf("%s prepare %s, %s\n", at, label,
			       duration_format(g->duration, dur, sizeof(dur)));
			plain_text(at, "how", s->instructions, g->side);
		} else if (g->type == SEG_HOLD) {
			segment_label(p->r, &r->tl, ev->seg, label, sizeof(label));
			printf("%s hold %s, %s\n", at, label, duration_format(s->hold, dur, sizeof(dur)));
			/* Without a prepare before it, the how comes with the hold. */
			if (ev->seg == 0 || r->tl.segs[ev->seg - 1].type != SEG_PREPARE)
				plain_text(at, "how", s->instructions, g->side);
		} else {
			printf("%s %s %s\n", at, g->switch_sides ? "switch" : "rest",
			       duration_format(g->duration, dur, sizeof(dur)));
		}
		break;
	case EV_CUE:
		plain_text(at, "cue", s->cues[ev->cue].say, g->side);
		break;
	case EV_SEGMENT_END:
		if (ev->skipped)
			printf("%s skip\n", at);
		if (g->type == SEG_HOLD && s->exit)
			plain_text(at, "exit", s->exit, g->side);
		break;
	case EV_TICK: break;
	case EV_PAUSED: printf("%s pause\n", at); break;
	case EV_RESUMED: printf("%s resume\n", at); break;
	case EV_ADJUSTED: {
		int64_t left = p->seg_start + p->seg_len - ev->time;
		char clock[32];
		r->adjust_heard = true;
		if (left <= 0)
			printf("%s shorter, the step ends now\n", at);
		else
			printf("%s %s, %s left\n", at, ev->cue ? "longer" : "shorter",
			       duration_clock((unsigned)((double)left * p->speed / 1e9 + 0.999), clock,
					      sizeof(clock)));
		break;
	}
	case EV_FINISHED: printf("%s done\n", at); break;
	case EV_QUIT: printf("%s quit\n", at); break;
	}
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* The wall-clock time the current segment ends, "10:42", for a hold's
 * notification; NULL for anything else. */
static const char *segment_until(const struct run *r, const struct player_event *ev, char *buf,
				 size_t len)
{
	const struct player *p = &r->player;
	if ((ev->type != EV_SEGMENT_START && ev->type != EV_CUE) || p->paused ||
	    r->tl.segs[ev->seg].type != SEG_HOLD)
		return NULL;
	int64_t left_ns = p->seg_start + p->seg_len - now_ns();
	time_t end = time(NULL) + (time_t)((left_ns + 500000000LL) / 1000000000LL);
	struct tm tm;
	localtime_r(&end, &tm);
	strftime(buf, len, "%H:%M", &tm);
	return buf;
}

/* The terminal bell, where a person can hear it: the screen, or in plain
 * mode a terminal on stdout or stderr (never into a pipe or a log). */
static void ring(struct run *r)
{
	if (!r->bell)
		return;
	if (r->tty)
		term_bell(&r->term);
	else if (isatty(STDOUT_FILENO))
		fputc('\a', stdout);
	else if (isatty(STDERR_FILENO))
		fputc('\a', stderr);
}

/* What a person with closed eyes hears: the words, then the event's sound,
 * or the bell when no sound can be played. Neither call waits. */
static void heard(struct run *r, const struct player_event *ev)
{
	char words[VOICE_MAX];
	if (voice_for_event(&r->voice, &r->player, ev, words, sizeof(words)) == 0) {
		/* The closing words end with the check-in's question: a later
		 * say() would cut them off. */
		size_t n = strlen(words);
		if (ev->type == EV_FINISHED && r->checkin && r->l->routine->end != END_QUIET &&
		    n + sizeof(checkin_after_said) + 1 < sizeof(words))
			snprintf(words + n, sizeof(words) - n, " %s", checkin_after_said);
		if (r->resumed[0] && ev->type == EV_SEGMENT_START) {
			char *both = xasprintf("%s %s", r->resumed, words);
			r->speech->say(r->speech, both);
			free(both);
			r->resumed[0] = '\0';
		} else {
			r->speech->say(r->speech, words);
		}
	}
	else if (ev->type == EV_QUIT)
		r->speech->cancel(r->speech);

	int snd = sound_for_event(&r->player, ev);
	if (snd < 0 || r->quiet)
		return;
	if (r->sound->failure(r->sound) == NULL)
		r->sound->play(r->sound, (enum sound_event)snd);
	else if (snd != SOUND_TICK)
		ring(r);
}

/* The record as the run is now: written at each step's start and end. */
static void record(struct run *r, int64_t now)
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

static void on_event(void *ctx, const struct player_event *ev)
{
	struct run *r = ctx;
	struct notice n;

	if (r->tty)
		r->dirty = true;
	else
		plain_event(r, ev);
	heard(r, ev);
	char until[16];
	if (notice_for_event(&r->player, ev, segment_until(r, ev, until, sizeof(until)), &n) == 0) {
		if (r->quiet)
			n.sound = NULL;
		/* Our own sound plays already: the server should not add one. */
		n.suppress_sound = !r->quiet && r->sound->failure(r->sound) == NULL;
		r->notifier->post(r->notifier, &n);
	}
	/* The record after the outputs; the first segment's is made once the
	 * start is stamped (play()). */
	if ((ev->type == EV_SEGMENT_START || ev->type == EV_SEGMENT_END) && r->rec.started)
		record(r, ev->time);
}

static void redraw(struct run *r, int64_t now)
{
	struct frame f;
	struct screen_state st = {
		.player = &r->player,
		.now = now,
		.width = r->term.width,
		.height = r->term.height,
		.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0,
		.big_digits = r->big_digits,
		.confirm_quit = r->ui.asking,
		.overlay = r->ui.overlay,
		.overlay_skip = r->ui.overlay_skip,
		.message = r->message[0] ? r->message : NULL,
	};
	char title[256];

	if (r->player.over)
		return;
	screen_render(&st, &f);
	r->ui.overlay_next = f.overlay_next;
	term_draw(&r->term, &f);
	screen_title(&st, title, sizeof(title));
	term_title(&r->term, title);
	r->last_redraw = now;
	r->dirty = false;
}

/* After a redraw: the next moment the visible countdown changes, but not
 * sooner than REDRAW_NS after this one. Events in between set dirty. */
static int64_t next_redraw(const struct run *r, int64_t now)
{
	const struct player *p = &r->player;
	if (p->paused || p->over)
		return PLAYER_NEVER;
	int64_t left_ns = p->seg_start + p->seg_len - now;
	int64_t sec_ns = player_ns(1.0, p->speed);
	int64_t until = left_ns > 0 ? left_ns % sec_ns : 0;
	/* Just past the moment the shown second changes. */
	int64_t at = now + (until > 0 ? until : sec_ns) + 1000000;
	int64_t earliest = r->last_redraw + REDRAW_NS;
	return at < earliest ? earliest : at;
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

/* Plain mode on a terminal: "?" and "s" print, a line each, for a screen
 * reader to read out; the routine goes on. */
static void plain_keys(struct run *r)
{
	for (size_t i = 0; i < key_bindings_count; i++)
		if (key_bindings[i].name && key_bindings[i].help)
			printf("key %s: %s\n", key_bindings[i].name, key_bindings[i].help);
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* The safety notes, aloud: asked for with s, the routine paused. */
static void say_safety(struct run *r)
{
	char *words = xmalloc(VOICE_SAFETY_MAX);
	if (voice_safety(r->l->routine, NULL, words, VOICE_SAFETY_MAX) == 0)
		r->speech->say(r->speech, words);
	free(words);
}

static void plain_safety(struct run *r)
{
	const struct routine *rt = r->l->routine;
	for (unsigned i = 0; i < rt->safety_count; i++)
		plain_text("safety", "-", rt->safety[i], SIDE_NONE);
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* Plain mode: what a key did, a line at the time it was pressed, for a
 * person who cannot see a screen change ("1:05 back"). */
static void plain_said(struct run *r, int64_t now, const char *what, const char *detail)
{
	char at[32];
	if (r->tty)
		return;
	elapsed_label(r, now, at, sizeof(at));
	printf("%s %s%s%s\n", at, what, detail ? " " : "", detail ? detail : "");
	if (stdout_flush() != 0)
		r->out_failed = true;
}

/* Keys go through the one table in keys.h, into the commands of
 * runcmd.h; what a command asks besides is done here. */
static void handle_keys(struct run *r, const char *buf, ssize_t n, int64_t now)
{
	size_t used;
	for (ssize_t i = 0; i < n && !r->player.over; i += (ssize_t)used) {
		enum key_action a = key_lookup(buf + i, (size_t)(n - i), &used);
		enum run_cmd c = run_cmd_for_key(&r->ui, a, buf[i]);
		r->dirty = true;
		if (c == RUN_CMD_BACK)
			plain_said(r, now, "back", NULL);
		else if (c == RUN_CMD_RESTART)
			plain_said(r, now, "restart", NULL);
		r->adjust_heard = false;
		unsigned fx = run_ui_apply(&r->ui, &r->player, c, now);
		if ((c == RUN_CMD_PLUS || c == RUN_CMD_MINUS) && !r->adjust_heard)
			plain_said(r, now, "unchanged", "(a step that has just begun is not shortened)");
		if (fx & RUN_FX_HUSH)
			r->speech->cancel(r->speech); /* read to the end, or put away */
		if (fx & RUN_FX_PRINT_KEYS)
			plain_keys(r);
		if (fx & RUN_FX_PRINT_SAFETY)
			plain_safety(r);
		if (fx & RUN_FX_SAY_SAFETY)
			say_safety(r);
		if ((fx & RUN_FX_ASKED) && !r->tty) {
			printf("quit? press y or q to quit, any other key to go on\n");
			if (stdout_flush() != 0)
				r->out_failed = true;
		}
	}
}

/* Ctrl-Z: pause, give the terminal back, stop; on 'fg', take it again and
 * resume the hold where it was. */
static void suspend(struct run *r)
{
	bool was_running = !r->player.paused;

	if (was_running)
		player_command(&r->player, PLAYER_PAUSE, now_ns());
	if (r->keys)
		term_leave(&r->term);
	fflush(stdout);
	raise(SIGSTOP);
	/* Continued. If we are in the background, wait to be brought back. */
	if (r->keys) {
		while (tcgetpgrp(STDIN_FILENO) != getpgrp())
			raise(SIGTTOU);
		term_enter(&r->term);
		term_invalidate(&r->term);
	}
	if (was_running)
		player_command(&r->player, PLAYER_PAUSE, now_ns());
	r->dirty = true;
}

static void show_safety(const struct run *r, FILE *f, unsigned width)
{
	const struct routine *rt = r->l->routine;
	char title[128], dur[32];

	char *head = xasprintf("%s (%s)", text_sanitize(rt->title, title, sizeof(title)),
			       duration_format(r->tl.total, dur, sizeof(dur)));
	print_heading(f, NULL, head, width, 0, false);
	fputc('\n', f);
	free(head);
	print_safety(f, rt, width, false);
	print_equipment(f, rt, width, false);
	fputc('\n', f);
}

/* "Press Enter to begin": Enter or y begins; q, n, no (or quit, stop)
 * then Enter declines; anything else asks again. Returns 0 to begin, 1
 * when declined, 2 at the end of input (Ctrl-D), after a newline so that
 * the shell's prompt starts on a line of its own. */
/* A prompt, its words kept whole on a narrow terminal; the cursor after it. */
static void prompt(const char *text)
{
	unsigned width = term_width(stdout);
	if (strlen(text) < width) {
		printf("%s ", text);
		return;
	}
	char *wrapped = text_wrapped(text, width - 1, 0, NULL);
	size_t n = strlen(wrapped);
	while (n > 0 && wrapped[n - 1] == '\n')
		wrapped[--n] = '\0';
	printf("%s ", wrapped);
	free(wrapped);
}

static int wait_for_enter(void)
{
	static const char *const yes[] = {"", "y", "yes"};
	static const char *const no[] = {"q", "n", "no", "quit", "stop"};
	char line[64];

	prompt("Press Enter to begin, or q then Enter to stop.");
	for (;;) {
		fflush(stdout);
		if (fgets(line, sizeof(line), stdin) == NULL) {
			fputc('\n', stdout);
			return 2;
		}
		bool whole = strchr(line, '\n') || feof(stdin);
		if (!whole) { /* too long to be an answer: drop the rest of it */
			int c;
			while ((c = getchar()) != EOF && c != '\n')
				;
		}
		line[strcspn(line, "\r\n")] = '\0';
		char *a = line;
		while (*a == ' ' || *a == '\t')
			a++;
		for (char *e = a + strlen(a); e > a && (e[-1] == ' ' || e[-1] == '\t');)
			*--e = '\0';
		for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
			if (whole && strcasecmp(a, yes[i]) == 0)
				return 0;
		for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
			if (whole && strcasecmp(a, no[i]) == 0)
				return 1;
		prompt("Press Enter (or y) to begin, or q (or n) then Enter to stop.");
	}
}

/* The hold a resumed run begins with, and its number as `show` gives it. */
static size_t resumed_hold(const struct run *r, unsigned *n)
{
	size_t hold = r->tl.segs[r->start_seg].type == SEG_HOLD ? r->start_seg
								 : timeline_next_hold(&r->tl, r->start_seg);
	*n = timeline_hold_number(&r->tl, hold);
	return hold;
}

static void summary(const struct run *r, int code)
{
	struct player_tally t = player_tally(&r->player);
	char title[128], dur[32];
	int64_t took = r->player.ended_at - r->player.started_at;
	unsigned secs = (unsigned)(took / 1000000000LL);

	text_sanitize(r->l->routine->title, title, sizeof(title));
	duration_format(secs, dur, sizeof(dur));
	if (code == EXIT_OK)
		printf("%s: complete. %u of %u steps done", title, t.done, t.holds);
	else
		printf("%s: stopped. %u of %u steps done", title, t.done, t.holds);
	if (t.skipped)
		printf(", %u skipped", t.skipped);
	printf(", in %s", dur);
	if (r->resuming) {
		unsigned n;
		resumed_hold(r, &n);
		printf(" (resumed at step %u of %u)", n, r->tl.holds);
	}
	printf(".\n");
}

static int parse_speed(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !isfinite(v) || v < PLAYER_SPEED_MIN ||
	    v > PLAYER_SPEED_MAX)
		return -1;
	*out = v;
	return 0;
}

/* One warning for an output that stopped working: on the screen's message
 * line, or on stderr in plain mode. */
static void say_off(struct run *r, const char *why, const char *what)
{
	if (r->tty) {
		snprintf(r->message, sizeof(r->message), "%.150s: %s", why, what);
		r->message_until = now_ns() + MESSAGE_NS;
	} else {
		warning("%s: %s", why, what);
	}
	r->dirty = true;
}

static int play(struct run *r, int sfd, int tfd)
{
	int code = -1;
	int nfd = r->notifier->fd(r->notifier);

	int64_t t0 = now_ns();
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
		int64_t now = now_ns();
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
		now = now_ns();
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

/* A check-in on the terminal, in its ordinary line mode: 0 with *score
 * set, or HISTORY_NO_SCORE when skipped (Enter, Ctrl-D, or no answer in
 * timeout_ms when that is not -1); or the number of the signal that ended
 * it (Ctrl-C, SIGTERM, a hang-up). */
static int ask_tension(const char *question, int sfd, int timeout_ms, int *score)
{
	char line[128];
	size_t len = 0;
	bool too_long = false; /* the rest of a line too long to be an answer is dropped */
	int64_t until = timeout_ms < 0 ? -1 : now_ns() + (int64_t)timeout_ms * 1000000LL;

	*score = HISTORY_NO_SCORE;
	tcflush(STDIN_FILENO, TCIFLUSH); /* keys pressed during the routine are not answers */
	/* Whole words on a narrow terminal: the hint on a line of its own. */
	bool fits = strlen(question) + sizeof(" (Enter skips) ") <= term_width(stdout);
	printf("%s%s(Enter skips) ", question, fits ? " " : "\n");
	fflush(stdout);
	for (;;) {
		int wait_ms = -1;
		if (until >= 0) {
			int64_t left = until - now_ns();
			if (left <= 0) {
				fputc('\n', stdout);
				return 0;
			}
			wait_ms = (int)(left / 1000000) + 1;
		}
		struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
					{.fd = sfd, .events = POLLIN}};
		int n = poll(fds, 2, wait_ms);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n <= 0)
			continue;
		if (fds[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
				continue;
			if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM ||
			    si.ssi_signo == SIGHUP || si.ssi_signo == SIGQUIT) {
				fputc('\n', stdout);
				return (int)si.ssi_signo;
			}
			if (si.ssi_signo == SIGTSTP) { /* Ctrl-Z: stop; on fg, ask again */
				fputc('\n', stdout);
				fflush(stdout);
				raise(SIGSTOP);
				while (tcgetpgrp(STDIN_FILENO) != getpgrp())
					raise(SIGTTOU);
				len = 0;
				printf("%s%s(Enter skips) ", question, fits ? " " : "\n");
				fflush(stdout);
			}
			continue;
		}
		if (!fds[0].revents)
			continue;
		ssize_t k = read(STDIN_FILENO, line + len, sizeof(line) - 1 - len);
		if (k <= 0) { /* Ctrl-D, or the terminal gone */
			fputc('\n', stdout);
			return 0;
		}
		len += (size_t)k;
		line[len] = '\0';
		char *nl = strchr(line, '\n');
		if (nl == NULL) {
			if (len == sizeof(line) - 1) {
				too_long = true;
				len = 0;
			}
			continue;
		}
		*nl = '\0';
		int v, rc = too_long ? -1 : tension_parse(line, &v);
		too_long = false;
		if (rc >= 0) {
			if (rc == 1)
				*score = v;
			return 0;
		}
		len = 0;
		printf("A whole number from 0 to 10, or Enter to skip: ");
		fflush(stdout);
	}
}

/* Has this routine never run to its end? A history that cannot be read
 * counts as never: the safety notes are read once too often, not once
 * too few. */
static bool never_completed(const struct run *r)
{
	char name[ROUTINE_NAME_MAX + 1]; /* as the record keeps it */
	char why[600];
	enum store_state state = STORE_FAILED;
	char *db = store_default_path();
	struct store *st = db ? store_open_existing(db, &state, why, sizeof(why)) : NULL;
	int done = 0;

	free(db);
	text_sanitize(r->l->name, name, sizeof(name));
	if (st) {
		done = store_ever_completed(st, name);
		store_close(st);
	}
	return done != 1;
}

/* The safety notes are being read aloud: the routine begins when they
 * end (by the estimate; sooner at --speed), or at Enter on a terminal.
 * Nothing has started yet, so the signals still do what they always do. */
static void wait_for_safety(struct run *r, int64_t until, double speed)
{
	int64_t now = now_ns();
	bool tty = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
	char dur[32];

	if (until <= now)
		return;
	until = now + (int64_t)((double)(until - now) / speed);
	duration_format((unsigned)((until - now + 999999999) / 1000000000), dur, sizeof(dur));
	if (r->tty)
		prompt(tty ? "The safety notes are being read aloud; the routine begins when they "
			     "end. Press Enter to begin now."
			   : "The safety notes are being read aloud; the routine begins when they end.");
	else
		printf("safety read aloud, %s\n", dur);
	fflush(stdout);
	while ((now = now_ns()) < until && r->speech->failure(r->speech) == NULL) {
		struct pollfd fd = {.fd = tty ? STDIN_FILENO : -1, .events = POLLIN};
		int64_t left = until - now;
		/* A second at most: speech that fails ends the wait. */
		int ms = left > 1000000000LL ? 1000 : (int)(left / 1000000) + 1;
		if (poll(&fd, 1, ms) > 0 && (fd.revents & (POLLIN | POLLHUP))) {
			char line[256];
			if (fgets(line, sizeof(line), stdin) == NULL || strchr(line, '\n'))
				break;
		}
	}
	if (r->tty)
		fputc('\n', stdout);
	fflush(stdout);
}

/* The record's first state: what is to be played, and from where. */
static void start_record(struct run *r, long long resumed_from)
{
	struct run_record *rec = &r->rec;

	memset(rec, 0, sizeof(*rec)); /* its start is stamped as it plays */
	text_sanitize(r->l->name, rec->name, sizeof(rec->name));
	text_sanitize(r->l->routine->title, rec->title, sizeof(rec->title));
	rec->nominal_s = r->tl.total - (r->start_seg < r->tl.count ? r->tl.segs[r->start_seg].start : 0);
	rec->segments = (unsigned)r->tl.count;
	rec->segment = (unsigned)r->start_seg;
	rec->end = RUN_INTERRUPTED;
	rec->before = rec->after = HISTORY_NO_SCORE;
	rec->resumed_from = resumed_from;
}

/* --resume: where the last run of this routine stopped. -1 with an error
 * printed; -2 when the history is not one (a FIFO, another program's). */
static int find_resume_point(struct run *r, long long *from)
{
	char name[ROUTINE_NAME_MAX + 1]; /* as the record keeps it */
	text_sanitize(r->l->name, name, sizeof(name));
	char why[600], when[64];
	char *db = store_default_path();
	enum store_state state = STORE_FAILED;
	struct store *st = db ? store_open_existing(db, &state, why, sizeof(why)) : NULL;
	struct run_record last;
	int found = state == STORE_ABSENT ? 0 : -1; /* nothing recorded yet */

	if (db == NULL)
		snprintf(why, sizeof(why), "no HOME or XDG_STATE_HOME");
	free(db);
	if (st) {
		found = store_last_run(st, name, &last);
		if (found < 0)
			snprintf(why, sizeof(why), "%s", store_error(st));
		store_close(st);
	}
	if (found < 0)
		return error("run: cannot resume: %s", why), state == STORE_BAD ? -2 : -1;
	if (found == 0)
		return error("run: nothing to resume: no run of %s is recorded", name), -1;
	run_local_time(&last, when, sizeof(when));
	if (last.end == RUN_COMPLETED)
		return error("run: nothing to resume: the last run of %s (%s) ran to its end", name,
			     when), -1;
	if (last.segments != r->tl.count)
		return error("run: cannot resume: %s has changed since its last run (%s); play it "
			     "from the start", name, when), -1;
	size_t seg = timeline_resume_point(&r->tl, last.segment);
	if (seg == TIMELINE_NONE)
		return error("run: nothing to resume: the last run of %s (%s) stopped after its "
			     "last hold", name, when), -1;
	r->start_seg = seg;
	r->resuming = true;
	*from = last.id;
	char label[128];
	unsigned n;
	segment_label(r->l->routine, &r->tl, resumed_hold(r, &n), label, sizeof(label));
	snprintf(r->resumed, sizeof(r->resumed), "Resuming at step %u of %u: %s.", n, r->tl.holds,
		 label);
	return 0;
}

/* Said on the screen and aloud: where a resumed run begins. */
static void say_resumed(struct run *r)
{
	char label[128];
	unsigned n;
	size_t hold = resumed_hold(r, &n);

	segment_label(r->l->routine, &r->tl, hold, label, sizeof(label));
	if (r->tty) {
		snprintf(r->message, sizeof(r->message), "%s", r->resumed);
		r->message_until = now_ns() + MESSAGE_NS;
	} else {
		printf("resume step %u of %u, %s\n", n, r->tl.holds, label);
		fflush(stdout);
	}
}

static int run_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"speed", required_argument, NULL, 's'},
		{"yes", no_argument, NULL, 'y'},
		{"quiet", no_argument, NULL, 'q'},
		{"plain", no_argument, NULL, 'p'},
		{"no-notify", no_argument, NULL, 'N'},
		{"no-voice", no_argument, NULL, 'V'},
		{"voice-rate", required_argument, NULL, 'R'},
		{"no-checkin", no_argument, NULL, 'C'},
		{"checkin", no_argument, NULL, 'c'},
		{"voice", no_argument, NULL, 'v'},
		{"notify", no_argument, NULL, 'n'},
		{"resume", no_argument, NULL, 'E'},
		{"no-safety-voice", no_argument, NULL, 'S'},
		{"safety-voice", no_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	/* The config file's settings, then the flags. */
	const struct config *cfg = settings();
	double speed = 1.0;
	bool yes = false, quiet = false, plain = false, notify = cfg->notifications;
	bool voice = cfg->voice, checkin = cfg->checkin, resume = false;
	bool safety_voice = cfg->safety_voice, safety_always = false;
	int rate = cfg->voice_rate == CONFIG_RATE_DEFAULT ? SPEECH_RATE_DEFAULT : cfg->voice_rate;
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":s:yqph", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_speed(optarg, &speed) < 0)
				return usage_error("run", "run: --speed takes a number from 0.1 to 1000");
			break;
		case 'y': yes = true; break;
		case 'q': quiet = true; break;
		case 'p': plain = true; break;
		case 'N': notify = false; break;
		case 'V': voice = false; break;
		case 'C': checkin = false; break;
		case 'c': checkin = true; break;
		case 'v': voice = true; break;
		case 'n': notify = true; break;
		case 'E': resume = true; break;
		case 'S': safety_voice = false; break;
		case 'A': safety_voice = safety_always = true; break;
		case 'R': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < -100 || v > 100)
				return usage_error("run", "run: --voice-rate takes a whole number from -100 to 100");
			rate = (int)v;
			break;
		}
		case 'h': command_print_help(&cmd_run); return EXIT_OK;
		default: return command_bad_option(&cmd_run, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("run", "run: which routine? Give a NAME or a FILE");
	if (argc - optind > 1)
		return usage_error("run", "run: too many arguments");

	struct loaded l;
	int rc = load_routine_arg(argv[optind], &l);
	if (rc != EXIT_OK)
		return rc;

	/* sounds: false is quiet by choice: no sound, and no bell for one. */
	struct run r = {.l = &l, .quiet = quiet || !cfg->sounds, .bell = cfg->bell && !quiet,
			.big_digits = cfg->big_digits, .quiet_end = l.routine->end == END_QUIET};
	const char *term = getenv("TERM");
	r.tty = !plain && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO) &&
		!(term && strcmp(term, "dumb") == 0);
	r.term.in = STDIN_FILENO;
	r.term.out = STDOUT_FILENO;
	timeline_expand(l.routine, &r.tl);
	/* Asked only of a person at this terminal: not in the background. */
	r.checkin = checkin && r.tty && tcgetpgrp(STDIN_FILENO) == getpgrp();
	bool ask_before = r.checkin && !yes; /* --yes: start without waiting */
	long long resumed_from = 0;
	int found = resume ? find_resume_point(&r, &resumed_from) : 0;
	if (found < 0) {
		timeline_release(&r.tl);
		loaded_release(&l);
		return found == -2 ? EXIT_DATA : EXIT_FAIL; /* -2: the history is not one */
	}

	unsigned width = term_width(stdout);
	char *notes = NULL;
	size_t notes_len = 0;
	FILE *mem = open_memstream(&notes, &notes_len);
	if (mem == NULL) {
		timeline_release(&r.tl);
		loaded_release(&l);
		return error("run: %s", strerror(errno));
	}
	show_safety(&r, mem, width > 100 ? 100 : width);
	fclose(mem);
	bool prompting = !yes && isatty(STDIN_FILENO);
	/* On a terminal too short for them, a page at a time (space for
	 * more), the prompt after the last. */
	bool paged = prompting && r.tty && pager_needed(notes);
	/* Before a routine's first run, the safety notes are heard, not only
	 * shown: the person may already have shut their eyes. */
	int64_t safety_until = 0;
	if (voice && safety_voice && l.routine->safety_count &&
	    (safety_always || never_completed(&r))) {
		char *words = xmalloc(VOICE_SAFETY_MAX);
		r.speech = speech_spd_open("selfcare", rate); /* its worker blocks every signal */
		voice_safety(l.routine,
			     !prompting ? NULL
			     : paged    ? "Press the space bar for each page of the notes, then Enter "
					  "when you are ready to begin."
					: "Press Enter when you are ready to begin.",
			     words, VOICE_SAFETY_MAX);
		if (r.speech)
			r.speech->say(r.speech, words);
		safety_until = now_ns() + (int64_t)saytime_ms(words, rate) * 1000000LL;
		free(words);
	}
	int paging = pager_show(notes, paged);
	free(notes);
	/* Safety notes nobody can read (stdout full or closed): stop before
	 * any prompt or playback; main() says why. */
	if (stdout_flush() != 0 || paging != 0) {
		if (r.speech)
			r.speech->close(r.speech, 0);
		timeline_release(&r.tl);
		loaded_release(&l);
		return paging != 0 ? EXIT_STOPPED : EXIT_FAIL;
	}
	if (r.resuming && r.tty) {
		text_wrap(stdout, r.resumed, width > 100 ? 100 : width, 0);
		fputc('\n', stdout);
	}
	if (prompting && wait_for_enter() != 0) {
		if (r.speech)
			r.speech->close(r.speech, 0);
		timeline_release(&r.tl);
		loaded_release(&l);
		return EXIT_STOPPED;
	}
	if (r.speech)
		wait_for_safety(&r, safety_until, speed);

	/* Block the signals we read through signalfd before any thread
	 * exists, so the notifier's worker inherits the mask. */
	sigset_t mask, old;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGTSTP);
	sigaddset(&mask, SIGWINCH);
	sigprocmask(SIG_BLOCK, &mask, &old);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (sfd < 0 || tfd < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		timeline_release(&r.tl);
		loaded_release(&l);
		return error("run: cannot set up timers: %s", strerror(errno));
	}

	/* Each connects on its own thread, and loads its library only once the
	 * clock has started (dynlibs_gate.h): start-up costs the clock nothing. */
	dynlibs_hold();
	r.notifier = notify ? notifier_libnotify_open("selfcare") : NULL;
	if (r.notifier == NULL)
		r.notifier = notifier_null_open();
	if (r.speech == NULL)
		r.speech = voice ? speech_spd_open("selfcare", rate) : NULL;
	if (r.speech == NULL)
		r.speech = speech_null_open();
	r.sound = quiet ? NULL : sound_canberra_open("selfcare");
	if (r.sound == NULL)
		r.sound = sound_null_open();
	char *db = store_default_path();
	r.recorder = db ? recorder_store_open(db) : NULL;
	if (r.recorder == NULL) {
		warning("%s: this run is not recorded",
			db ? "cannot start the history's writer" : "no HOME or XDG_STATE_HOME");
		r.recorder = recorder_null_open();
	}
	free(db);
	player_init(&r.player, l.routine, &r.tl, speed, on_event, &r);
	voice_init(&r.voice, rate);
	start_record(&r, resumed_from);

	int code = -1;
	if (ask_before) {
		/* The person is at the keyboard: the libraries may load now. */
		r.speech->say(r.speech, checkin_before_said);
		dynlibs_release();
		int sig = ask_tension(checkin_before, sfd, -1, &r.rec.before);
		if (sig)
			code = 128 + sig;
		else
			r.speech->cancel(r.speech);
	}
	if (code < 0) {
		if (r.resuming)
			say_resumed(&r);
		/* Plain on a terminal takes the same keys, without echoing them. */
		r.keys = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
		r.term.keys_only = !r.tty;
		r.term.color = cfg->color == CONFIG_COLOR_AUTO ? term_wants_color()
							       : cfg->color == CONFIG_COLOR_ALWAYS;
		if (r.keys && term_enter(&r.term) < 0)
			r.tty = r.keys = false;
		r.ui.screen = r.tty;
		code = play(&r, sfd, tfd);
		r.rec.end = run_end_from_status(code);
		record(&r, now_ns());
	}
	dynlibs_release(); /* whichever way play() went */

	term_leave(&r.term);
	/* The screen closes with the last hold: how to come out of it stays
	 * in the terminal (plain mode has printed it already). */
	if (r.tty && r.player.completed && !r.quiet_end) {
		for (size_t i = r.tl.count; i-- > 0;) {
			const struct step *st = &l.routine->steps[r.tl.segs[i].step];
			if (r.tl.segs[i].type != SEG_HOLD)
				continue;
			if (st->exit) {
				char filled[VOICE_MAX];
				char *line = xasprintf("Come out: %s", side_text(st->exit, r.tl.segs[i].side,
										 filled, sizeof(filled)));
				text_wrap(stdout, line, width > 100 ? 100 : width, 0);
				free(line);
			}
			break;
		}
	}
	/* A quiet end dims to one line: nothing more to read or answer. */
	bool dim = r.tty && r.quiet_end && r.player.completed && r.term.color;
	if (dim)
		fputs("\033[2m", stdout);
	if (r.player.started)
		summary(&r, code);
	if (dim)
		fputs("\033[0m", stdout);
	fflush(stdout);
	/* A healthy server takes milliseconds to show the last notice; the
	 * notifier does not wait at all for a call stuck on a hung one, so the
	 * run still ends on time. */
	r.notifier->close(r.notifier, 250);
	/* Quit before any step was played (in the first "Get ready"): there
	 * is nothing to have changed how tense one feels, so it is not asked. */
	struct player_tally t = player_tally(&r.player);
	bool nothing_done = code == EXIT_STOPPED && t.done == 0 && t.skipped == 0 &&
			    r.player.seg == 0 && r.tl.count > 0 && r.tl.segs[0].type == SEG_PREPARE;
	if (r.checkin && r.player.started && !nothing_done && (code == EXIT_OK || code == EXIT_STOPPED) &&
	    !(code == EXIT_OK && r.quiet_end) && tcgetpgrp(STDIN_FILENO) == getpgrp()) {
		if (code != EXIT_OK) /* after the end, the closing words ask it */
			r.speech->say(r.speech, checkin_after_said);
		int after;
		if (ask_tension(checkin_after, sfd, CHECKIN_AFTER_MS, &after) == 0 && after >= 0) {
			r.rec.after = after;
			r.recorder->post(r.recorder, &r.rec);
		}
	}
	/* Nothing lost: wait for the record (milliseconds, unless another
	 * process holds the database). */
	char why[600];
	if (r.recorder->close(r.recorder, RECORD_WAIT_MS, why, sizeof(why)) && !r.record_warned)
		warning("%s", why);
	/* After a routine that ran to its end, the chime and the closing words
	 * are handed over and left to the sound server and speech-dispatcher,
	 * which play them after we have gone; after a quit, neither. */
	r.sound->close(r.sound, code == EXIT_OK && !r.quiet_end ? 1000 : 0);
	r.speech->close(r.speech, code == EXIT_OK ? SPEECH_LEAVE_SPEAKING : 0);
	player_release(&r.player);
	timeline_release(&r.tl);
	loaded_release(&l);
	close(sfd);
	close(tfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return code;
}

const struct command cmd_run = {
	.name = "run",
	.summary = "play a routine: spoken guidance, sounds, countdown, notifications",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Play a routine: its safety notes and equipment first, then before each\n"
		"hold a time to get into position while its instructions are shown and\n"
		"spoken, then the hold with a countdown and its cues, and how to come out\n"
		"of it. Speech goes through speech-dispatcher (your voice, rate and\n"
		"language), a different theme sound marks each kind of moment through\n"
		"libcanberra (the terminal bell when no sound can be played), and a\n"
		"desktop notification follows along.\n\n"
		"Options:\n"
		"  -y, --yes         start without waiting for Enter (or the first check-in)\n"
		"  -p, --plain       one line per event, no screen (also when stdout is\n"
		"                    not a terminal, or TERM=dumb); on a terminal the\n"
		"                    keys still work and are not echoed\n"
		"  -q, --quiet       no sounds and no terminal bell\n"
		"      --no-voice    no spoken guidance\n"
		"      --voice-rate N\n"
		"                    speak faster (up to 100) or slower (down to -100)\n"
		"                    than speech-dispatcher's own rate\n"
		"      --no-notify   no desktop notifications\n"
		"      --voice, --notify, --checkin\n"
		"                    on for this run, whatever config.yaml says\n"
		"      --no-checkin  do not ask how tense you feel before and after (asked\n"
		"                    only on the full screen, 0 to 10, Enter skips)\n"
		"      --resume      continue the last run of this routine that did not\n"
		"                    reach its end, from the step where it stopped\n"
		"      --no-safety-voice\n"
		"                    do not read the safety notes aloud before a routine's\n"
		"                    first run (one that has never run to its end; the\n"
		"                    routine begins when they have been read, or at Enter)\n"
		"      --safety-voice\n"
		"                    read them aloud before this run, whatever came before\n"
		"  -s, --speed X     play X times faster, from 0.1 to 1000 (demos, tests)\n"
		"  -h, --help        show this help\n\n"
		"Keys: space pause/resume, n or Right next, b or Left back, r restart the\n"
		"step, + and - add or take off 10 s, ? the keys, s the safety notes (shown\n"
		"and read aloud), q or Esc quit (asks first).\n"
		"Ctrl-Z pauses and suspends; 'fg' resumes the hold where it was.\n\n"
		"Every run is recorded in $XDG_STATE_HOME/selfcare/history.db, however it\n"
		"ends; see 'selfcare history' and 'selfcare stats'.\n\n"
		"A suspended computer does not count: the clock is CLOCK_MONOTONIC, which\n"
		"stops while the machine sleeps, so the hold carries on where it was.\n\n"
		"Exit status: 0 the routine ran to its end, 3 you quit before the end,\n"
		"128+N a signal N ended it (130 Ctrl-C, 131 Ctrl-\\, 129 hang-up,\n"
		"143 SIGTERM), 1 failure, 2 usage error, 65 invalid routine.\n",
	.exec = run_exec,
};
