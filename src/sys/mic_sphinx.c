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
#include <math.h>
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

/* A file the decoder reads (the keyword list, the grammar, from
 * core/listen.c): text in memory, read through /proc/self/fd, so there is
 * no file to leave behind. (ps_set_jsgf_string would spare the file, but
 * leaks its parse in this pocketsphinx.) The descriptor, or -1 with errno. */
static int memfile(const char *name, const char *text, size_t n, char *path, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
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

/* The spotter: pocketsphinx's keyword search listens all the time; a hit
 * is held until the word has ended (core/listen.h's listen_look), then
 * the last LISTEN_LOOK_BACK_NS are decoded again by a second decoder with
 * the commands' grammar, and only a whole phrase at the window's end
 * counts. The second decoder keeps pocketsphinx's silence removal off: it
 * decodes a short window at once, and its grammar has room for silence. */
#define LOOK_BACK ((size_t)(LISTEN_LOOK_BACK_NS / (1000000000 / RATE)))
#define LEVELS 100 /* the levels of the last 100 blocks (two seconds of the 20 ms ones) */

struct spotter {
	const struct lib_sphinx *ps;
	ps_decoder_t *d;	   /* the keyword search */
	ps_decoder_t *g;	   /* the second look's grammar */
	int16_t ring[LOOK_BACK];   /* the last LOOK_BACK samples */
	int16_t window[LOOK_BACK]; /* the ring in order, for the look */
	size_t head;		   /* where the next sample goes */
	size_t filled;		   /* samples in the ring, up to LOOK_BACK */
	double level[LEVELS];	   /* dBFS, a ring too */
	size_t level_at;
	size_t levels;		   /* blocks in it, up to LEVELS */
	struct listen_look look;
};

/* A decoder of the en-us model searching as search (-kws, -jsgf) says
 * with the file at path, or NULL. */
static ps_decoder_t *decoder(const struct lib_sphinx *ps, const char *search, const char *path,
			     const char *remove_silence)
{
	cmd_ln_t *config = ps->cmd_ln_init(NULL, ps->ps_args(), 1, "-hmm", HMM, "-dict", DICT, search, path,
					   "-remove_silence", remove_silence, "-logfn", "/dev/null", NULL);
	ps_decoder_t *d = config ? ps->ps_init(config) : NULL;

	if (config)
		ps->cmd_ln_free_r(config); /* the decoder keeps its own reference */
	return d;
}

struct spotter *spotter_open(char *why, size_t len)
{
	char kws[1024], grammar[2048], kws_path[64], grammar_path[64];
	const char *missing = NULL;
	const struct lib_sphinx *ps = lib_sphinx(&missing);
	size_t kn = listen_kws_text(kws, sizeof(kws)), gn = listen_grammar_text(grammar, sizeof(grammar));
	ps_decoder_t *d = NULL, *g = NULL;
	int kfd = -1, gfd = -1;

	if (ps == NULL) {
		snprintf(why, len, "%s (Debian: apt install libpocketsphinx3)", missing);
		return NULL;
	}
	if (mic_sphinx_missing(why, (unsigned)len))
		return NULL;
	if (kn >= sizeof(kws) || gn >= sizeof(grammar)) {
		snprintf(why, len, "the phrase list is too long");
		return NULL;
	}
	kfd = memfile("selfcare-kws", kws, kn, kws_path, sizeof(kws_path));
	gfd = kfd < 0 ? -1 : memfile("selfcare-grammar", grammar, gn, grammar_path, sizeof(grammar_path));
	if (gfd < 0) {
		snprintf(why, len, "cannot write the phrase list: %s", strerror(errno));
	} else {
		d = decoder(ps, "-kws", kws_path, "yes");
		g = d ? decoder(ps, "-jsgf", grammar_path, "no") : NULL;
		if (g == NULL)
			snprintf(why, len, "pocketsphinx cannot load its model from %s", HMM);
	}
	if (kfd >= 0)
		close(kfd);
	if (gfd >= 0)
		close(gfd);
	if (g == NULL) {
		if (d)
			ps->ps_free(d);
		return NULL;
	}
	struct spotter *sp = xcalloc(1, sizeof(*sp));
	sp->ps = ps;
	sp->d = d;
	sp->g = g;
	ps->ps_start_utt(d);
	return sp;
}

/* The ring's samples, oldest first, into out (LOOK_BACK long): how many. */
static size_t unroll(const struct spotter *sp, int16_t *out)
{
	size_t start = (sp->head + LOOK_BACK - sp->filled) % LOOK_BACK;
	size_t first = sp->filled < LOOK_BACK - start ? sp->filled : LOOK_BACK - start;

	memcpy(out, sp->ring + start, first * sizeof(*out));
	memcpy(out + first, sp->ring, (sp->filled - first) * sizeof(*out));
	return sp->filled;
}

/* The second look: the phrase the grammar ends in, or -1. */
static int look(struct spotter *sp)
{
	const struct lib_sphinx *ps = sp->ps;
	size_t n = unroll(sp, sp->window);
	int phrase = -1;

	ps->ps_start_utt(sp->g);
	int ok = ps->ps_process_raw(sp->g, sp->window, n, 0, 1) >= 0;
	ps->ps_end_utt(sp->g);
	if (ok)
		phrase = listen_phrase_in(ps->ps_get_hyp(sp->g, NULL));
	if (phrase >= 0)
		sp->filled = 0; /* a phrase is acted on once */
	return phrase;
}

/* The level of n samples, in dBFS. */
static double level_db(const int16_t *x, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)x[i] * x[i];
	return n ? 10 * log10(sum / (double)n / (32768.0 * 32768.0) + 1e-10) : -100;
}

