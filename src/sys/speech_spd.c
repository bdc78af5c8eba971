/* speech-dispatcher through libspeechd, on one worker thread.
 *
 * libspeechd talks SSIP synchronously: every call waits for the daemon's
 * answer, and a frozen daemon never answers. So the worker makes every
 * call (connecting too) and the caller only hands it work under a mutex.
 * The connection is threaded (SPD_MODE_THREADED) so that libspeechd's own
 * reader thread delivers the end-of-speech events that close() waits for.
 *
 * A worker blocked on a frozen daemon is woken by shutting the socket down
 * (through a duplicate of it that this file owns, so that the number cannot
 * be reused under us): libspeechd's reader then sees the end of the stream
 * and the blocked call returns an error. Before the connection exists there
 * is no socket to shut down; then close() leaves the worker, detached, to
 * free everything itself if it ever comes back. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs.h"
#include "speech.h"
#include "speechd_spawn.h"
#include "text.h"
#include "timeutil.h"
#include "util.h"

#define GRACE_MS 50	/* for the worker to finish once told to stop */
#define STUCK_MS 5000	/* an SSIP round trip takes a few ms */

struct spd {
	struct speech base;
	char app[64];
	int rate;
	const struct lib_speechd *lib; /* set by the worker, which loads it */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv; /* CLOCK_MONOTONIC */
	/* From the caller to the worker. */
	char *text;	/* to say next, or NULL */
	bool hush;	/* cancel, say nothing */
	bool stop;	/* close() was called */
	bool leave;	/* ... to leave the last words to the daemon */
	/* The worker's state. */
	bool connecting, busy;
	struct timespec busy_since;
	int sock;	/* our duplicate of the SSIP socket, or -1 */
	long said;	/* id of the newest message sent, or 0 */
	long ended;	/* newest of ours that ended or was cancelled */
	bool exited;
	bool abandoned;	/* close() gave up waiting: the worker frees */
	/* Set by the worker before it is registered; read by callbacks. */
	long client_id;
	struct spd *next;
	atomic_bool failed;
	char why[320];
	/* Readable when failure() has news: a timerfd, set off at once by a
	 * failure, and STUCK_MS after each call to the daemon begins, so that
	 * a daemon that freezes is found out even when nothing more is said. */
	int efd;
};

/* With s->mu held: wake the caller ms from now (0: at once; -1: never). */
static void alarm_locked(struct spd *s, int ms)
{
	struct itimerspec it = {0};
	if (ms >= 0) {
		it.it_value.tv_sec = ms / 1000;
		it.it_value.tv_nsec = (long)(ms % 1000) * 1000000L + 1;
	}
	timerfd_settime(s->efd, 0, &it, NULL);
}

/* libspeechd's callbacks carry no pointer of ours, so they find their
 * speech by client id in this list. The daemon also reports other clients'
 * messages on our connection. Lock order: registry_mu, then a speech's mu. */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct spd *registry;

static void registry_add(struct spd *s)
{
	pthread_mutex_lock(&registry_mu);
	s->next = registry;
	registry = s;
	pthread_mutex_unlock(&registry_mu);
}

static void registry_remove(struct spd *s)
{
	pthread_mutex_lock(&registry_mu);
	for (struct spd **p = &registry; *p; p = &(*p)->next) {
		if (*p == s) {
			*p = s->next;
			break;
		}
	}
	pthread_mutex_unlock(&registry_mu);
}

/* On libspeechd's reader thread, for SPD_EVENT_END and SPD_EVENT_CANCEL.
 * Message ids only grow, so the newest one that ended is enough. */
static void on_speech_event(size_t msg_id, size_t client_id, SPDNotificationType type)
{
	(void)type;
	pthread_mutex_lock(&registry_mu);
	for (struct spd *s = registry; s; s = s->next) {
		if ((size_t)s->client_id != client_id)
			continue;
		pthread_mutex_lock(&s->mu);
		if ((long)msg_id > s->ended) {
			s->ended = (long)msg_id;
			pthread_cond_broadcast(&s->cv);
		}
		pthread_mutex_unlock(&s->mu);
	}
	pthread_mutex_unlock(&registry_mu);
}

