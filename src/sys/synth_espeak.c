/* espeak-ng through its library, synchronously: it calls us back with
 * each piece of the sound as it makes it, far faster than it is said. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "dynlibs.h"
#include "saytime.h"
#include "synth.h"
#include "util.h"

struct espeak {
	struct synth s;
	const struct lib_espeak *L;
	int rate_hz;
	char *const *texts;
	size_t n;
	/* What the callback collects. */
	float *pcm;
	size_t len, cap;
};

static int collect(short *wav, int count, espeak_EVENT *events)
{
	struct espeak *e = events ? events->user_data : NULL;
	if (e == NULL || wav == NULL)
		return 0;
	if (e->len + (size_t)count > e->cap) {
		e->cap = (e->len + (size_t)count) * 2;
		e->pcm = xreallocarray(e->pcm, e->cap, sizeof(float));
	}
	for (int i = 0; i < count; i++)
		e->pcm[e->len++] = (float)wav[i] / 32768.0f;
	return 0;
}

static int espeak_prepare(struct synth *s, char *const *texts, size_t n,
			  int (*progress)(void *, size_t, size_t), void *ctx, char *why, size_t len)
{
	struct espeak *e = (struct espeak *)s;
	(void)why;
	(void)len;
	e->texts = texts;
	e->n = n;
	return progress && progress(ctx, n, n) ? 1 : 0;
}

static int espeak_get(struct synth *s, size_t i, float **pcm, size_t *n, char *why, size_t len)
{
	struct espeak *e = (struct espeak *)s;
	const char *text = e->texts[i];
	e->len = 0;
	espeak_ERROR rc = e->L->espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
					     espeakCHARS_UTF8, NULL, e);
	if (rc == EE_OK)
		rc = e->L->espeak_Synchronize();
	if (rc != EE_OK) {
		snprintf(why, len, "espeak-ng could not say \"%.40s\"", text);
		return -1;
	}
	return audio_resample(e->pcm, e->len, e->rate_hz, pcm, n, why, len);
}

static void espeak_close(struct synth *s)
{
	struct espeak *e = (struct espeak *)s;
	e->L->espeak_Terminate();
	free(e->pcm);
	free(e);
}

struct synth *synth_espeak_open(int rate, char *why, size_t len)
{
	const char *err = NULL;
	const struct lib_espeak *L = lib_espeak(&err);
	if (L == NULL) {
		snprintf(why, len, "cannot load espeak-ng: %s (apt install libespeak-ng1)", err);
		return NULL;
	}
	/* espeak-ng 1.51 opens a sound device (through libpcaudio) even when
	 * it only hands its samples back, and a frozen PulseAudio server held
	 * it there for good. An export plays nothing: no server for it, nor
	 * for ALSA's PulseAudio plugin, nor an ALSA card to wait for. */
	setenv("PULSE_SERVER", "unix:/nonexistent/selfcare-export-plays-nothing", 1);
	setenv("ALSA_CONFIG_PATH", "/nonexistent/selfcare-export-plays-nothing", 1);
	/* espeak-ng prints its own complaint about missing data on stderr;
	 * ours follows it. */
	int hz = L->espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (hz <= 0) {
		snprintf(why, len, "espeak-ng's voice data is missing (apt install espeak-ng-data)");
		return NULL;
	}
	if (L->espeak_SetVoiceByName("en") != EE_OK) {
		L->espeak_Terminate();
		snprintf(why, len, "espeak-ng has no English voice (apt install espeak-ng-data)");
		return NULL;
	}
	L->espeak_SetParameter(espeakRATE, (int)saytime_wpm(rate), 0);
	L->espeak_SetSynthCallback(collect);
	struct espeak *e = xcalloc(1, sizeof(*e));
	e->s = (struct synth){espeak_prepare, espeak_get, espeak_close};
	e->L = L;
	e->rate_hz = hz;
	return &e->s;
}
