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
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs.h"
#include "sound.h"
#include "timeutil.h"
#include "util.h"

#define QUEUE_MAX 4
#define GRACE_MS 50	/* for the worker to finish after the deadline */
#define STUCK_MS 5000	/* starting a stream takes a few ms */

struct snd {
	struct sound base;
	char app[64];
	const struct lib_canberra *lib; /* set by the worker, which loads it */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv; /* CLOCK_MONOTONIC */
	enum sound_event queue[QUEUE_MAX];
	int queued;
	bool stop;
	struct timespec deadline; /* set with stop */
	bool busy;
	struct timespec busy_since;
	bool exited;
	bool abandoned; /* close() gave up waiting: the worker frees */
	atomic_bool failed;
	char why[256];
	int efd;
};

static bool passed(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

static int64_t ms_since(struct timespec since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - since.tv_sec) * 1000 +
	       (now.tv_nsec - since.tv_nsec) / 1000000;
}

/* With s->mu held. The first reason stays. */
static void fail_locked(struct snd *s, const char *what, const char *detail)
{
	if (atomic_load(&s->failed))
		return;
	snprintf(s->why, sizeof(s->why), "%s%s", what, detail);
	atomic_store(&s->failed, true);
	uint64_t one = 1;
	if (write(s->efd, &one, sizeof(one)) < 0) {
		/* The flag is set; the caller sees it on its next look. */
	}
}

static void fail(struct snd *s, const char *what, const char *detail)
{
	pthread_mutex_lock(&s->mu);
	fail_locked(s, what, detail);
	pthread_mutex_unlock(&s->mu);
}

static ca_context *open_context(struct snd *s)
{
	ca_context *c = NULL;
	const char *missing = NULL;

	s->lib = lib_canberra(&missing);
	if (s->lib == NULL) {
		fail(s, "event sounds are not available: ", missing);
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
		fail(s, "event sounds are not available: ", why);
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
		fail(s, "event sounds are not available: ", why);
	} else if (err != CA_SUCCESS) {
		fail(s, "event sounds are not available: ", s->lib->ca_strerror(err));
	}
}

static void destroy(struct snd *s)
{
	close(s->efd);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

static void *worker(void *arg)
{
	struct snd *s = arg;

	pthread_mutex_lock(&s->mu);
	s->busy = true; /* connecting to the sound server counts too */
	clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
	pthread_mutex_unlock(&s->mu);
	ca_context *c = open_context(s);
	pthread_mutex_lock(&s->mu);
	s->busy = false;
	for (;;) {
		while (s->queued == 0 && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->queued == 0)
			break; /* stopped */
		enum sound_event e = s->queue[0];
		memmove(s->queue, s->queue + 1, (size_t)(s->queued - 1) * sizeof(s->queue[0]));
		s->queued--;
		/* After close()'s deadline, what is left is not played. */
		bool late = s->stop && passed(&s->deadline);
		if (c == NULL || late || atomic_load(&s->failed))
			continue;
		s->busy = true;
		clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
		pthread_mutex_unlock(&s->mu);
		play_now(s, c, e);
		pthread_mutex_lock(&s->mu);
		s->busy = false;
	}
	pthread_mutex_unlock(&s->mu);
	/* What the server plays from its cache goes on after this; anything
	 * streamed by us (no server, plain ALSA) is cut here. */
	if (c)
		s->lib->ca_context_destroy(c);
	pthread_mutex_lock(&s->mu);
	s->exited = true;
	bool abandoned = s->abandoned;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (abandoned)
		destroy(s);
	return NULL;
}

static void play(struct sound *base, enum sound_event e)
{
	struct snd *s = (struct snd *)base;

	if (atomic_load(&s->failed) || sound_event_name(e) == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	if (s->busy && ms_since(s->busy_since) >= STUCK_MS) {
		fail_locked(s, "event sounds are not available: ", "the sound server stopped answering");
	} else {
		if (s->queued == QUEUE_MAX) {
			memmove(s->queue, s->queue + 1, (QUEUE_MAX - 1) * sizeof(s->queue[0]));
			s->queued--;
		}
		s->queue[s->queued++] = e;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
}

static const char *failure(struct sound *base)
{
	struct snd *s = (struct snd *)base;
	return atomic_load(&s->failed) ? s->why : NULL;
}

static int event_fd(struct sound *base)
{
	return ((struct snd *)base)->efd;
}

static void close_sound(struct sound *base, int wait_ms)
{
	struct snd *s = (struct snd *)base;
	struct timespec until;

	pthread_mutex_lock(&s->mu);
	s->stop = true;
	s->deadline = clock_after_ms(CLOCK_MONOTONIC, wait_ms > 0 ? wait_ms : 0);
	pthread_cond_broadcast(&s->cv);
	until = s->deadline;
	until.tv_nsec += GRACE_MS * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (!s->exited) {
		if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
			break;
	}
	if (s->exited) {
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
		destroy(s);
		return;
	}
	/* Stuck inside libcanberra on a frozen sound server: it frees s when
	 * it returns; if the process exits first, nothing is lost either. */
	s->abandoned = true;
	pthread_mutex_unlock(&s->mu);
	pthread_detach(s->thread);
}

struct sound *sound_canberra_open(const char *app)
{
	struct snd *s = xcalloc(1, sizeof(*s));
	pthread_condattr_t ca;
	sigset_t all, old;

	s->base = (struct sound){.play = play, .failure = failure, .fd = event_fd,
				 .close = close_sound};
	snprintf(s->app, sizeof(s->app), "%s", app);
	atomic_init(&s->failed, false);
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_condattr_destroy(&ca);
	s->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	/* The worker and libpulse's thread take no signals: the ones the
	 * caller reads from a signalfd stay with the caller. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = s->efd < 0 ? -1 : pthread_create(&s->thread, NULL, worker, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		if (s->efd >= 0)
			close(s->efd);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	return &s->base;
}

static void null_play(struct sound *s, enum sound_event e)
{
	(void)s;
	(void)e;
}

static const char *null_failure(struct sound *s)
{
	(void)s;
	return NULL;
}

static int null_fd(struct sound *s)
{
	(void)s;
	return -1;
}

static void null_close(struct sound *s, int wait_ms)
{
	(void)wait_ms;
	free(s);
}

struct sound *sound_null_open(void)
{
	struct sound *s = xcalloc(1, sizeof(*s));
	*s = (struct sound){.play = null_play, .failure = null_failure, .fd = null_fd,
			    .close = null_close};
	return s;
}