int spotter_feed(struct spotter *sp, const int16_t *samples, size_t n)
{
	double db = level_db(samples, n);

	for (size_t i = 0; i < n; i++) {
		sp->ring[sp->head] = samples[i];
		sp->head = (sp->head + 1) % LOOK_BACK;
	}
	sp->filled = sp->filled + n < LOOK_BACK ? sp->filled + n : LOOK_BACK;
	sp->level[sp->level_at] = db;
	sp->level_at = (sp->level_at + 1) % LEVELS;
	sp->levels += sp->levels < LEVELS;
	/* The spotter hears everything, also while a hit waits: a command
	 * said just after a false hit keeps its beginning. */
	if (sp->ps->ps_process_raw(sp->d, samples, n, 0, 0) < 0)
		return -1;
	if (sp->look.held) {
		if (!listen_look_block(&sp->look, db, (int64_t)n * (1000000000 / RATE)))
			return -1;
		/* Whatever it found meanwhile is in the window just looked at. */
		sp->ps->ps_end_utt(sp->d);
		sp->ps->ps_start_utt(sp->d);
		return look(sp);
	}
	if (listen_phrase_in(sp->ps->ps_get_hyp(sp->d, NULL)) < 0)
		return -1;
	/* A fresh utterance (the hypothesis would hold it), and the
	 * second look once the word has ended. */
	sp->ps->ps_end_utt(sp->d);
	sp->ps->ps_start_utt(sp->d);
	double peak = -100, quietest = 0;
	for (size_t i = 0; i < sp->levels; i++) {
		double l = sp->level[(sp->level_at + LEVELS - 1 - i) % LEVELS];
		if (i < LEVELS / 2 && l > peak)
			peak = l;
		if (l < quietest)
			quietest = l;
	}
	listen_look_hit(&sp->look, peak, quietest);
	return -1;
}

void spotter_close(struct spotter *sp)
{
	if (sp == NULL)
		return;
	sp->ps->ps_end_utt(sp->d);
	sp->ps->ps_free(sp->d);
	sp->ps->ps_free(sp->g);
	free(sp);
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
	char why[300] = "";
	const char *missing = NULL;
	struct spotter *sp = spotter_open(why, sizeof(why));
	const struct lib_pulse_simple *pa = sp ? lib_pulse_simple(&missing) : NULL;
	pa_simple *s = NULL;
	int16_t block[BLOCK];

	if (sp == NULL)
		worker_fail(w, OFF "%s", why);
	else if (pa == NULL)
		worker_fail(w, OFF "%s (Debian: apt install libpulse0)", missing);
	else
		s = open_source(m, pa);
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
		if (pa->pa_simple_read(s, block, sizeof(block), &err) < 0) {
			worker_fail(w, OFF "the recording stopped: %s", pa->pa_strerror(err));
		} else {
			int phrase = spotter_feed(sp, block, BLOCK);
			if (phrase >= 0)
				heard(m, phrase);
		}
		worker_lock(w);
		worker_idle_locked(w);
	}
	worker_unlock(w);
	if (s)
		pa->pa_simple_free(s);
	spotter_close(sp);
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
