/* The sounds: the theme sound of each event through libcanberra
 * (sys/sound_canberra.c, on its worker: the call never waits), or the
 * terminal bell where no sound can be played. */
#include <stdio.h>
#include <unistd.h>

#include "run.h"
#include "sounds.h"

/* The terminal bell, where a person can hear it: the screen, or in plain
 * mode a terminal on stdout or stderr (never into a pipe or a log). */
void ring(struct run *r)
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

static void sound_event(struct run *r, const struct player_event *ev)
{
	int snd = sound_for_event(&r->player, ev);
	if (snd < 0 || r->quiet)
		return;
	if (sound_failure(r->sound) == NULL)
		sound_play(r->sound, (enum sound_event)snd);
	else if (snd != SOUND_TICK)
		ring(r);
}

static void sound_check(struct run *r)
{
	const char *why = sound_failure(r->sound);
	if (why && !r->sound_warned && !r->quiet) {
		r->sound_warned = true;
		say_off(r, why, r->speech_warned ? "no sounds either, the terminal bell instead"
						 : "no sounds, the terminal bell instead");
	}
}

static int sound_fd_of(struct run *r)
{
	return r->sound_warned ? -1 : sound_fd(r->sound);
}

const struct listener listen_sound = {
	.name = "sound", .event = sound_event, .check = sound_check, .fd = sound_fd_of};
