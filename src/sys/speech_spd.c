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
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "worker.h"

#define GRACE_MS 50	/* for the worker to finish once told to stop */
#define STUCK_MS 5000	/* an SSIP round trip takes a few ms */
#define NOT_AVAILABLE "speech-dispatcher is not available: "

struct spd {
	struct speech base;
	struct worker w; /* its mu guards the rest */
	char app[64];
	int rate;
	const struct lib_speechd *lib; /* set by the worker, which loads it */
	/* From the caller to the worker. */
	char *text;	/* to say next, or NULL */
	bool hush;	/* cancel, say nothing */
	bool leave;	/* stopping leaves the last words to the daemon */
	/* The worker's state. */
	bool connecting;
	int sock;	/* our duplicate of the SSIP socket, or -1 */
	long said;	/* id of the newest message sent, or 0 */
	long ended;	/* newest of ours that ended or was cancelled */
	long long quiet_at; /* when the daemon last reported one ended, monotonic ns */
	/* Set by the worker before it is registered; read by callbacks. */
	long client_id;
	struct spd *next;
};

#define SPD(wp) ((struct spd *)((char *)(wp) - offsetof(struct spd, w)))

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
		worker_lock(&s->w);
		if ((long)msg_id > s->ended) {
			s->ended = (long)msg_id;
			s->quiet_at = monotonic_ms() * 1000000LL;
			worker_wake_locked(&s->w);
		}
		worker_unlock(&s->w);
	}
	pthread_mutex_unlock(&registry_mu);
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
		worker_fail(&s->w, NOT_AVAILABLE "%s", err ? err : "no address");
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
		worker_fail(&s->w, NOT_AVAILABLE "%s", why);
	return c;
}

/* One SSIP command; 0 when the daemon answers it with success. */
static int ssip(struct spd *s, SPDConnection *c, const char *command)
{
	char *reply = NULL;
	int rc = s->lib->spd_execute_command_with_reply(c, command, &reply);

	free(reply);
	return rc == 0 ? 0 : -1;
}

/* Speak TEXT: SPEAK, the text, the end mark; the message's id (from "225-ID
 * ... 225 OK MESSAGE QUEUED"), or -1. spd_say() would also set the
 * priority each time: one more round trip, and libspeechd reads replies a
 * byte at a time; ours is set once, in setup(). Line breaks become spaces,
 * so the only line to escape is the first: a leading dot is doubled (a
 * line of one dot ends the data). */
