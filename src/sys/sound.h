/* Event sounds behind a small struct of function pointers, so that run can
 * play them through libcanberra, through nothing, or through a recorder.
 * The caller is the thread that keeps time: no member ever waits on the
 * sound server, and only close() waits at all, for as long as it is told. */
#ifndef SELFCARE_SOUND_H
#define SELFCARE_SOUND_H

#include "sounds.h" /* enum sound_event, and the theme name of each */

struct sound {
	/* Play the theme sound for e; never blocks; sounds may overlap. */
	void (*play)(struct sound *s, enum sound_event e);
	/* Why sounds stopped working (fall back to the bell), or NULL; once
	 * set, play does nothing. Also what finds out a sound server that
	 * stopped answering (fd() wakes the caller to ask). */
	const char *(*failure)(struct sound *s);
	/* A descriptor that becomes readable when failure() may have news. */
	int (*fd)(struct sound *s);
	/* Hand the sounds still queued to the server for at most wait_ms (the
	 * rest is dropped); never blocks. */
	void (*stop)(struct sound *s, int wait_ms);
	/* The same, then wait for it (an earlier stop's deadline stays), and
	 * free s. Sounds the server plays from its cache ring out after that,
	 * even after the process has gone. */
	void (*close)(struct sound *s, int wait_ms);
};

/* Sounds that are off are a NULL struct sound, or NULL methods: these
 * calls do nothing then, and failure() is NULL. */
static inline void sound_play(struct sound *s, enum sound_event e)
{
	if (s && s->play)
		s->play(s, e);
}
static inline const char *sound_failure(struct sound *s)
{
	return s && s->failure ? s->failure(s) : NULL;
}
static inline int sound_fd(struct sound *s)
{
	return s && s->fd ? s->fd(s) : -1;
}
static inline void sound_stop(struct sound *s, int wait_ms)
{
	if (s && s->stop)
		s->stop(s, wait_ms);
}
static inline void sound_close(struct sound *s, int wait_ms)
{
	if (s && s->close)
		s->close(s, wait_ms);
}

/* libcanberra (freedesktop sound theme, PulseAudio or ALSA) on a worker
 * thread (worker.h) that loads libcanberra and makes every call to it. At
 * most 4 sounds wait for it; a fifth drops the oldest. failure() is set
 * when no driver opens, when a theme sound is missing, when a sound fails
 * to play, and when the worker has been stuck for 5 s on a frozen sound
 * server. close() returns within wait_ms + 50 ms: a worker stuck in
 * libcanberra is given up on and frees everything when it comes back.
 * NULL only when no thread can be started. */
struct sound *sound_canberra_open(const char *app);

#endif
