/* A speech synthesizer for `selfcare export`, behind a small struct of
 * function pointers: espeak-ng's library (the default, the voice a run
 * has through speech-dispatcher), or festival's HTS voice where it is
 * installed. Each gives the words of a routine as mono samples at
 * MIX_RATE. Errors are said in why. */
#ifndef SELFCARE_SYNTH_H
#define SELFCARE_SYNTH_H

#include <stddef.h>

struct synth {
	/* Get ready to say every one of texts (n of them), in this order;
	 * progress(ctx, done, n) is called as they are made (festival makes
	 * them all here, espeak-ng none), and stops it by returning nonzero.
	 * 0, -1 with why, or 1 when progress stopped it. */
	int (*prepare)(struct synth *s, char *const *texts, size_t n,
		       int (*progress)(void *ctx, size_t done, size_t n), void *ctx, char *why,
		       size_t len);
	/* The sound of texts[i] (a new buffer), as often as asked. 0, or -1
	 * with why. */
	int (*get)(struct synth *s, size_t i, float **pcm, size_t *n, char *why, size_t len);
	void (*close)(struct synth *s);
};

/* espeak-ng (libespeak-ng) at speech-dispatcher's rate (-100..100, as
 * saytime_wpm() maps it). NULL with why when its library or voice data
 * is missing. */
struct synth *synth_espeak_open(int rate, char *why, size_t len);
/* festival with the voice cmu_us_slt_arctic_hts, started once for the
 * whole routine. NULL with why when festival or the voice is missing. */
struct synth *synth_festival_open(int rate, char *why, size_t len);

#endif
