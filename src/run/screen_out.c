/* The full screen: a frame from the pure renderer, drawn when something on
 * it changed and when the shown second does, never more often. */
#include <langinfo.h>
#include <string.h>

#include "run.h"
#include "screen.h"

void redraw(struct run *r, int64_t now)
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
int64_t next_redraw(const struct run *r, int64_t now)
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


/* The screen is drawn by the loop, at most 4 times a second: an event
 * only marks it out of date. */
static void screen_event(struct run *r, const struct player_event *ev)
{
	(void)ev;
	r->dirty = true;
}

const struct listener listen_screen = {.name = "screen", .event = screen_event};
