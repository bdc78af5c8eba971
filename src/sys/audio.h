/* Sound for `selfcare export`: resampling to the mix's rate
 * (libsamplerate), the theme's event sounds read from their files
 * (libsndfile), and the encoders that write the finished mix (libopusenc
 * for Opus with chapters, libsndfile for FLAC and WAV). Every library is
 * loaded when first used (dynlibs.h). Errors are said in why. */
#ifndef SELFCARE_AUDIO_H
#define SELFCARE_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "mix.h"

/* n mono samples at rate as a new buffer at MIX_RATE (*out, *outn).
 * Returns 0, or -1 with why. */
int audio_resample(const float *in, size_t n, int rate, float **out, size_t *outn, char *why,
		   size_t len);

/* The freedesktop theme's file for sound name ("bell"), looked up where
 * libcanberra looks: $XDG_DATA_HOME/sounds, then each of $XDG_DATA_DIRS'
 * sounds (freedesktop/stereo/NAME.oga, .ogg or .wav). NULL when there is
 * none. Caller frees. */
char *audio_theme_path(const char *name);
/* The sound file at path, at most max_s seconds long, as mono samples at
 * MIX_RATE. 0, or -1 with why. */
int audio_read(const char *path, unsigned max_s, float **out, size_t *outn, char *why,
	       size_t len);

enum audio_format { AUDIO_OPUS, AUDIO_FLAC, AUDIO_WAV };

/* What a file says besides its sound. */
struct audio_tags {
	const char *title;
	const char *description; /* the summary and the safety notes */
	const struct export_plan *plan; /* its chapters (Opus only: the others
					 * have a cue sheet beside them) */
	uint32_t serial; /* the Ogg stream's serial number (Opus): fixed, so
			  * that the same routine gives the same bytes */
};

struct audio_out;
/* An encoder writing format to fd (left open), mono at MIX_RATE. NULL
 * with why. */
struct audio_out *audio_out_open(enum audio_format f, int fd, const struct audio_tags *t,
				 char *why, size_t len);
/* n samples more. 0, or -1 with why (the encoder is still to be closed). */
int audio_out_write(struct audio_out *o, const float *pcm, size_t n, char *why, size_t len);
/* Finish the file (flush), when finish; free o. 0, or -1 with why. */
int audio_out_close(struct audio_out *o, int finish, char *why, size_t len);

#endif
