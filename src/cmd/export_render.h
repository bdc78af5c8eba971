/* The sound of `selfcare export`, a block at a time: each utterance of
 * the plan synthesized when the mix reaches it (cut where the next one
 * begins, as in a run), the theme's sounds at their times, silence
 * between, into the encoder. Memory holds the clips that sound now, not
 * the routine. */
#ifndef SELFCARE_EXPORT_RENDER_H
#define SELFCARE_EXPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio.h"
#include "export.h"
#include "sounds.h"
#include "synth.h"

/* Speech at full level; the sounds under it, as a desktop's event sounds
 * are quieter than a voice. */
#define RENDER_SPEECH_GAIN 1.0f
#define RENDER_SOUND_GAIN 0.5f
/* Quiet after the last word or sound, so that a player does not clip it. */
#define RENDER_TAIL_NS 500000000LL

struct render {
	const struct export_plan *plan;
	struct synth *synth;      /* has prepared the plan's says, in order */
	const float *sound[SOUND_EVENT_COUNT]; /* at MIX_RATE; NULL: none */
	size_t sound_len[SOUND_EVENT_COUNT];
	struct audio_out *out;
	/* The first utterance's sound, already made (the safety notes, whose
	 * length was needed first); the render frees it. NULL: none. */
	float *first;
	size_t first_len;
	/* Called as the mix goes on (samples done of about total); nonzero
	 * stops it. */
	int (*progress)(void *ctx, size_t done, size_t total);
	void *ctx;
	/* What it made. */
	int64_t samples;
	size_t cut; /* utterances the next one cut short */
	bool voice_failed; /* the error was the synthesizer's, not the file's */
	float peak;
};

/* 0, -1 with why, or 1 when progress stopped it. */
int export_render(struct render *rd, char *why, size_t len);

#endif
