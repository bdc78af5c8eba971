/* The sound of an exported routine, a block at a time: clips of mono float
 * samples at MIX_RATE, each placed at a start sample and perhaps cut at a
 * stop sample (in a run the next words cut off the ones still being said),
 * added into the output block by block, so that a routine of any length
 * needs only its current clips in memory. Pure: the caller synthesizes,
 * decodes and resamples; nothing here touches a file. */
#ifndef SELFCARE_MIX_H
#define SELFCARE_MIX_H

#include <stddef.h>
#include <stdint.h>

#define MIX_RATE 48000
/* A clip cut before its end fades out over 5 ms from where it is cut:
 * no click. The cut may be set while the clip plays, at a sample not yet
 * mixed: the samples before it are never changed. */
#define MIX_FADE (MIX_RATE / 200)
#define MIX_NEVER INT64_MAX

struct mix_clip {
	const float *pcm;
	int64_t len;   /* samples in pcm */
	int64_t start; /* the output sample where it begins */
	int64_t stop;  /* the output sample where it is cut (its fade begins),
			* or MIX_NEVER */
	float gain;
};

/* The output sample at ns nanoseconds from the start (rounded). */
int64_t mix_sample_at(int64_t ns);
/* The output sample after c's last: its end, or where its cut's fade
 * ends. */
int64_t mix_clip_end(const struct mix_clip *c);
/* Add what c sounds in the output's samples [t0, t0 + n) to out. */
void mix_add(float *out, size_t n, int64_t t0, const struct mix_clip *c);
/* Keep every sample within [-1, 1]; returns how many were beyond. */
size_t mix_limit(float *out, size_t n);
/* Mono from interleaved frames of channels: their mean. out may be in. */
void mix_downmix(const float *in, size_t frames, unsigned channels, float *out);
/* Samples as 16-bit integers, rounded (the same input gives the same
 * bytes: no dither). */
void mix_to_s16(const float *in, size_t n, int16_t *out);
/* The level of n samples in dB below full scale (RMS; -200 for silence). */
double mix_dbfs(const float *in, size_t n);

#endif
