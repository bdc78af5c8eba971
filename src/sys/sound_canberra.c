/* Event sounds through libcanberra, on one worker thread.
 *
 * With PulseAudio, ca_context_open and ca_context_play wait for the server
 * (to connect, then for each stream to be ready): a frozen server would
 * stall the caller. So the worker makes every libcanberra call and the
 * caller only queues events under a mutex.
 *
 * Sounds are played from the sound server's sample cache (cache control
 * "permanent"): the first play of a theme sound uploads it, later ones
 * only name it, and a sound the server is playing goes on to its end after
 * our connection closes. So the routine's last chime needs no waiting for:
 * the process ends when the routine does, and the chime rings out. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynlibs.h"
#include "sound.h"
#include "util.h"
#include "worker.h"

#define QUEUE_MAX 4
#define GRACE_MS 50	/* for the worker to finish after the deadline */
#define STUCK_MS 5000	/* starting a stream takes a few ms */
#define NOT_AVAILABLE "event sounds are not available: "

struct snd {
	struct sound base;
	struct worker w;
	char app[64];
	const struct lib_canberra *lib; /* set by the worker, which loads it */
	enum sound_event queue[QUEUE_MAX];
	int queued;
};

#define SND(wp) ((struct snd *)((char *)(wp) - offsetof(struct snd, w)))

static ca_context *open_context(struct snd *s)
{
	ca_context *c = NULL;
	const char *missing = NULL;

	s->lib = lib_canberra(&missing);
	if (s->lib == NULL) {
		worker_fail(&s->w, NOT_AVAILABLE "%s", missing);
		return NULL;
	}
	int err = s->lib->ca_context_create(&c);

	if (err == CA_SUCCESS)
		err = s->lib->ca_context_change_props(c, CA_PROP_APPLICATION_NAME, s->app, NULL);
	if (err == CA_SUCCESS)
		err = s->lib->ca_context_open(c);
	if (err != CA_SUCCESS) {
		char why[128];
		/* "Not available" would say the same twice. */
		if (err == CA_ERROR_NOTAVAILABLE)
			snprintf(why, sizeof(why), "no sound device or server answers");
		else
			snprintf(why, sizeof(why), "the sound system refused (%s)",
				 s->lib->ca_strerror(err));
		worker_fail(&s->w, NOT_AVAILABLE "%s", why);
		if (c)
			s->lib->ca_context_destroy(c);
		return NULL;
	}
	/* The routine's last sound is not waited for: upload it now, so that
	 * at the end it is only named (0.5 ms, not the 5 to 15 ms of an
	 * upload). Where it fails, playing it says why. */
	s->lib->ca_context_cache(c, CA_PROP_EVENT_ID, sound_event_name(SOUND_END),
				 CA_PROP_MEDIA_ROLE, "event", NULL);
	return c;
}

static void play_now(struct snd *s, ca_context *c, enum sound_event e)
{
	const char *name = sound_event_name(e);
	int err = s->lib->ca_context_play(c, 0, CA_PROP_EVENT_ID, name, CA_PROP_EVENT_DESCRIPTION,
				  sound_event_label(e), CA_PROP_MEDIA_ROLE, "event",
				  CA_PROP_CANBERRA_CACHE_CONTROL, "permanent", NULL);
	if (err == CA_ERROR_NOTFOUND) {
		char why[128];
		snprintf(why, sizeof(why), "'%s' is not in the sound theme", name);
		worker_fail(&s->w, NOT_AVAILABLE "%s", why);
	} else if (err != CA_SUCCESS) {
		worker_fail(&s->w, NOT_AVAILABLE "%s", s->lib->ca_strerror(err));
	}
}

static void body(struct worker *w)
{
	struct snd *s = SND(w);

	worker_lock(w);
	worker_busy_locked(w); /* connecting to the sound server counts too */
	worker_unlock(w);
	ca_context *c = open_context(s);
	worker_lock(w);
	worker_idle_locked(w);
	for (;;) {
		while (s->queued == 0 && !w->stop)
			worker_wait_locked(w);
		if (s->queued == 0)
			break; /* stopped */
		enum sound_event e = s->queue[0];
		memmove(s->queue, s->queue + 1, (size_t)(s->queued - 1) * sizeof(s->queue[0]));
		s->queued--;
		/* After the deadline, what is left is not played. */
		if (c == NULL || worker_late_locked(w) || worker_failed(w))
			continue;
		worker_busy_locked(w);
		worker_unlock(w);
		play_now(s, c, e);
		worker_lock(w);
		worker_idle_locked(w);
	}
	worker_unlock(w);
	/* What the server plays from its cache goes on after this; anything
	 * streamed by us (no server, plain ALSA) is cut here. */
	if (c)
		s->lib->ca_context_destroy(c);
}

static void release(struct worker *w)
{
	worker_release(w);
	free(SND(w));
}

static const struct worker_ops ops = {
	.name = "sc-sound",
	.body = body,
	.release = release,
	.stuck_ms = STUCK_MS,
	.stuck_why = NOT_AVAILABLE "the sound server stopped answering",
};

static void play(struct sound *base, enum sound_event e)
{
	struct snd *s = (struct snd *)base;

	if (worker_failed(&s->w) || sound_event_name(e) == NULL)
		return;
	worker_lock(&s->w);
	if (!worker_stuck_locked(&s->w)) {
		if (s->queued == QUEUE_MAX) {
			memmove(s->queue, s->queue + 1, (QUEUE_MAX - 1) * sizeof(s->queue[0]));
			s->queued--;
		}
		s->queue[s->queued++] = e;
		worker_wake_locked(&s->w);
	}
	worker_unlock(&s->w);
}

static const char *failure(struct sound *base)
{
	return worker_failure(&((struct snd *)base)->w);
}

static int event_fd(struct sound *base)
{
	return worker_fd(&((struct snd *)base)->w);
}

static void stop_sound(struct sound *base, int wait_ms)
{
	worker_stop(&((struct snd *)base)->w, wait_ms);
}

static void close_sound(struct sound *base, int wait_ms)
{
	struct snd *s = (struct snd *)base;
	worker_stop(&s->w, wait_ms);
	worker_join(&s->w, GRACE_MS);
}

struct sound *sound_canberra_open(const char *app)
{
	struct snd *s = xcalloc(1, sizeof(*s));

	s->base = (struct sound){.play = play, .failure = failure, .fd = event_fd,
				 .stop = stop_sound, .close = close_sound};
	snprintf(s->app, sizeof(s->app), "%s", app);
	if (worker_start(&s->w, &ops) != 0) {
		free(s);
		return NULL;
	}
	return &s->base;
}
