#include "audio.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dynlibs.h"
#include "fsutil.h"
#include "util.h"

/* Write a few thousand frames at a time: one call with millions of
 * frames has crashed inside libvorbis, and blocks keep memory flat. */
#define BLOCK 4096
/* Opus for a voice over long silences, chosen by bench/export.sh on
 * psoas-release (17 minutes, a third of it sound): 16 kbit/s (24 gave
 * 1.3 MB), 120 ms frames (libopus asks the CPU what it is once per call,
 * which costs a virtual machine dearly: 20 ms frames took 8.7 s) and
 * complexity 1 (5: 7.3 s and a larger file) give 0.7 MB in 4.8 s. */
#define OPUS_BITRATE 16000
#define OPUS_FRAME OPUS_FRAMESIZE_120_MS
#define OPUS_COMPLEXITY 1

/* Whether a library's table is there; if not, why says which, and why. */
static bool loaded(const void *lib, const char *name, const char *e, char *why, size_t len)
{
	if (lib == NULL)
		snprintf(why, len, "cannot load %s: %s", name, e ? e : "not found");
	return lib != NULL;
}

int audio_resample(const float *in, size_t n, int rate, float **out, size_t *outn, char *why,
		   size_t len)
{
	const char *e = NULL;
	const struct lib_samplerate *L = lib_samplerate(&e);
	if (!loaded(L, "libsamplerate", e, why, len))
		return -1;
	double ratio = (double)MIX_RATE / rate;
	size_t cap = (size_t)((double)n * ratio) + 16;
	float *buf = xmalloc(cap * sizeof(float));
	SRC_DATA d = {.data_in = in, .data_out = buf, .input_frames = (long)n,
		      .output_frames = (long)cap, .src_ratio = ratio};
	int rc = n ? L->src_simple(&d, SRC_SINC_FASTEST, 1) : 0;
	if (rc != 0) {
		snprintf(why, len, "cannot resample: %s", L->src_strerror(rc));
		free(buf);
		return -1;
	}
	*out = buf;
	*outn = n ? (size_t)d.output_frames_gen : 0;
	return 0;
}

char *audio_theme_path(const char *name)
{
	static const char *const exts[] = {"oga", "ogg", "wav"};
	const char *home = getenv("HOME"), *data_home = getenv("XDG_DATA_HOME");
	const char *dirs = getenv("XDG_DATA_DIRS");
	struct sbuf all = {0};
	if (data_home && data_home[0] == '/')
		sbuf_printf(&all, "%s:", data_home);
	else if (home && home[0] == '/')
		sbuf_printf(&all, "%s/.local/share:", home);
	sbuf_printf(&all, "%s", dirs && dirs[0] ? dirs : "/usr/local/share:/usr/share");
	char *found = NULL;
	for (char *dir = all.s, *next; dir && !found; dir = next) {
		next = strchr(dir, ':');
		if (next)
			*next++ = '\0';
		if (dir[0] != '/')
			continue; /* relative entries are ignored, as the spec says */
		for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]) && !found; i++) {
			char *p = xasprintf("%s/sounds/freedesktop/stereo/%s.%s", dir, name, exts[i]);
			if (access(p, R_OK) == 0)
				found = p;
			else
				free(p);
		}
	}
	free(all.s);
	return found;
}

int audio_read(const char *path, unsigned max_s, float **out, size_t *outn, char *why,
	       size_t len)
{
	const char *e = NULL;
	const struct lib_sndfile *L = lib_sndfile(&e);
	if (!loaded(L, "libsndfile", e, why, len))
		return -1;
	SF_INFO info = {0};
	SNDFILE *sf = L->sf_open(path, SFM_READ, &info);
	if (sf == NULL) {
		snprintf(why, len, "cannot read '%s': %s", path, L->sf_strerror(NULL));
		return -1;
	}
	if (info.channels < 1 || info.channels > 8 || info.samplerate < 1000 ||
	    info.frames > (sf_count_t)info.samplerate * max_s) {
		snprintf(why, len, "'%s' is not a sound of at most %u s", path, max_s);
		L->sf_close(sf);
		return -1;
	}
	size_t frames = (size_t)info.frames;
	float *buf = xmalloc((frames ? frames : 1) * (size_t)info.channels * sizeof(float));
	sf_count_t got = L->sf_readf_float(sf, buf, (sf_count_t)frames);
	L->sf_close(sf);
	if (got < 0)
		got = 0;
	mix_downmix(buf, (size_t)got, (unsigned)info.channels, buf);
	int rc = audio_resample(buf, (size_t)got, info.samplerate, out, outn, why, len);
	free(buf);
	return rc;
}

