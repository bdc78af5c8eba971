/* Spoken words behind a small struct of function pointers, so that run can
 * talk through speech-dispatcher, through nothing, or through a recorder.
 * The caller is the thread that keeps time: no member ever waits on the
 * speech server, and only close() waits at all, for as long as it is told. */
#ifndef SELFCARE_SPEECH_H
#define SELFCARE_SPEECH_H

#include <stdbool.h>

/* For speech_spd_open: keep the rate the user set for speech-dispatcher. */
#define SPEECH_RATE_DEFAULT (-1000)
/* For close(): hand the last words over and go, without waiting for them
 * to be said; speech-dispatcher says them after we have gone. Handing
 * over takes at most SPEECH_HANDOVER_MS. */
#define SPEECH_LEAVE_SPEAKING (-1)
#define SPEECH_HANDOVER_MS 1000

struct speech {
	/* Cancel what is being said, say text; never blocks; the newest text wins. */
	void (*say)(struct speech *s, const char *text);
	/* Stop talking and drop what was not said yet; never blocks. */
	void (*cancel)(struct speech *s);
	/* Why speech stopped working, or NULL; once set, say and cancel do nothing. */
	const char *(*failure)(struct speech *s);
	/* A descriptor that becomes readable when failure() may have news
	 * (a failure, or a call that has waited 5 s). */
	int (*fd)(struct speech *s);
	/* Whether our words are being said: handed to the daemon, or waiting
	 * to be, and not yet reported ended or cancelled by it. Never blocks.
	 * (What a microphone hears meanwhile is selfcare's own voice.) */
	bool (*speaking)(struct speech *s);
	/* When the daemon last reported our words ended (CLOCK_MONOTONIC ns;
	 * 0: never). It reports that before the sound has played out. */
	long long (*quiet_since)(struct speech *s);
	/* Let the last utterance finish for at most wait_ms (then cut it);
	 * or with SPEECH_LEAVE_SPEAKING, send it and leave it to the daemon.
	 * Never blocks. */
	void (*stop)(struct speech *s, int wait_ms);
	/* The same, then wait for it (an earlier stop's deadline stays), and
	 * free s. */
	void (*close)(struct speech *s, int wait_ms);
};

/* Speech that is off is a NULL struct speech, or NULL methods: these calls
 * do nothing then, failure() is NULL and speaking() false. */
static inline void speech_say(struct speech *s, const char *text)
{
	if (s && s->say)
		s->say(s, text);
}
static inline void speech_cancel(struct speech *s)
{
	if (s && s->cancel)
		s->cancel(s);
}
static inline const char *speech_failure(struct speech *s)
{
	return s && s->failure ? s->failure(s) : NULL;
}
static inline int speech_fd(struct speech *s)
{
	return s && s->fd ? s->fd(s) : -1;
}
static inline bool speech_speaking(struct speech *s)
{
	return s && s->speaking ? s->speaking(s) : false;
}
static inline long long speech_quiet_since(struct speech *s)
{
	return s && s->quiet_since ? s->quiet_since(s) : 0;
}
static inline void speech_stop(struct speech *s, int wait_ms)
{
	if (s && s->stop)
		s->stop(s, wait_ms);
}
static inline void speech_close(struct speech *s, int wait_ms)
{
	if (s && s->close)
		s->close(s, wait_ms);
}

/* speech-dispatcher through libspeechd, on a worker thread (worker.h) that loads
 * libspeechd and makes every SSIP call, connecting included. app names the client; rate is -100..100
 * or SPEECH_RATE_DEFAULT. When no daemon answers, it starts one as
 * libspeechd's autospawn would, but with no signal blocked (the caller may
 * block some for a signalfd). A daemon that stops answering for 5 s sets
 * failure(). close() returns within wait_ms + 100 ms even when the daemon
 * is frozen: it breaks the connection, and if the worker is stuck before
 * it has one, leaves the worker to free everything when it comes back.
 * NULL only when no thread can be started. */
struct speech *speech_spd_open(const char *app, int rate);

#endif
