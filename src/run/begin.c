/* Before and after the routine: the safety notes and the prompt, their
 * reading aloud, resuming where a run stopped, the check-ins, the
 * summary. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "duration.h"
#include "dynlibs_gate.h"
#include "keys.h"
#include "output.h"
#include "pager.h"
#include "run.h"
#include "saytime.h"
#include "screen.h"
#include "store.h"
#include "text.h"
#include "util.h"

void show_safety(const struct run *r, FILE *f, unsigned width)
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
void prompt(const char *text)
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

int wait_for_enter(void)
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
size_t resumed_hold(const struct run *r, unsigned *n)
{
	size_t hold = r->tl.segs[r->start_seg].type == SEG_HOLD ? r->start_seg
								 : timeline_next_hold(&r->tl, r->start_seg);
	*n = timeline_hold_number(&r->tl, hold);
	return hold;
}

void summary(const struct run *r, enum run_end end)
{
	struct player_tally t = player_tally(&r->player);
	char title[128], dur[32];
	int64_t took = r->player.ended_at - r->player.started_at;
	unsigned secs = (unsigned)(took / 1000000000LL);

	text_sanitize(r->l->routine->title, title, sizeof(title));
	duration_format(secs, dur, sizeof(dur));
	if (end == RUN_COMPLETED)
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

/* A check-in on the terminal, in its ordinary line mode: 0 with *score
 * set, or HISTORY_NO_SCORE when skipped (Enter, Ctrl-D, or no answer in
 * timeout_ms when that is not -1); or the number of the signal that ended
 * it (Ctrl-C, SIGTERM, a hang-up). */
/* The answer being typed, as the loop hands the terminal's bytes over. */
struct answer {
	char line[128];
	size_t len;
	bool too_long; /* the rest of a line too long to be an answer is dropped */
	bool done;     /* a valid answer, Enter, Ctrl-D or the terminal gone */
	int score;
};

static void on_answer(void *ctx, int fd)
{
	struct answer *a = ctx;
	ssize_t k = read(fd, a->line + a->len, sizeof(a->line) - 1 - a->len);
	if (k <= 0) { /* Ctrl-D, or the terminal gone */
		fputc('\n', stdout);
		a->done = true;
		return;
	}
	a->len += (size_t)k;
	a->line[a->len] = '\0';
	char *nl = strchr(a->line, '\n');
	if (nl == NULL) {
		if (a->len == sizeof(a->line) - 1) {
			a->too_long = true;
			a->len = 0;
		}
		return;
	}
	*nl = '\0';
	int v, rc = a->too_long ? -1 : tension_parse(a->line, &v);
	a->too_long = false;
	a->len = 0;
	if (rc >= 0) {
		if (rc == 1)
			a->score = v;
		a->done = true;
		return;
	}
	printf("A whole number from 0 to 10, or Enter to skip: ");
	fflush(stdout);
}

int ask_tension(const char *question, struct loop *lp, int timeout_ms, int *score)
{
	struct answer a = {.score = HISTORY_NO_SCORE};
	int64_t until = timeout_ms < 0 ? LOOP_NEVER : run_now_ns() + (int64_t)timeout_ms * 1000000LL;
	int sig = 0;

	tcflush(STDIN_FILENO, TCIFLUSH); /* keys pressed during the routine are not answers */
	/* Whole words on a narrow terminal: the hint on a line of its own. */
	bool fits = strlen(question) + sizeof(" (Enter skips) ") <= term_width(stdout);
	printf("%s%s(Enter skips) ", question, fits ? " " : "\n");
	fflush(stdout);
	loop_add(lp, STDIN_FILENO, on_answer, &a);
	while (!a.done && sig == 0) {
		if (run_now_ns() >= until) {
			fputc('\n', stdout);
			break;
		}
		int got = loop_wait(lp, until);
		if (got == SIGTSTP) { /* Ctrl-Z: stop; on fg, ask again */
			fputc('\n', stdout);
			fflush(stdout);
			loop_stop_self(true);
			a.len = 0;
			printf("%s%s(Enter skips) ", question, fits ? " " : "\n");
			fflush(stdout);
		} else if (got == SIGINT || got == SIGTERM || got == SIGHUP || got == SIGQUIT) {
			fputc('\n', stdout);
			sig = got;
		}
	}
	loop_remove_last(lp);
	*score = a.score;
	return sig;
}

/* Has this routine never run to its end? A history that cannot be read
 * counts as never: the safety notes are read once too often, not once
 * too few. */
