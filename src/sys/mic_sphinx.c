/* Voice commands through pocketsphinx's keyword spotting, fed from a
 * libpulse-simple recording, on one worker thread (worker.h).
 *
 * The thread loads both libraries and the acoustic model (about 36 MB,
 * a moment), opens the source, then reads 20 ms blocks of 16 kHz mono
 * audio and hands each to the spotter; a phrase found is queued, with the
 * time it was found, and the caller's poll() woken through an eventfd. A
 * read that blocks for seconds (a sound server that froze) is found out
 * by the worker's stuck check, and the run goes on with its keys. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dynlibs.h"
#include "listen.h"
#include "mic.h"
#include "timeutil.h"
#include "util.h"
#include "worker.h"

#ifndef SELFCARE_SPHINX_MODELDIR
#define SELFCARE_SPHINX_MODELDIR "/usr/share/pocketsphinx/model"
#endif
#define HMM SELFCARE_SPHINX_MODELDIR "/en-us/en-us"
#define DICT SELFCARE_SPHINX_MODELDIR "/en-us/cmudict-en-us.dict"

#define RATE 16000
#define BLOCK (RATE / 50)  /* 20 ms of samples */
#define QUEUE_MAX 8
#define GRACE_MS 100	   /* for the thread to see it must stop: a block is 20 ms */
#define STUCK_MS 3000	   /* a block takes 20 ms to come */
#define OFF "voice commands are off: "

struct sphinx_mic {
	struct mic base;
	struct worker w; /* its mu guards the rest */
	char source[256]; /* empty: the default */
	int efd;	  /* an eventfd: a phrase is waiting */
	bool ready;
	struct heard {
		int phrase;
		int64_t at;
	} queue[QUEUE_MAX];
	int queued;
};

#define MIC(wp) ((struct sphinx_mic *)((char *)(wp) - offsetof(struct sphinx_mic, w)))

const char *mic_sphinx_missing(char *why, unsigned len)
{
	static const char *const files[] = {HMM "/mdef", HMM "/means", DICT};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (access(files[i], R_OK) != 0) {
			snprintf(why, len, "no speech model at %s (Debian: apt install pocketsphinx-en-us)",
				 files[i]);
			return why;
		}
	}
	return NULL;
}

/* The keyword file, from core/listen.c's table: in memory, read by the
 * decoder through /proc/self/fd (no file to leave behind). The descriptor,
 * or -1 with errno. */
