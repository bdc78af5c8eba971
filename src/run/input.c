/* The run's inputs: keys, which become the commands of runcmd.h, and
 * signals: a resize, Ctrl-Z (which gives the terminal back and stops the
 * clock), or an end. The microphone is one more (voice_in.c): its words
 * become the same commands. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "keys.h"
#include "output.h"
#include "run.h"

/* A command of runcmd.h, from a key or a spoken phrase, and what it asks
 * besides; the effects are returned (RUN_FX_ASKED: the caller says how to
 * answer). */
unsigned run_command(struct run *r, enum run_cmd c, int64_t now)
{
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
		speech_cancel(r->speech); /* read to the end, or put away */
	if (fx & RUN_FX_PRINT_KEYS)
		plain_keys(r);
	if (fx & RUN_FX_PRINT_SAFETY)
		plain_safety(r);
	if (fx & RUN_FX_SAY_SAFETY)
		say_safety(r);
	return fx;
}

/* Keys go through the one table in keys.h, into the commands of
 * runcmd.h. */
void handle_keys(struct run *r, const char *buf, ssize_t n, int64_t now)
{
	size_t used;
	for (ssize_t i = 0; i < n && !r->player.over; i += (ssize_t)used) {
		enum key_action a = key_lookup(buf + i, (size_t)(n - i), &used);
		unsigned fx = run_command(r, run_cmd_for_key(&r->ui, a, buf[i]), now);
		if ((fx & RUN_FX_ASKED) && !r->tty) {
			printf("quit? press y or q to quit, any other key to go on\n");
			if (stdout_flush() != 0)
				r->out_failed = true;
		}
	}
}

/* Ctrl-Z: pause, give the terminal back, stop; on 'fg', take it again and
 * resume the hold where it was. */
void suspend(struct run *r)
{
	bool was_running = !r->player.paused;

	if (was_running)
		player_command(&r->player, PLAYER_PAUSE, run_now_ns());
	if (r->keys)
		term_leave(&r->term);
	fflush(stdout);
	loop_stop_self(r->keys);
	if (r->keys) {
		term_enter(&r->term);
		term_invalidate(&r->term);
	}
	if (was_running)
		player_command(&r->player, PLAYER_PAUSE, run_now_ns());
	r->dirty = true;
}

/* Input: bytes from the terminal, as commands; its end stops the run. */
void on_keys_ready(void *ctx, int fd)
{
	struct run *r = ctx;
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf));
	int64_t now = run_now_ns();

	if (n > 0)
		handle_keys(r, buf, n, now);
	else if (n == 0 || (errno != EINTR && errno != EAGAIN))
		run_stop(r, RUN_SIGHUP, now); /* the terminal went away */
}

/* Signals, as the loop reads them: a resize, Ctrl-Z, or an end. */
void handle_signal(struct run *r, int sig, int64_t now)
{
	switch (sig) {
	case 0:
		break;
	case SIGWINCH:
		term_measure(&r->term);
		term_invalidate(&r->term);
		r->dirty = true;
		break;
	case SIGTSTP:
		suspend(r);
		break;
	default:
		run_stop(r, run_end_for_signal(sig), now);
		break;
	}
}
