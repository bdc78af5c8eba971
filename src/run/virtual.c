/* The run session on a virtual clock, for `selfcare export`: the same
 * player, and the same voice and sound listeners as a run, but their
 * backends write down what they are asked to say and play, at the clock's
 * time, instead of saying and playing it; and the clock jumps from one
 * deadline to the next, so a routine of any length plays in a moment. */
#include <stddef.h>

#include "export.h"
#include "run.h"

struct capture {
	struct speech speech; /* first: the backends' pointers are the capture's */
	struct sound sound;
	struct export_plan *plan;
	int64_t now;
};

static struct capture *of_speech(struct speech *s)
{
	return (struct capture *)((char *)s - offsetof(struct capture, speech));
}

static struct capture *of_sound(struct sound *s)
{
	return (struct capture *)((char *)s - offsetof(struct capture, sound));
}

static void capture_say(struct speech *s, const char *text)
{
	struct capture *c = of_speech(s);
	export_add_say(c->plan, c->now, text);
}

static void capture_play(struct sound *s, enum sound_event e)
{
	struct capture *c = of_sound(s);
	export_add_sound(c->plan, c->now, e);
}

struct virtual_run {
	struct run *r;
	struct capture cap;
};

/* Every event at its own time: the listeners' words and sounds are
 * written down then, and a step's start is a chapter. */
static void virtual_event(void *ctx, const struct player_event *ev)
{
	struct virtual_run *v = ctx;
	v->cap.now = ev->time;
	export_add_event(v->cap.plan, &v->r->player, ev);
	on_event(v->r, ev);
}

void play_virtual(struct run *r, struct export_plan *plan)
{
	struct virtual_run v = {.r = r,
				.cap = {.speech = {.say = capture_say},
					.sound = {.play = capture_play},
					.plan = plan}};
	r->speech = &v.cap.speech;
	r->sound = r->quiet ? NULL : &v.cap.sound;
	r->nlisteners = 0;
	r->listeners[r->nlisteners++] = &listen_voice;
	r->listeners[r->nlisteners++] = &listen_sound;
	player_init(&r->player, r->l->routine, &r->tl, 1.0, virtual_event, &v);
	player_start(&r->player, 0);
	while (!r->player.over) {
		int64_t t = player_next_deadline(&r->player);
		if (t == PLAYER_NEVER)
			break;
		player_tick(&r->player, t);
	}
	player_release(&r->player);
	r->speech = NULL;
	r->sound = NULL;
}
