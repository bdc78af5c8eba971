/* Voice commands heard from a microphone, behind a small struct of
 * function pointers. The caller is the thread that keeps time: nothing
 * here waits on the sound server or the recogniser (they run on a worker
 * thread of their own); close() waits at most a moment. */
#ifndef SELFCARE_MIC_H
#define SELFCARE_MIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mic {
	/* The oldest phrase heard and not taken yet (enum listen_phrase),
	 * with when it was heard (CLOCK_MONOTONIC ns): true, or false when
	 * none is waiting. */
	bool (*take)(struct mic *m, int *phrase, int64_t *at);
	/* Readable when a phrase is waiting. */
	int (*fd)(struct mic *m);
	/* Readable when failure() may have news (a failure, or a recording
	 * that has not come for seconds). */
	int (*news_fd)(struct mic *m);
	/* Why listening stopped (no microphone, no model files...), or NULL. */
	const char *(*failure)(struct mic *m);
	/* Whether it is listening yet (the model takes a moment to load). */
	bool (*ready)(struct mic *m);
	/* Stop listening and free m. */
	void (*close)(struct mic *m);
};

static inline bool mic_take(struct mic *m, int *phrase, int64_t *at)
{
	return m && m->take ? m->take(m, phrase, at) : false;
}
static inline int mic_fd(struct mic *m)
{
	return m && m->fd ? m->fd(m) : -1;
}
static inline int mic_news_fd(struct mic *m)
{
	return m && m->news_fd ? m->news_fd(m) : -1;
}
static inline const char *mic_failure(struct mic *m)
{
	return m && m->failure ? m->failure(m) : NULL;
}
static inline bool mic_ready(struct mic *m)
{
	return m && m->ready ? m->ready(m) : false;
}
static inline void mic_close(struct mic *m)
{
	if (m && m->close)
		m->close(m);
}

/* pocketsphinx spotting the phrases of core/listen.h in 16 kHz mono audio
 * recorded through libpulse-simple from source (NULL: the default source),
 * on a worker thread that loads both libraries. NULL only when no thread
 * could be started; a microphone or model that is missing is a failure(). */
struct mic *mic_sphinx_open(const char *source);

/* The keyword spotter alone, for a caller with its own audio (the bench
 * feeds it files): 16 kHz mono samples in, in blocks of 20 ms (320
 * samples, as the microphone reads them: its timing assumes so), and out
 * a phrase (enum listen_phrase) once one has been heard and checked, a
 * moment after its end (core/listen.h's listen_look), else -1. NULL from
 * open with why said. */
struct spotter;
struct spotter *spotter_open(char *why, size_t len);
int spotter_feed(struct spotter *sp, const int16_t *samples, size_t n);
void spotter_close(struct spotter *sp);

/* What listening needs, for `doctor`: the model files (NULL when all are
 * there, else what is missing, into why). */
const char *mic_sphinx_missing(char *why, unsigned len);

#endif
