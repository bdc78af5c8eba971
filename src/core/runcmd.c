#include "runcmd.h"

enum run_cmd run_cmd_for_key(const struct run_ui *ui, enum key_action a, char byte)
{
	if (ui->asking)
		return byte == 'y' || byte == 'Y' || a == KEY_QUIT ? RUN_CMD_YES : RUN_CMD_NO;
	if (ui->overlay != SCREEN_OVERLAY_NONE) {
		if (a == KEY_PAUSE && ui->overlay_next)
			return RUN_CMD_PAGE;
		return a == KEY_QUIT ? RUN_CMD_ASK_QUIT : RUN_CMD_CLOSE;
	}
	switch (a) {
	case KEY_PAUSE: return RUN_CMD_TOGGLE;
	case KEY_NEXT: return RUN_CMD_NEXT;
	case KEY_BACK: return RUN_CMD_BACK;
	case KEY_RESTART: return RUN_CMD_RESTART;
	case KEY_PLUS: return RUN_CMD_PLUS;
	case KEY_MINUS: return RUN_CMD_MINUS;
	case KEY_HELP: return RUN_CMD_KEYS;
	case KEY_SAFETY: return RUN_CMD_SAFETY;
	case KEY_QUIT: return RUN_CMD_ASK_QUIT;
	case KEY_NONE: break;
	}
	return RUN_CMD_NONE;
}

static void pause_to(struct player *p, bool paused, int64_t now)
{
	if (p->paused != paused)
		player_command(p, PLAYER_PAUSE, now);
}

static unsigned close_overlay(struct run_ui *ui, struct player *p, int64_t now)
{
	unsigned fx = ui->overlay == SCREEN_OVERLAY_SAFETY ? RUN_FX_HUSH : 0;
	if (ui->overlay == SCREEN_OVERLAY_NONE)
		return 0;
	ui->overlay = SCREEN_OVERLAY_NONE;
	ui->overlay_skip = ui->overlay_next = 0;
	if (ui->overlay_paused)
		pause_to(p, false, now);
	ui->overlay_paused = false;
	return fx | RUN_FX_REDRAW;
}

/* "?" and "s": a page over the paused routine on the screen; in plain mode
 * a line each, and the routine goes on. */
static unsigned open_overlay(struct run_ui *ui, struct player *p, enum screen_overlay o,
			     int64_t now)
{
	if (!ui->screen)
		return o == SCREEN_OVERLAY_KEYS ? RUN_FX_PRINT_KEYS : RUN_FX_PRINT_SAFETY;
	ui->overlay = o;
	ui->overlay_skip = ui->overlay_next = 0;
	ui->overlay_paused = !p->paused;
	pause_to(p, true, now);
	return RUN_FX_REDRAW;
}

unsigned run_ui_apply(struct run_ui *ui, struct player *p, enum run_cmd cmd, int64_t now)
{
	unsigned fx = 0;

	if (p->over || cmd == RUN_CMD_NONE)
		return 0;
	/* The question and the page come first: an answer ends the one, and
	 * any other command puts the page away before it acts. */
	if (ui->asking && cmd != RUN_CMD_YES && cmd != RUN_CMD_QUIT)
		cmd = RUN_CMD_NO;
	if (ui->overlay != SCREEN_OVERLAY_NONE && cmd != RUN_CMD_PAGE && cmd != RUN_CMD_QUIT) {
		fx |= close_overlay(ui, p, now);
		if (cmd == RUN_CMD_CLOSE)
			return fx;
	}
	switch (cmd) {
	case RUN_CMD_NONE: break;
	case RUN_CMD_PAUSE: pause_to(p, true, now); break;
	case RUN_CMD_RESUME: pause_to(p, false, now); break;
	case RUN_CMD_TOGGLE: player_command(p, PLAYER_PAUSE, now); break;
	case RUN_CMD_NEXT: player_command(p, PLAYER_NEXT, now); break;
	case RUN_CMD_BACK: player_command(p, PLAYER_BACK, now); break;
	case RUN_CMD_RESTART: player_command(p, PLAYER_RESTART, now); break;
	case RUN_CMD_PLUS: player_command(p, PLAYER_PLUS, now); break;
	case RUN_CMD_MINUS: player_command(p, PLAYER_MINUS, now); break;
	case RUN_CMD_KEYS: fx |= open_overlay(ui, p, SCREEN_OVERLAY_KEYS, now); break;
	case RUN_CMD_SAFETY:
		fx |= open_overlay(ui, p, SCREEN_OVERLAY_SAFETY, now) | RUN_FX_SAY_SAFETY;
		break;
	case RUN_CMD_PAGE:
		if (ui->overlay != SCREEN_OVERLAY_NONE && ui->overlay_next) {
			ui->overlay_skip = ui->overlay_next;
			fx |= RUN_FX_REDRAW;
		}
		break;
	case RUN_CMD_CLOSE: break; /* nothing open */
	case RUN_CMD_ASK_QUIT:
		/* The clock waits for the answer: nothing is missed while
		 * deciding. */
		ui->asking = true;
		ui->asking_paused = !p->paused;
		pause_to(p, true, now);
		fx |= RUN_FX_ASKED | RUN_FX_REDRAW;
		break;
	case RUN_CMD_YES:
	case RUN_CMD_QUIT:
		if (cmd == RUN_CMD_QUIT || ui->asking) {
			ui->asking = ui->asking_paused = false;
			player_command(p, PLAYER_QUIT, now);
			fx |= RUN_FX_REDRAW;
		}
		break;
	case RUN_CMD_NO:
		if (ui->asking) {
			if (ui->asking_paused)
				pause_to(p, false, now); /* on, as it was */
			ui->asking = ui->asking_paused = false;
			fx |= RUN_FX_REDRAW;
		}
		break;
	}
	return fx;
}
