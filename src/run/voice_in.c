/* The microphone, an input (run --listen): phrases the recogniser heard
 * (sys/mic.h) become the run's commands, exactly as their keys would.
 * What selfcare itself said is kept out by core/listen.c's gate; "okay
 * stop" asks first. Every phrase taken is answered at once: its own short
 * sound, "heard: pause" on the screen for 2 s, or "M:SS heard pause" in
 * plain mode. */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "listen.h"
#include "output.h"
#include "run.h"

#define HEARD_NS 2000000000LL /* "heard: pause" stays this long */

static const char stop_question[] = "Stop the routine? Say okay yes to stop.";

/* What the person is told of a phrase taken, at once. */
static void answer(struct run *r, const char *words, int64_t now)
{
	if (!r->quiet && sound_failure(r->sound) == NULL)
		sound_play(r->sound, SOUND_HEARD);
	if (r->tty) {
		snprintf(r->message, sizeof(r->message), "heard: %s", words);
		r->message_until = now + HEARD_NS;
		r->dirty = true;
	} else {
		plain_said(r, now, "heard", words);
	}
}

static void heard(struct run *r, int phrase, int64_t at)
{
	int64_t now = run_now_ns();

	if (phrase < 0 || phrase >= LISTEN_PHRASES || r->player.over)
		return;
	/* Our own voice, or its echo: never a command. */
	if (!listen_gate(speech_speaking(r->speech), speech_quiet_since(r->speech), at))
		return;
	if (!r->ui.asking)
		listen_forget(&r->listen); /* a key answered it */
	enum run_cmd cmds[LISTEN_CMDS_MAX];
	bool asked;
	size_t n = listen_heard(&r->listen, (enum listen_phrase)phrase, now, cmds, &asked);
	if (n == 0)
		return; /* "okay yes" with nothing asked */
	answer(r, listen_phrases[phrase].words, now);
	for (size_t i = 0; i < n; i++)
		run_command(r, cmds[i], now);
	if (asked) {
		speech_say(r->speech, stop_question);
		if (r->tty) {
			snprintf(r->message, sizeof(r->message), "%s", stop_question);
			r->message_until = now + LISTEN_ASK_NS;
		} else {
			printf("stop? say okay yes to stop, within 10 seconds\n");
			if (stdout_flush() != 0)
				r->out_failed = true;
		}
	}
}

/* The loop's handler for the microphone's descriptor. */
void on_mic_ready(void *ctx, int fd)
{
	struct run *r = ctx;
	int phrase;
	int64_t at;
	(void)fd;

	if (!r->listening && mic_ready(r->mic)) {
		/* Said once: from now on a phrase is heard. */
		r->listening = true;
		int64_t now = run_now_ns();
		if (r->tty) {
			snprintf(r->message, sizeof(r->message),
				 "Listening: okay pause, resume, next, back, again, longer, stop");
			r->message_until = now + HEARD_NS;
			r->dirty = true;
		} else {
			plain_said(r, now, "listening", NULL);
		}
	}
	while (mic_take(r->mic, &phrase, &at))
		heard(r, phrase, at);
}

/* The microphone's failure, said once (the run goes on with its keys);
 * and "okay stop" unanswered for 10 s: still paused. Once a loop turn. */
void check_mic(struct run *r, int64_t now)
{
	const char *why = mic_failure(r->mic);
	if (why && !r->mic_warned) {
		r->mic_warned = true;
		say_off(r, why, "use the keys");
	}
	if (listen_tick(&r->listen, now) != RUN_CMD_NONE) {
		run_command(r, RUN_CMD_NO, now);
		if (r->tty) {
			snprintf(r->message, sizeof(r->message), "Not stopped: still paused.");
			r->message_until = now + HEARD_NS;
		} else {
			plain_said(r, now, "paused", "(no \"okay yes\" heard)");
		}
		speech_say(r->speech, "Not stopped. Still paused.");
	}
}

/* The loop's handler for the microphone's news: check_mic() looks. */
void on_mic_news(void *ctx, int fd)
{
	uint64_t v;
	(void)ctx;
	if (read(fd, &v, sizeof(v)) < 0) {
		/* The failure is what counts. */
	}
}