static int64_t ms_since(struct timespec since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - since.tv_sec) * 1000 +
	       (now.tv_nsec - since.tv_nsec) / 1000000;
}

/* With s->mu held. The first reason stays. */
static void fail_locked(struct spd *s, const char *what, const char *detail)
{
	if (atomic_load(&s->failed))
		return;
	snprintf(s->why, sizeof(s->why), "%s%s", what, detail);
	atomic_store(&s->failed, true);
	pthread_cond_broadcast(&s->cv);
	alarm_locked(s, 0);
}

static void fail(struct spd *s, const char *what, const char *detail)
{
	pthread_mutex_lock(&s->mu);
	fail_locked(s, what, detail);
	pthread_mutex_unlock(&s->mu);
}

/* Connect, starting the daemon if none answers. On failure, failure() says
 * why and the result is NULL. On a unix socket (the usual address) the
 * socket is tried first: spd_open2 leaks a string each time it fails. */
static SPDConnection *connect_spd(struct spd *s)
{
	char why[256] = "";
	char *err = NULL;
	SPDConnectionAddress *addr = s->lib->spd_get_default_address(&err);
	SPDConnection *c = NULL;

	if (addr == NULL) {
		fail(s, "speech-dispatcher is not available: ", err ? err : "no address");
		free(err);
		return NULL;
	}
	if (addr->method == SPD_METHOD_UNIX_SOCKET && speechd_probe_socket(addr->unix_socket_name) != 0) {
		int spawned = speechd_spawn(addr->unix_socket_name, why, sizeof(why));
		/* Even when ours did not start, another client may have started
		 * one at the same moment ("already running"). */
		if (speechd_probe_socket(addr->unix_socket_name) == 0)
			why[0] = '\0';
		else if (spawned == 0)
			snprintf(why, sizeof(why), "cannot connect to %s: %s",
				 addr->unix_socket_name, strerror(errno));
	}
	if (why[0] == '\0') {
		c = s->lib->spd_open2(s->app, "speech", NULL, SPD_MODE_THREADED, addr, 0, &err);
		if (c == NULL)
			snprintf(why, sizeof(why), "%s", err ? err : "cannot connect");
	}
	free(err);
	s->lib->SPDConnectionAddress__free(addr);
	if (c == NULL)
		fail(s, "speech-dispatcher is not available: ", why);
	return c;
}

/* Our client id, as the daemon numbers clients in its events; -1 when it
 * does not answer (spd_open2 returns a connection even then). Parsed here
 * because spd_get_client_id dereferences a missing reply. */
static long client_id(struct spd *s, SPDConnection *c)
{
	char *reply = NULL, *end;
	long id = -1;

	if (s->lib->spd_execute_command_with_reply(c, "HISTORY GET CLIENT_ID", &reply) == 0 && reply &&
	    strlen(reply) > 4 && reply[3] == '-') {
		id = strtol(reply + 4, &end, 10);
		if (end == reply + 4 || (*end != '\r' && *end != '\n'))
			id = -1;
	}
	free(reply);
	return id;
}