/* The encoders. */
struct audio_out {
	enum audio_format format;
	int fd;
	const struct lib_opusenc *O;
	OggOpusEnc *enc;
	OggOpusComments *comments;
	int write_errno; /* the first failed write(), for the message */
	const struct lib_sndfile *S;
	SNDFILE *sf;
	int16_t s16[BLOCK];
};

static int opus_write_cb(void *user, const unsigned char *p, opus_int32 n)
{
	struct audio_out *o = user;
	if (o->write_errno)
		return 1;
	if (write_full(o->fd, p, (size_t)n) < 0) {
		o->write_errno = errno;
		return 1;
	}
	return 0;
}

static int opus_close_cb(void *user)
{
	(void)user;
	return 0; /* the caller owns the descriptor */
}

static int opus_open(struct audio_out *o, const struct audio_tags *t, char *why, size_t len)
{
	const char *e = NULL;
	o->O = lib_opusenc(&e);
	if (!loaded(o->O, "libopusenc", e, why, len))
		return -1;
	o->comments = o->O->ope_comments_create();
	if (o->comments == NULL) {
		snprintf(why, len, "libopusenc: out of memory");
		return -1;
	}
	int bad = o->O->ope_comments_add(o->comments, "TITLE", t->title) |
		  o->O->ope_comments_add(o->comments, "DESCRIPTION", t->description) |
		  o->O->ope_comments_add(o->comments, "ENCODED_BY", "selfcare export");
	/* CHAPTERnnn: three digits, so at most 999. */
	for (size_t i = 0; t->plan && i < t->plan->nchapters && i < 999; i++) {
		char key[32], value[32];
		snprintf(key, sizeof(key), "CHAPTER%03zu", i + 1);
		bad |= o->O->ope_comments_add(o->comments, key,
					      export_chapter_time(t->plan->chapters[i].at, value,
								  sizeof(value)));
		snprintf(key, sizeof(key), "CHAPTER%03zuNAME", i + 1);
		bad |= o->O->ope_comments_add(o->comments, key, t->plan->chapters[i].name);
	}
	if (bad != OPE_OK) {
		snprintf(why, len, "libopusenc: cannot add the tags");
		return -1;
	}
	OpusEncCallbacks cb = {opus_write_cb, opus_close_cb};
	int err = 0;
	o->enc = o->O->ope_encoder_create_callbacks(&cb, o, o->comments, MIX_RATE, 1, 0, &err);
	if (o->enc == NULL) {
		snprintf(why, len, "libopusenc: %s", o->O->ope_strerror(err));
		return -1;
	}
	/* Voice mode, and DTX sends almost nothing while a hold is quiet. */
	if (o->O->ope_encoder_ctl(o->enc, OPE_SET_SERIALNO((opus_int32)t->serial)) != OPE_OK ||
	    o->O->ope_encoder_ctl(o->enc, OPUS_SET_BITRATE(OPUS_BITRATE)) != OPE_OK ||
	    o->O->ope_encoder_ctl(o->enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)) != OPE_OK ||
	    o->O->ope_encoder_ctl(o->enc, OPUS_SET_DTX(1)) != OPE_OK ||
	    o->O->ope_encoder_ctl(o->enc, OPUS_SET_COMPLEXITY(OPUS_COMPLEXITY)) != OPE_OK ||
	    o->O->ope_encoder_ctl(o->enc, OPUS_SET_EXPERT_FRAME_DURATION(OPUS_FRAME)) != OPE_OK) {
		snprintf(why, len, "libopusenc refused a setting");
		return -1;
	}
	return 0;
}

/* libsndfile writes through these, so that a write that fails is known
 * even where libsndfile drops it (inside sf_close, as FLAC finishes). */
static sf_count_t vio_length(void *user)
{
	struct audio_out *o = user;
	struct stat st;
	return fstat(o->fd, &st) == 0 ? (sf_count_t)st.st_size : -1;
}

static sf_count_t vio_seek(sf_count_t offset, int whence, void *user)
{
	struct audio_out *o = user;
	return (sf_count_t)lseek(o->fd, (off_t)offset, whence);
}

