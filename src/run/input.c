/* The run's inputs: keys, which become the commands of runcmd.h, and
 * Ctrl-Z, which gives the terminal back and stops the clock. */
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

/* Keys go through the one table in keys.h, into the commands of
 * runcmd.h; what a command asks besides is done here. */
void handle_keys(struct run *r, const char *buf, ssize_t n, int64_t now)
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
			speech_cancel(r->speech); /* read to the end, or put away */
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