static int write_kws(char *path, size_t len)
{
	char text[1024];
	size_t n = listen_kws_text(text, sizeof(text));

	if (n >= sizeof(text)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = memfd_create("selfcare-kws", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, text, n) != (ssize_t)n) {
		int err = errno ? errno : EIO;
		close(fd);
		errno = err;
		return -1;
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

static ps_decoder_t *open_decoder(struct sphinx_mic *m, const struct lib_sphinx *ps)
{
	char why[300], kws[300];

	if (mic_sphinx_missing(why, sizeof(why))) {
		worker_fail(&m->w, OFF "%s", why);
		return NULL;
	}
	int kfd = write_kws(kws, sizeof(kws));
	if (kfd < 0) {
		worker_fail(&m->w, OFF "cannot write the phrase list: %s", strerror(errno));
		return NULL;
	}
	cmd_ln_t *config = ps->cmd_ln_init(NULL, ps->ps_args(), 1, "-hmm", HMM, "-dict", DICT,
					   "-kws", kws, "-logfn", "/dev/null", NULL);
	ps_decoder_t *d = config ? ps->ps_init(config) : NULL;
	close(kfd);
	if (config)
		ps->cmd_ln_free_r(config); /* the decoder keeps its own reference */
	if (d == NULL)
		worker_fail(&m->w, OFF "pocketsphinx cannot load its model from %s", HMM);
	return d;
}

static pa_simple *open_source(struct sphinx_mic *m, const struct lib_pulse_simple *pa)
{
	const pa_sample_spec spec = {.format = PA_SAMPLE_S16LE, .rate = RATE, .channels = 1};
	/* Blocks of 20 ms: a word's end reaches the spotter at once. */
	const pa_buffer_attr attr = {.maxlength = (uint32_t)-1, .tlength = (uint32_t)-1,
				     .prebuf = (uint32_t)-1, .minreq = (uint32_t)-1,
				     .fragsize = BLOCK * 2};
	int err = 0;
	pa_simple *s = pa->pa_simple_new(NULL, "selfcare", PA_STREAM_RECORD,
					 m->source[0] ? m->source : NULL, "voice commands", &spec,
					 NULL, &attr, &err);
	if (s == NULL)
		worker_fail(&m->w, OFF "cannot record from %s: %s",
			    m->source[0] ? m->source : "the default microphone", pa->pa_strerror(err));
	return s;
}

static void heard(struct sphinx_mic *m, int phrase)
{
	uint64_t one = 1;

	worker_lock(&m->w);
	if (m->queued == QUEUE_MAX) {
		memmove(m->queue, m->queue + 1, (QUEUE_MAX - 1) * sizeof(m->queue[0]));
		m->queued--;
	}
	m->queue[m->queued++] = (struct heard){phrase, (int64_t)monotonic_ms() * 1000000};
	worker_unlock(&m->w);
	if (write(m->efd, &one, sizeof(one)) < 0) {
		/* The counter is full: the caller has been woken already. */
	}
}

static void body(struct worker *w)
{
	struct sphinx_mic *m = MIC(w);
	const char *why = NULL;
	const struct lib_sphinx *ps = lib_sphinx(&why);
	const struct lib_pulse_simple *pa = ps ? lib_pulse_simple(&why) : NULL;
	ps_decoder_t *d = NULL;
	pa_simple *s = NULL;
	int16_t block[BLOCK];

	if (ps == NULL || pa == NULL)
		worker_fail(w, OFF "%s (Debian: apt install libpocketsphinx3 libpulse0)", why);
	else if ((d = open_decoder(m, ps)) != NULL && (s = open_source(m, pa)) != NULL)
		ps->ps_start_utt(d);
	worker_lock(w);
	m->ready = s != NULL;
	if (m->ready) {
		uint64_t one = 1; /* the caller may say it listens */
		if (write(m->efd, &one, sizeof(one)) < 0) {
		}
	}
	while (s && !w->stop && !worker_failed(w)) {
		worker_busy_locked(w);
		worker_unlock(w);
		int err = 0;
		int rc = pa->pa_simple_read(s, block, sizeof(block), &err);
		if (rc < 0) {
			worker_fail(w, OFF "the recording stopped: %s", pa->pa_strerror(err));
		} else if (ps->ps_process_raw(d, block, BLOCK, 0, 0) >= 0) {
			const char *hyp = ps->ps_get_hyp(d, NULL);
			int phrase = listen_phrase_in(hyp);
			if (phrase >= 0) {
				heard(m, phrase);
				/* A fresh utterance: the hypothesis would hold it. */
				ps->ps_end_utt(d);
				ps->ps_start_utt(d);
			}
		}
		worker_lock(w);
		worker_idle_locked(w);
	}
	worker_unlock(w);
	if (s)
		pa->pa_simple_free(s);
	if (d) {
		ps->ps_end_utt(d);
		ps->ps_free(d);
	}
}

static void release(struct worker *w)
{
	struct sphinx_mic *m = MIC(w);
	worker_release(w);
	close(m->efd);
	free(m);
}

static const struct worker_ops ops = {
	.name = "sc-listen",
	.body = body,
	.release = release,
	.stuck_ms = STUCK_MS,
	.give_up_ms = STUCK_MS,
	.stuck_why = OFF "the sound server stopped sending the recording",
};

static bool take(struct mic *base, int *phrase, int64_t *at)
{
	struct sphinx_mic *m = (struct sphinx_mic *)base;
	uint64_t n;
	bool got = false;

	if (read(m->efd, &n, sizeof(n)) < 0) {
		/* Nothing new: the queue says so too. */
	}
	worker_lock(&m->w);
	if (m->queued > 0) {
		*phrase = m->queue[0].phrase;
		*at = m->queue[0].at;
		memmove(m->queue, m->queue + 1, (size_t)(m->queued - 1) * sizeof(m->queue[0]));
		m->queued--;
		got = true;
		if (m->queued > 0) {
			uint64_t one = 1; /* more are waiting: poll() says so again */
			if (write(m->efd, &one, sizeof(one)) < 0) {
			}
		}
	}
	worker_unlock(&m->w);
	return got;
}

static int fd_of(struct mic *base)
{
	return ((struct sphinx_mic *)base)->efd;
}

static int news_fd(struct mic *base)
{
	return worker_fd(&((struct sphinx_mic *)base)->w);
}

static const char *failure(struct mic *base)
{
	return worker_failure(&((struct sphinx_mic *)base)->w);
}

static bool ready(struct mic *base)
{
	struct sphinx_mic *m = (struct sphinx_mic *)base;
	worker_lock(&m->w);
	bool r = m->ready;
	worker_unlock(&m->w);
	return r;
}

static void close_mic(struct mic *base)
{
	struct sphinx_mic *m = (struct sphinx_mic *)base;
	worker_stop(&m->w, 0);
	worker_join(&m->w, GRACE_MS);
}

struct mic *mic_sphinx_open(const char *source)
{
	struct sphinx_mic *m = xcalloc(1, sizeof(*m));

	m->base = (struct mic){.take = take, .fd = fd_of, .news_fd = news_fd, .failure = failure, .ready = ready,
			       .close = close_mic};
	snprintf(m->source, sizeof(m->source), "%s", source ? source : "");
	m->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (m->efd < 0) {
		free(m);
		return NULL;
	}
	if (worker_start(&m->w, &ops) != 0) {
		close(m->efd);
		free(m);
		return NULL;
	}
	return &m->base;
}
