/* The voice: the words of each event, said through speech-dispatcher
 * (sys/speech_spd.c, on its worker: the call never waits), and the
 * safety notes aloud. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"
#include "util.h"

/* What a person with closed eyes hears: the words (this listener), then
 * the event's sound (sound_out.c). */
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

const struct listener listen_voice = {
	.name = "voice", .event = voice_event, .check = voice_check, .fd = voice_fd};

/* The safety notes, aloud: asked for with s, the routine paused. */
void say_safety(struct run *r)
{
	char *words = xmalloc(VOICE_SAFETY_MAX);
	if (voice_safety(r->l->routine, NULL, words, VOICE_SAFETY_MAX) == 0)
		speech_say(r->speech, words);
	free(words);
}