/* Everything after connecting that must work before speech can. */
static int setup(struct spd *s, SPDConnection *c)
{
	s->client_id = client_id(s, c);
	if (s->client_id < 0)
		return -1;
	registry_add(s);
	c->callback_end = on_speech_event;
	c->callback_cancel = on_speech_event;
	if (s->lib->spd_set_notification_on(c, SPD_END) != 0 || s->lib->spd_set_notification_on(c, SPD_CANCEL) != 0)
		return -1;
	if (s->rate != SPEECH_RATE_DEFAULT) {
		int rate = s->rate < -100 ? -100 : s->rate > 100 ? 100 : s->rate;
		if (s->lib->spd_set_voice_rate(c, rate) != 0)
			return -1;
	}
	int fd = fcntl(c->socket, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -1;
	pthread_mutex_lock(&s->mu);
	s->sock = fd;
	pthread_mutex_unlock(&s->mu);
	return 0;
}

static void destroy(struct spd *s)
{
	free(s->text);
	close(s->efd);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

static void *worker(void *arg)
{
	struct spd *s = arg;
	const char *why = NULL;
	SPDConnection *c = NULL;

	s->lib = lib_speechd(&why);
	if (s->lib == NULL)
		fail(s, "speech-dispatcher is not available: ", why);
	else
		c = connect_spd(s);

	if (c && setup(s, c) != 0)
		fail(s, "speech-dispatcher is not available: ", "it does not answer");
	pthread_mutex_lock(&s->mu);
	s->connecting = false;
	pthread_cond_broadcast(&s->cv);
	for (;;) {
		while (!s->text && !s->hush && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop)
			break;
		char *text = s->text;
		s->text = NULL;
		s->hush = false;
		s->busy = true;
		clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
		bool failed = atomic_load(&s->failed);
		if (!failed)
			alarm_locked(s, STUCK_MS);
		pthread_mutex_unlock(&s->mu);

		int id = 0;
		if (!failed) {
			/* Cancel first, then say: replacing by priority alone
			 * (SPD_TEXT) was measured to cut the old message up to
			 * 0.9 s late; CANCEL SELF takes effect within ~40 ms. */
			if (s->lib->spd_cancel(c) != 0 || (text && (id = s->lib->spd_say(c, SPD_MESSAGE, text)) <= 0))
				fail(s, "speech-dispatcher stopped answering", "");
		}
		free(text);

		pthread_mutex_lock(&s->mu);
		if (id > 0)
			s->said = id;
		s->busy = false;
		if (!atomic_load(&s->failed))
			alarm_locked(s, -1);
		pthread_cond_broadcast(&s->cv);
	}
	/* Messages outlive their connection: cut one still being said. */
	bool cut = c && !s->leave && s->said > s->ended && !atomic_load(&s->failed);
	pthread_mutex_unlock(&s->mu);
	if (c) {
		if (cut)
			s->lib->spd_cancel(c);
		registry_remove(s);
		s->lib->spd_close(c);
	}
	pthread_mutex_lock(&s->mu);
	int fd = s->sock;
	s->sock = -1;
	s->exited = true;
	bool abandoned = s->abandoned;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (fd >= 0)
		close(fd);
	if (abandoned)
		destroy(s);
	return NULL;
}

/* With s->mu held: a call that has waited this long is on a frozen daemon.
 * Give up on speech and break the connection, which frees the worker. */
static bool stuck_locked(struct spd *s)
{
	if (!s->busy || s->sock < 0 || ms_since(s->busy_since) < STUCK_MS)
		return false;
	fail_locked(s, "speech-dispatcher stopped answering", "");
	shutdown(s->sock, SHUT_RDWR);
	return true;
}

static void cancel(struct speech *base)
{
	struct spd *s = (struct spd *)base;

	if (atomic_load(&s->failed))
		return;
	pthread_mutex_lock(&s->mu);
	if (!stuck_locked(s)) {
		free(s->text);
		s->text = NULL;
		s->hush = true;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
}

static void say(struct speech *base, const char *text)
{
	struct spd *s = (struct spd *)base;

	if (atomic_load(&s->failed))
		return;
	/* speech-dispatcher refuses empty text and bytes that are not UTF-8,
	 * and after a refusal libspeechd's replies are out of step: the next
	 * call fails, or waits forever (measured with 0.11.4). */
	char *copy = text_sanitize_dup(text);
	if (text_is_blank(copy)) {
		free(copy);
		cancel(base);
		return;
	}
	pthread_mutex_lock(&s->mu);
	if (stuck_locked(s)) {
		pthread_mutex_unlock(&s->mu);
		free(copy);
		return;
	}
	free(s->text);
	s->text = copy;
	s->hush = false;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Also what finds a frozen daemon when the alarm set as a call began goes
 * off: the call still waiting then is given up on. */
static const char *failure(struct speech *base)
{
	struct spd *s = (struct spd *)base;
	if (atomic_load(&s->failed))
		return s->why;
	pthread_mutex_lock(&s->mu);
	if (!stuck_locked(s) && !atomic_load(&s->failed)) {
		uint64_t n;
		if (read(s->efd, &n, sizeof(n)) < 0) {
			/* Not gone off: nothing to take. */
		}
		if (s->busy && s->sock >= 0)
			alarm_locked(s, (int)(STUCK_MS - ms_since(s->busy_since)));
	}
	pthread_mutex_unlock(&s->mu);
	return atomic_load(&s->failed) ? s->why : NULL;
}

static bool speaking(struct speech *base)
{
	struct spd *s = (struct spd *)base;
	if (atomic_load(&s->failed))
		return false;
	pthread_mutex_lock(&s->mu);
	bool yes = s->text != NULL || s->busy || s->said > s->ended;
	pthread_mutex_unlock(&s->mu);
	return yes;
}

static int event_fd(struct speech *base)
{
	return ((struct spd *)base)->efd;
}

/* With s->mu held: wait until the worker has exited or until `until`. */
static bool wait_exit_locked(struct spd *s, const struct timespec *until)
{
	while (!s->exited) {
		if (pthread_cond_timedwait(&s->cv, &s->mu, until) == ETIMEDOUT)
			break;
	}
	return s->exited;
}

static void close_speech(struct speech *base, int wait_ms)
{
	struct spd *s = (struct spd *)base;
	bool leave = wait_ms == SPEECH_LEAVE_SPEAKING;
	struct timespec until = clock_after_ms(CLOCK_MONOTONIC, leave ? SPEECH_HANDOVER_MS : wait_ms > 0 ? wait_ms : 0);

	pthread_mutex_lock(&s->mu);
	/* The last words: let them be sent, and unless they are left to the
	 * daemon, spoken, within the time given. */
	while (!atomic_load(&s->failed) && !s->exited &&
	       (s->connecting || s->text || s->hush || s->busy || (!leave && s->said > s->ended))) {
		if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
			break;
	}
	s->leave = leave;
	s->stop = true;
	pthread_cond_broadcast(&s->cv);
	until = clock_after_ms(CLOCK_MONOTONIC, GRACE_MS);
	if (!wait_exit_locked(s, &until) && s->sock >= 0) {
		/* Blocked on a frozen daemon: the end of the stream wakes it. */
		shutdown(s->sock, SHUT_RDWR);
		until = clock_after_ms(CLOCK_MONOTONIC, GRACE_MS);
		wait_exit_locked(s, &until);
	}
	if (s->exited) {
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
		destroy(s);
		return;
	}
	/* Still inside libspeechd before there is a socket to shut down (a
	 * frozen daemon that accepted the connection). It frees s when it
	 * returns; if the process exits first, nothing is lost either. */
	s->abandoned = true;
	pthread_mutex_unlock(&s->mu);
	pthread_detach(s->thread);
}

struct speech *speech_spd_open(const char *app, int rate)
{
	struct spd *s = xcalloc(1, sizeof(*s));
	pthread_condattr_t ca;
	sigset_t all, old;

	s->base = (struct speech){.say = say, .cancel = cancel, .failure = failure,
				  .fd = event_fd, .speaking = speaking, .close = close_speech};
	snprintf(s->app, sizeof(s->app), "%s", app);
	s->rate = rate;
	s->sock = -1;
	s->client_id = -1;
	s->connecting = true;
	atomic_init(&s->failed, false);
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_condattr_destroy(&ca);
	s->efd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	/* The worker and libspeechd's reader thread take no signals: a write
	 * to a closed socket gives EPIPE instead of SIGPIPE, and the signals
	 * the caller reads from a signalfd stay with the caller. */
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

static void null_say(struct speech *s, const char *text)
{
	(void)s;
	(void)text;
}

static void null_cancel(struct speech *s)
{
	(void)s;
}

static const char *null_failure(struct speech *s)
{
	(void)s;
	return NULL;
}

static int null_fd(struct speech *s)
{
	(void)s;
	return -1;
}

static bool null_speaking(struct speech *s)
{
	(void)s;
	return false;
}

static void null_close(struct speech *s, int wait_ms)
{
	(void)wait_ms;
	free(s);
}

struct speech *speech_null_open(void)
{
	struct speech *s = xcalloc(1, sizeof(*s));
	*s = (struct speech){.say = null_say, .cancel = null_cancel, .failure = null_failure,
			     .fd = null_fd, .speaking = null_speaking, .close = null_close};
	return s;
}
