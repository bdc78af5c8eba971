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

/* What a person with closed eyes hears: the words, then the event's sound,
 * or the bell when no sound can be played. Neither call waits. */
void heard(struct run *r, const struct player_event *ev)
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

/* The safety notes, aloud: asked for with s, the routine paused. */
void say_safety(struct run *r)
{
	char *words = xmalloc(VOICE_SAFETY_MAX);
	if (voice_safety(r->l->routine, NULL, words, VOICE_SAFETY_MAX) == 0)
		r->speech->say(r->speech, words);
	free(words);
}