bool never_completed(const struct run *r)
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
void wait_for_safety(struct run *r, int64_t until, double speed)
{
	int64_t now = run_now_ns();
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
	while ((now = run_now_ns()) < until && speech_failure(r->speech) == NULL) {
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
void start_record(struct run *r, long long resumed_from)
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
int find_resume_point(struct run *r, long long *from)
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
		return error("run: nothing to resume: no run of %s is recorded", name);
	run_local_time(&last, when, sizeof(when));
	if (last.end == RUN_COMPLETED)
		return error("run: nothing to resume: the last run of %s (%s) ran to its end", name,
			     when);
	if (last.segments != r->tl.count)
		return error("run: cannot resume: %s has changed since its last run (%s); play it "
			     "from the start", name, when), -1;
	size_t seg = timeline_resume_point(&r->tl, last.segment);
	if (seg == TIMELINE_NONE)
		return error("run: nothing to resume: the last run of %s (%s) stopped after its "
			     "last hold", name, when);
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
void say_resumed(struct run *r)
{
	char label[128];
	unsigned n;
	size_t hold = resumed_hold(r, &n);

	segment_label(r->l->routine, &r->tl, hold, label, sizeof(label));
	if (r->tty) {
		snprintf(r->message, sizeof(r->message), "%s", r->resumed);
		r->message_until = run_now_ns() + MESSAGE_NS;
	} else {
		printf("resume step %u of %u, %s\n", n, r->tl.holds, label);
		fflush(stdout);
	}
}


/* After the routine: the terminal back, how to come out of the last hold,
 * the summary, the check-in after, and every output closed with the time
 * it may take. */
void run_finish(struct run *r, enum run_end end, unsigned width)
{
	const struct routine *routine = r->l->routine;
	/* Nothing more is taken from the microphone (its thread sees this
	 * within a block of 20 ms). */
	mic_close(r->mic);
	r->mic = NULL;
	term_leave(&r->term);
	/* The screen closes with the last hold: how to come out of it stays
	 * in the terminal (plain mode has printed it already). */
	if (r->tty && r->player.completed && !r->quiet_end) {
		for (size_t i = r->tl.count; i-- > 0;) {
			const struct step *st = &routine->steps[r->tl.segs[i].step];
			if (r->tl.segs[i].type != SEG_HOLD)
				continue;
			if (st->exit) {
				char filled[VOICE_MAX];
				char *line = xasprintf("Come out: %s", side_text(st->exit, r->tl.segs[i].side,
										 filled, sizeof(filled)));
				text_wrap(stdout, line, width > 100 ? 100 : width, 0);
				free(line);
			}
			break;
		}
	}
	/* A quiet end dims to one line: nothing more to read or answer. */
	bool dim = r->tty && r->quiet_end && r->player.completed && r->term.color;
	if (dim)
		fputs("\033[2m", stdout);
	if (r->player.started)
		summary(r, end);
	if (dim)
		fputs("\033[0m", stdout);
	fflush(stdout);
	/* The backends finish side by side: each is told to stop at once,
	 * and waited for only at the end. A healthy server takes milliseconds
	 * to show the last notice; the notifier does not wait at all for a
	 * call stuck on a hung one, so the run still ends on time. */
	notifier_stop(r->notifier, 250);
	/* Quit before any step was played (in the first "Get ready"): there
	 * is nothing to have changed how tense one feels, so it is not asked. */
	struct player_tally t = player_tally(&r->player);
	bool nothing_done = end == RUN_QUIT && t.done == 0 && t.skipped == 0 &&
			    r->player.seg == 0 && r->tl.count > 0 && r->tl.segs[0].type == SEG_PREPARE;
	if (r->checkin && r->player.started && !nothing_done && (end == RUN_COMPLETED || end == RUN_QUIT) &&
	    !(end == RUN_COMPLETED && r->quiet_end) && tcgetpgrp(STDIN_FILENO) == getpgrp()) {
		if (end != RUN_COMPLETED) /* after the end, the closing words ask it */
			speech_say(r->speech, checkin_after_said);
		int after;
		if (ask_tension(checkin_after, r->loop, CHECKIN_AFTER_MS, &after) == 0 && after >= 0) {
			r->rec.after = after;
			recorder_post(r->recorder, &r->rec);
		}
	}
	/* After a routine that ran to its end, the chime and the closing words
	 * are handed over and left to the sound server and speech-dispatcher,
	 * which play them after we have gone; after a quit, neither. */
	recorder_stop(r->recorder, RECORD_WAIT_MS);
	sound_stop(r->sound, end == RUN_COMPLETED && !r->quiet_end ? 1000 : 0);
	speech_stop(r->speech, end == RUN_COMPLETED ? SPEECH_LEAVE_SPEAKING : 0);
	/* Nothing lost: wait for the record (milliseconds, unless another
	 * process holds the database). */
	char why[600];
	if (recorder_close(r->recorder, RECORD_WAIT_MS, why, sizeof(why)) && !r->record_warned)
		warning("%s", why);
	notifier_close(r->notifier, 250);
	sound_close(r->sound, 0);
	speech_close(r->speech, 0);
	r->notifier = NULL;
	r->sound = NULL;
	r->speech = NULL;
	r->recorder = NULL;
}