static long speak(struct spd *s, SPDConnection *c, const char *text)
{
	char *data = malloc(strlen(text) + 2), *sent, *reply = NULL, *end;
	long id = -1;

	if (data == NULL)
		return -1;
	char *d = data;
	if (text[0] == '.')
		*d++ = '.';
	for (const char *t = text; *t; t++)
		*d++ = *t == '\r' || *t == '\n' ? ' ' : *t;
	*d = '\0';
	if (ssip(s, c, "SPEAK") == 0 && (sent = s->lib->spd_send_data(c, data, SPD_NO_REPLY))) {
		free(sent);
		if (s->lib->spd_execute_command_with_reply(c, "\r\n.", &reply) == 0 && reply &&
		    strncmp(reply, "225-", 4) == 0) {
			id = strtol(reply + 4, &end, 10);
			if (end == reply + 4 || *end != '\r')
				id = -1;
		}
		free(reply);
	}
	free(data);
	return id;
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
	/* Not spd_set_notification_on(): it sends "all on" after any one of
	 * them, and each event (begin, end, cancel...) of every message is a
	 * reply to read. */
	if (ssip(s, c, "SET SELF NOTIFICATION end on") != 0 ||
	    ssip(s, c, "SET SELF NOTIFICATION cancel on") != 0 || ssip(s, c, "SET SELF PRIORITY MESSAGE") != 0)
		return -1;
	if (s->rate != SPEECH_RATE_DEFAULT) {
		int rate = s->rate < -100 ? -100 : s->rate > 100 ? 100 : s->rate;
		if (s->lib->spd_set_voice_rate(c, rate) != 0)
			return -1;
	}
	int fd = fcntl(c->socket, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -1;
	worker_lock(&s->w);
	s->sock = fd;
	worker_unlock(&s->w);
	return 0;
}

static void body(struct worker *w)
{
	struct spd *s = SPD(w);
	const char *why = NULL;
	SPDConnection *c = NULL;

	s->lib = lib_speechd(&why);
	if (s->lib == NULL)
		worker_fail(w, NOT_AVAILABLE "%s", why);
	else
		c = connect_spd(s);
	if (c && setup(s, c) != 0)
		worker_fail(w, NOT_AVAILABLE "it does not answer");
	/* spd_close() cancels libspeechd's reader thread, and glibc loads
	 * libgcc_s for that on the first pthread_cancel (1 to 5 ms, measured):
	 * loaded here, off the clock, it is not part of the run's end. */
	if (c) {
		void *unwinder = dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
		if (unwinder)
			dlclose(unwinder);
	}
	worker_lock(w);
	s->connecting = false;
	worker_wake_locked(w);
	for (;;) {
		while (!s->text && !s->hush && !w->stop)
			worker_wait_locked(w);
		if ((!s->text && !s->hush) || worker_late_locked(w))
			break; /* stopped: all sent, or the rest too late */
		char *text = s->text;
		s->text = NULL;
		s->hush = false;
		bool failed = worker_failed(w);
		/* Nothing of ours still being said: no cancel to send (a
		 * round trip, and libspeechd reads each reply a byte at a
		 * time). An end not reported yet only costs a needless one. */
		bool saying = s->said > s->ended;
		worker_busy_locked(w);
		worker_unlock(w);

		long id = 0;
		if (!failed) {
			/* Cancel first, then say: replacing by priority alone
			 * (SPD_TEXT) was measured to cut the old message up to
			 * 0.9 s late; CANCEL SELF takes effect within ~40 ms. */
			if ((saying && s->lib->spd_cancel(c) != 0) ||
			    (text && (id = speak(s, c, text)) <= 0))
				worker_fail(w, "speech-dispatcher stopped answering");
		}
		free(text);

		worker_lock(w);
		if (id > 0)
			s->said = id;
		worker_idle_locked(w);
	}
	/* Unless they are left to the daemon, the last words are said until
	 * the deadline; messages outlive their connection, so one still
	 * being said then is cut. */
	while (c && !s->leave && !worker_failed(w) && s->said > s->ended)
		if (!worker_wait_until_locked(w, &w->deadline))
			break;
	bool cut = c && !s->leave && s->said > s->ended && !worker_failed(w);
	worker_unlock(w);
	if (c) {
		if (cut)
			s->lib->spd_cancel(c);
		registry_remove(s);
		s->lib->spd_close(c);
	}
	worker_lock(w);
	int fd = s->sock;
	s->sock = -1;
	worker_unlock(w);
	if (fd >= 0)
		close(fd);
}

static void release(struct worker *w)
{
	struct spd *s = SPD(w);
	worker_release(w);
	free(s->text);
	free(s);
}

/* With mu held: a call stuck on a frozen daemon, or a worker that has not
 * finished by close()'s deadline. Give up on speech and break the
 * connection, which frees the worker. */
static void stuck(struct worker *w)
{
	struct spd *s = SPD(w);
	worker_fail_locked(w, "speech-dispatcher stopped answering");
	if (s->sock >= 0)
		shutdown(s->sock, SHUT_RDWR);
}

static const struct worker_ops ops = {
	.name = "sc-speech",
	.body = body,
	.release = release,
	.stuck_ms = STUCK_MS,
	.stuck = stuck,
};

static void cancel(struct speech *base)
{
	struct spd *s = (struct spd *)base;

	if (worker_failed(&s->w))
		return;
	worker_lock(&s->w);
	if (!worker_stuck_locked(&s->w)) {
		free(s->text);
		s->text = NULL;
		s->hush = true;
		worker_wake_locked(&s->w);
	}
	worker_unlock(&s->w);
}

static void say(struct speech *base, const char *text)
{
	struct spd *s = (struct spd *)base;

	if (worker_failed(&s->w))
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
	worker_lock(&s->w);
	if (worker_stuck_locked(&s->w)) {
		worker_unlock(&s->w);
		free(copy);
		return;
	}
	free(s->text);
	s->text = copy;
	s->hush = false;
	worker_wake_locked(&s->w);
	worker_unlock(&s->w);
}

static const char *failure(struct speech *base)
{
	return worker_failure(&((struct spd *)base)->w);
}

static bool speaking(struct speech *base)
{
	struct spd *s = (struct spd *)base;
	if (worker_failed(&s->w))
		return false;
	worker_lock(&s->w);
	bool yes = s->text != NULL || s->w.busy || s->said > s->ended;
	worker_unlock(&s->w);
	return yes;
}

static long long quiet_since(struct speech *base)
{
	struct spd *s = (struct spd *)base;
	worker_lock(&s->w);
	long long t = s->quiet_at;
	worker_unlock(&s->w);
	return t;
}

static int event_fd(struct speech *base)
{
	return worker_fd(&((struct spd *)base)->w);
}

static void stop_speech(struct speech *base, int wait_ms)
{
	struct spd *s = (struct spd *)base;
	bool leave = wait_ms == SPEECH_LEAVE_SPEAKING;

	worker_lock(&s->w);
	if (!s->w.stop)
		s->leave = leave;
	worker_unlock(&s->w);
	worker_stop(&s->w, leave ? SPEECH_HANDOVER_MS : wait_ms);
}

static void close_speech(struct speech *base, int wait_ms)
{
	struct spd *s = (struct spd *)base;
	stop_speech(base, wait_ms);
	worker_join(&s->w, GRACE_MS);
}

struct speech *speech_spd_open(const char *app, int rate)
{
	struct spd *s = xcalloc(1, sizeof(*s));

	s->base = (struct speech){.say = say, .cancel = cancel, .failure = failure,
				  .fd = event_fd, .speaking = speaking, .quiet_since = quiet_since, .stop = stop_speech,
				  .close = close_speech};
	snprintf(s->app, sizeof(s->app), "%s", app);
	s->rate = rate;
	s->sock = -1;
	s->client_id = -1;
	s->connecting = true;
	if (worker_start(&s->w, &ops) != 0) {
		free(s);
		return NULL;
	}
	return &s->base;
}