static sf_count_t vio_read(void *p, sf_count_t n, void *user)
{
	struct audio_out *o = user;
	ssize_t r;
	do
		r = read(o->fd, p, (size_t)n);
	while (r < 0 && errno == EINTR);
	return r < 0 ? 0 : (sf_count_t)r;
}

static sf_count_t vio_write(const void *p, sf_count_t n, void *user)
{
	struct audio_out *o = user;
	if (o->write_errno)
		return 0;
	if (write_full(o->fd, p, (size_t)n) < 0) {
		o->write_errno = errno;
		return 0;
	}
	return n;
}

static sf_count_t vio_tell(void *user)
{
	struct audio_out *o = user;
	return (sf_count_t)lseek(o->fd, 0, SEEK_CUR);
}

static int sndfile_open(struct audio_out *o, const struct audio_tags *t, char *why, size_t len)
{
	const char *e = NULL;
	o->S = lib_sndfile(&e);
	if (!loaded(o->S, "libsndfile", e, why, len))
		return -1;
	SF_INFO info = {.samplerate = MIX_RATE, .channels = 1,
			.format = (o->format == AUDIO_FLAC ? SF_FORMAT_FLAC : SF_FORMAT_WAV) |
				  SF_FORMAT_PCM_16};
	static SF_VIRTUAL_IO vio = {vio_length, vio_seek, vio_read, vio_write, vio_tell};
	o->sf = o->S->sf_open_virtual(&vio, SFM_WRITE, &info, o);
	if (o->sf == NULL) {
		snprintf(why, len, "libsndfile: %s", o->S->sf_strerror(NULL));
		return -1;
	}
	o->S->sf_set_string(o->sf, SF_STR_TITLE, t->title);
	o->S->sf_set_string(o->sf, SF_STR_COMMENT, t->description);
	o->S->sf_set_string(o->sf, SF_STR_SOFTWARE, "selfcare export");
	return 0;
}

struct audio_out *audio_out_open(enum audio_format f, int fd, const struct audio_tags *t,
				 char *why, size_t len)
{
	struct audio_out *o = xcalloc(1, sizeof(*o));
	o->format = f;
	o->fd = fd;
	if ((f == AUDIO_OPUS ? opus_open : sndfile_open)(o, t, why, len) < 0) {
		audio_out_close(o, 0, NULL, 0);
		return NULL;
	}
	return o;
}

int audio_out_write(struct audio_out *o, const float *pcm, size_t n, char *why, size_t len)
{
	while (n) {
		size_t k = n < BLOCK ? n : BLOCK;
		if (o->enc) {
			int rc = o->O->ope_encoder_write_float(o->enc, pcm, (int)k);
			if (rc != OPE_OK || o->write_errno) {
				snprintf(why, len, "%s",
					 o->write_errno ? strerror(o->write_errno) : o->O->ope_strerror(rc));
				return -1;
			}
		} else {
			mix_to_s16(pcm, k, o->s16);
			if (o->S->sf_writef_short(o->sf, o->s16, (sf_count_t)k) != (sf_count_t)k ||
			    o->write_errno) {
				/* The system's words ("No space left on device"), not
				 * libsndfile's wrapping of them. */
				snprintf(why, len, "%s", o->write_errno ? strerror(o->write_errno)
									: o->S->sf_strerror(o->sf));
				return -1;
			}
		}
		pcm += k;
		n -= k;
	}
	return 0;
}

int audio_out_close(struct audio_out *o, int finish, char *why, size_t len)
{
	int rc = 0;
	if (o->enc) {
		if (finish) {
			int e = o->O->ope_encoder_drain(o->enc);
			if (e != OPE_OK || o->write_errno) {
				snprintf(why, len, "%s",
					 o->write_errno ? strerror(o->write_errno) : o->O->ope_strerror(e));
				rc = -1;
			}
		}
		o->O->ope_encoder_destroy(o->enc);
	}
	if (o->comments)
		o->O->ope_comments_destroy(o->comments);
	if (o->sf) {
		/* sf_close writes the header's sizes (WAV) and the last frames
		 * (FLAC): a write that failed there is in write_errno. */
		int e = o->S->sf_close(o->sf);
		if (finish && rc == 0 && (e != 0 || o->write_errno)) {
			snprintf(why, len, "%s",
				 o->write_errno ? strerror(o->write_errno) : o->S->sf_error_number(e));
			rc = -1;
		}
	}
	free(o);
	return rc;
}
