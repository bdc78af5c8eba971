/* What a person with closed eyes hears: the words of each event, its
 * sound, or the terminal bell where no sound can be played. Neither the
 * speech nor the sound call waits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"
#include "sounds.h"
#include "util.h"

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

/* What a person with closed eyes hears: the words (this listener), then
 * the event's sound, or the bell when no sound can be played (the next).
 * Neither call waits. */
static void voice_event(struct run *r, const struct player_event *ev)
{
	char words[VOICE_MAX];
	if (voice_for_event(&r->voice, &r->player, ev, words, sizeof(words)) == 0) {
		/* The closing words end with the check-in's question: a later
		 * say() would cut them off. */
		size_t n = strlen(words);
		if (ev->type == EV_FINISHED && r->checkin && r->l->routine->end != END_QUIET &&
		    n + strlen(checkin_after_said) + 2 < sizeof(words))
			snprintf(words + n, sizeof(words) - n, " %s", checkin_after_said);
		if (r->resumed[0] && ev->type == EV_SEGMENT_START) {
			char *both = xasprintf("%s %s", r->resumed, words);
			speech_say(r->speech, both);
			free(both);
			r->resumed[0] = '\0';
		} else {
			speech_say(r->speech, words);
		}
	}
	else if (ev->type == EV_QUIT)
		speech_cancel(r->speech);
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

/* What is left is said as it is now: never sounds that are off or have
 * failed. */
static void voice_check(struct run *r)
{
	const char *why = speech_failure(r->speech);
	if (why && !r->speech_warned) {
		r->speech_warned = true;
		say_off(r, why, r->quiet		      ? "no voice, the routine goes on in silence"
				: sound_failure(r->sound) ? "no voice, the routine goes on with the terminal bell"
							  : "no voice, the routine goes on with sounds");
	}
}

static int voice_fd(struct run *r)
{
	return r->speech_warned ? -1 : speech_fd(r->speech);
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

const struct listener listen_voice = {
	.name = "voice", .event = voice_event, .check = voice_check, .fd = voice_fd};
const struct listener listen_sound = {
	.name = "sound", .event = sound_event, .check = sound_check, .fd = sound_fd_of};

/* The safety notes, aloud: asked for with s, the routine paused. */
void say_safety(struct run *r)
{
	char *words = xmalloc(VOICE_SAFETY_MAX);
	if (voice_safety(r->l->routine, NULL, words, VOICE_SAFETY_MAX) == 0)
		speech_say(r->speech, words);
	free(words);
}

