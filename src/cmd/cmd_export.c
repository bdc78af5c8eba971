/* selfcare export: the routine as a run says and plays it, written to an
 * audio file (Opus with chapters, or FLAC or WAV with a cue sheet beside
 * it), offline and far faster than it plays. The session plays on a
 * virtual clock (src/run/virtual.c); export_render.c makes the sound. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio.h"
#include "cli.h"
#include "commands.h"
#include "duration.h"
#include "export.h"
#include "export_render.h"
#include "fsutil.h"
#include "output.h"
#include "run.h"
#include "settings.h"
#include "synth.h"
#include "text.h"
#include "util.h"
#include "voice.h"

static const char *const format_ext[] = {"opus", "flac", "wav"};

static volatile sig_atomic_t interrupted; /* the signal that stops an export */

static void on_signal(int sig)
{
	interrupted = sig;
}

/* The progress bar, on stderr when it is a terminal: one line, clipped
 * to its width, that only goes forward. With festival's voice, making
 * the voice is its first half. */
struct progress {
	bool on;
	const char *what;
	unsigned width;
	int from, span; /* this phase's share of the bar, in percent */
	int shown;      /* the percentage last drawn, -1 none */
	bool drawn;     /* the bar is on the line now */
};

static int progress_step(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	if (p->on && total) {
		int pct = p->from + (int)((done < total ? done : total) * (size_t)p->span / total);
		if (pct > p->shown) {
			p->shown = pct;
			p->drawn = true;
			char bar[21], clean[1024], label[1024];
			int full = pct * 20 / 100;
			memset(bar, '#', (size_t)full);
			memset(bar + full, '.', (size_t)(20 - full));
			bar[20] = '\0';
			/* "LABEL [####................]  20%": 28 columns and a space
			 * besides the label; on a narrow terminal, the percentage. */
			text_sanitize(p->what, clean, sizeof(clean));
			text_clip(clean, p->width > 40 ? p->width - 29 : 11, label, sizeof(label));
			if (p->width >= 40)
				fprintf(stderr, "\r\033[K%s [%s] %3d%%", label, bar, pct);
			else
				fprintf(stderr, "\r\033[K%3d%%", pct);
			fflush(stderr);
		}
	}
	return interrupted != 0;
}

/* The bar's line cleared, before anything else is said there. */
static void progress_done(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->drawn = false;
	}
}

/* The Ogg serial number: from the routine's name, so that the same
 * routine gives the same bytes. */
static uint32_t serial_of(const char *name)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		h = (h ^ *c) * 16777619u;
	return h;
}

/* The cue sheet's path beside the audio file: its extension replaced. */
/* The dot of path's extension, or NULL: ".wav" alone is a name. */
static const char *ext_dot(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot : NULL;
}

static char *cue_path(const char *path)
{
	const char *dot = ext_dot(path);
	return dot ? xasprintf("%.*s.cue", (int)(dot - path), path) : xasprintf("%s.cue", path);
}

/* A file written under a temporary name beside it (".NAME.XXXXXX") and
 * renamed over it once complete: a reader sees the old file or the new
 * one, and an error or a signal leaves nothing. */
struct target {
	char *path;  /* where it goes: a symbolic link's target */
	const char *shown; /* as it was named, for messages */
	char *tmp;   /* the temporary file, while there is one */
	mode_t mode; /* an existing file's, or what open() would give */
	int fd;
};

/* May path be written? Not a directory, nor a device or a FIFO, and
 * not an existing file without force. 0, or -1 said. */
static int target_check(struct target *t, const char *path, bool force, mode_t mask)
{
	struct stat st;
	*t = (struct target){.shown = path, .mode = 0666 & ~mask, .fd = -1};
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return error("export: '%s' is a directory", path);
		if (!S_ISREG(st.st_mode))
			return error("export: '%s' is not a regular file", path);
		if (!force)
			return error("export: '%s' exists; --force replaces it", path);
		t->mode = st.st_mode & 07777;
		t->path = realpath(path, NULL); /* through a link, not over it */
	}
	if (t->path == NULL)
		t->path = xstrdup(path);
	return 0;
}

static int target_open(struct target *t)
{
	char dir[4096];
	const char *slash = strrchr(t->path, '/');
	path_dir(t->path, dir, sizeof(dir));
	t->tmp = slash ? xasprintf("%s/.%s.XXXXXX", slash == t->path ? "" : dir, slash + 1)
		       : xasprintf(".%s.XXXXXX", t->path);
	t->fd = mkostemp(t->tmp, O_CLOEXEC); /* not festival's */
	if (t->fd < 0 || fchmod(t->fd, t->mode) < 0) {
		int e = errno;
		if (t->fd >= 0)
			unlink(t->tmp);
		free(t->tmp);
		t->tmp = NULL;
		return error("export: cannot write '%s': %s", t->shown, strerror(e));
	}
	return 0;
}

/* Written through: on the disk, then in place. */
static int target_flush(struct target *t)
{
	int rc = fsync(t->fd);
	if (close(t->fd) < 0)
		rc = -1;
	t->fd = -1;
	return rc < 0 ? error("export: cannot write '%s': %s", t->shown, strerror(errno)) : 0;
}

static int target_rename(struct target *t)
{
	if (rename(t->tmp, t->path) < 0)
		return error("export: cannot write '%s': %s", t->shown, strerror(errno));
	free(t->tmp);
	t->tmp = NULL;
	return 0;
}

static void target_drop(struct target *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmp)
		unlink(t->tmp); /* not finished: nothing half-written is left */
	free(t->tmp);
	free(t->path);
	*t = (struct target){.fd = -1};
}

static int copy_to_stdout(int fd)
{
	char buf[65536];
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (int)n;
		if (write_full(STDOUT_FILENO, buf, (size_t)n) < 0)
			return -1;
	}
}

struct job {
	const struct loaded *l;
	enum audio_format format;
	struct target *file, *cue; /* file NULL: stdout; cue NULL: none */
	bool quiet, festival, safety;
	int rate;
};

/* The safety notes said first (--safety-voice), then a pause. */
#define SAFETY_PAUSE_NS 3000000000LL
#define SAFETY_TAIL "If you need more time, pause here. The routine begins in a moment."

/* The theme's sounds that the plan plays, read once. */
static int load_sounds(const struct export_plan *plan, float *pcm[], size_t len[])
{
	char why[512];
	for (size_t i = 0; i < plan->nsounds; i++) {
		enum sound_event e = plan->sounds[i].event;
		if (pcm[e])
			continue;
		const char *name = sound_event_name(e);
		char *path = audio_theme_path(name);
		if (path == NULL)
			return error("export: the sound theme has no '%s' (apt install "
				     "sound-theme-freedesktop, or --quiet for no sounds)", name);
		int rc = audio_read(path, 60, &pcm[e], &len[e], why, sizeof(why));
		free(path);
		if (rc < 0)
			return error("export: %s", why);
	}
	return 0;
}

/* For stdout: a temporary file that is gone at once, copied out at the
 * end. */
static int stdout_tmp(void)
{
	char *tmp = xasprintf("%s/selfcare-export.XXXXXX", tmp_dir());
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		error("export: cannot make a temporary file in '%s': %s", tmp_dir(), strerror(errno));
	else
		unlink(tmp);
	free(tmp);
	return fd;
}

/* The files in place, the cue sheet first, with the signals that stop an
 * export held off: both are renamed, or (a signal before) neither. 0, or
 * -1 said. */
static int commit(const struct job *j)
{
	sigset_t stops, old;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	if (target_flush(j->file) < 0)
		return -1;
	sigprocmask(SIG_BLOCK, &stops, &old);
	int rc = interrupted ? -1 : 0;
	if (rc == 0 && j->cue)
		rc = target_rename(j->cue);
	if (rc == 0)
		rc = target_rename(j->file);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static int export_run(const struct job *j)
{
	const struct routine *routine = j->l->routine;
	struct run r = {.l = j->l, .quiet = j->quiet};
	struct export_plan plan = {0};
	float *sound[SOUND_EVENT_COUNT] = {0};
	size_t sound_len[SOUND_EVENT_COUNT] = {0};
	struct synth *synth = NULL;
	struct audio_out *out = NULL;
	char **texts = NULL;
	char *title = NULL, *description = NULL, *sheet = NULL;
	char why[512];
	int fd = -1, code = EXIT_FAIL;
	const char *term = getenv("TERM");
	struct progress prog = {.on = isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0),
				.what = j->file ? j->file->shown : "stdout", .width = term_width(stderr),
				.span = j->festival ? 50 : 100, .shown = -1};

	/* What a run would say and play, and when. */
	timeline_expand(routine, &r.tl);
	voice_init(&r.voice, j->rate);
	play_virtual(&r, &plan);

	/* The voice first: without it there is nothing to write. */
	synth = j->festival ? synth_festival_open(j->rate, why, sizeof(why))
			    : synth_espeak_open(j->rate, why, sizeof(why));
	if (synth == NULL) {
		error("export: %s", why);
		goto out;
	}
	if (load_sounds(&plan, sound, sound_len) < 0)
		goto out;
	if (j->file ? target_open(j->file) < 0 : (fd = stdout_tmp()) < 0)
		goto out;
	if (j->file)
		fd = j->file->fd;

	/* The safety notes, when asked for: first, as a run says them before
	 * a routine's first run; the routine after them and a pause. */
	if (j->safety && routine->safety_count) {
		char *words = xmalloc(VOICE_SAFETY_MAX);
		voice_safety(routine, SAFETY_TAIL, words, VOICE_SAFETY_MAX);
		export_prepend(&plan, words, "Safety notes");
		free(words);
	}

	/* The words, made ready (festival makes them all now). */
	texts = xcalloc(plan.nsays + 1, sizeof(*texts));
	for (size_t i = 0; i < plan.nsays; i++)
		texts[i] = plan.says[i].text;
	int rc = synth->prepare(synth, texts, plan.nsays, j->festival ? progress_step : NULL, &prog,
				why, sizeof(why));
	if (rc != 0) {
		progress_done(&prog);
		if (rc < 0)
			error("export: %s", why);
		goto out;
	}
	struct render rd = {.plan = &plan, .synth = synth, .progress = progress_step, .ctx = &prog};
	if (j->safety && routine->safety_count) {
		/* How long the notes are said for moves the routine. */
		if (synth->get(synth, 0, &rd.first, &rd.first_len, why, sizeof(why)) < 0) {
			progress_done(&prog);
			error("export: %s", why);
			goto out;
		}
		export_make_room(&plan, (int64_t)rd.first_len * 1000000000LL / MIX_RATE +
						SAFETY_PAUSE_NS);
	}

	/* The cue sheet, now that the times are known, and before the sound:
	 * one that cannot be written stops it with nothing left. */
	if (j->cue) {
		const char *base = strrchr(j->file->shown, '/');
		sheet = export_cue_sheet(&plan, routine->title, base ? base + 1 : j->file->shown);
		if (plan.nchapters > EXPORT_CUE_TRACKS)
			warning("export: the cue sheet holds the first %d of %zu steps (its most)",
				EXPORT_CUE_TRACKS, plan.nchapters);
		if (target_open(j->cue) < 0)
			goto out;
		if (write_full(j->cue->fd, sheet, strlen(sheet)) < 0) {
			error("export: cannot write '%s': %s", j->cue->shown, strerror(errno));
			goto out;
		}
		if (target_flush(j->cue) < 0)
			goto out;
	}

	title = text_sanitize_dup(routine->title);
	description = export_description(routine);
	struct audio_tags tags = {title, description, &plan, serial_of(j->l->name)};
	out = audio_out_open(j->format, fd, &tags, why, sizeof(why));
	if (out == NULL) {
		progress_done(&prog);
		error("export: %s", why);
		goto out;
	}
	rd.out = out;
	for (int e = 0; e < SOUND_EVENT_COUNT; e++)
		rd.sound[e] = sound[e], rd.sound_len[e] = sound_len[e];
	prog.from = 100 - prog.span; /* the mix: the rest of the bar */
	rc = export_render(&rd, why, sizeof(why));
	progress_done(&prog);
	if (rc == 0) {
		rc = audio_out_close(out, 1, why, sizeof(why));
		out = NULL;
	}
	if (rc != 0) {
		if (rc < 0 && rd.voice_failed)
			error("export: %s", why);
		else if (rc < 0)
			error("export: cannot write '%s': %s", j->file ? j->file->shown : "stdout", why);
		goto out;
	}
	if (j->file == NULL) {
		if (interrupted)
			goto out;
		if (copy_to_stdout(fd) < 0) {
			/* A reader that left: no message, as for every command. */
			if (errno != EPIPE)
				error("cannot write to stdout: %s", strerror(errno));
			goto out;
		}
	} else if (commit(j) < 0) {
		goto out;
	}
	code = EXIT_OK;
	if (rd.cut)
		warning("export: %zu of %zu utterances were cut short by the next one, as a run "
			"would cut them (a slower voice than the timings allow for)",
			rd.cut, plan.nsays);
	if (prog.on && j->file) {
		char dur[32], shown[1024];
		fprintf(stderr, "wrote %s: %s, %zu chapter%s\n",
			text_sanitize(j->file->shown, shown, sizeof(shown)),
			duration_format((unsigned)((rd.samples + MIX_RATE / 2) / MIX_RATE), dur,
					sizeof(dur)),
			plan.nchapters, plan.nchapters == 1 ? "" : "s");
	}
out:
	if (out)
		audio_out_close(out, 0, NULL, 0);
	if (j->file == NULL && fd >= 0)
		close(fd);
	if (synth)
		synth->close(synth);
	for (int e = 0; e < SOUND_EVENT_COUNT; e++)
		free(sound[e]);
	free(texts);
	free(title);
	free(description);
	free(sheet);
	export_plan_release(&plan);
	timeline_release(&r.tl);
	return code;
}

/* The format an extension names (any case; .ogg and .oga hold Opus too),
 * -1 for another extension, -2 for none. */
static int format_of(const char *path)
{
	const char *dot = ext_dot(path);
	if (dot == NULL)
		return -2;
	static const char *const opus_too[] = {"ogg", "oga"};
	for (int i = 0; i < 3; i++)
		if (strcasecmp(dot + 1, format_ext[i]) == 0)
			return i;
	for (int i = 0; i < 2; i++)
		if (strcasecmp(dot + 1, opus_too[i]) == 0)
			return AUDIO_OPUS;
	return -1;
}

static int export_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'F'},
		{"voice", required_argument, NULL, 'v'},
		{"voice-rate", required_argument, NULL, 'R'},
		{"quiet", no_argument, NULL, 'q'},
		{"force", no_argument, NULL, 'f'},
		{"safety-voice", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const struct config *cfg = settings();
	struct job j = {.quiet = !cfg->sounds,
			.rate = cfg->voice_rate == CONFIG_RATE_DEFAULT ? 0 : cfg->voice_rate};
	const char *output = NULL;
	int format = -1, c;
	bool force = false;

	options_reset();
	while ((c = getopt_long(argc, argv, ":o:qfh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'F':
			for (int i = 0; i < 3; i++)
				if (strcmp(optarg, format_ext[i]) == 0)
					format = i;
			if (format < 0)
				return usage_error("export", "export: --format is opus, flac or wav");
			break;
		case 'v':
			if (strcmp(optarg, "festival") == 0)
				j.festival = true;
			else if (strcmp(optarg, "espeak-ng") == 0)
				j.festival = false;
			else
				return usage_error("export", "export: --voice is espeak-ng or festival");
			break;
		case 'R':
			if (parse_voice_rate("export", optarg, &j.rate) != 0)
				return EXIT_USAGE;
			break;
		case 'q': j.quiet = true; break;
		case 'f': force = true; break;
		case 'S': j.safety = true; break;
		case 'h': command_print_help(&cmd_export); return EXIT_OK;
		default: return command_bad_option(&cmd_export, opts, c, argv);
		}
	}
	if (optind == argc)
		return usage_error("export", "export: which routine? Give a NAME or a FILE");
	if (argc - optind > 1)
		return usage_error("export", "export: too many arguments");
	if (output && output[0] == '\0')
		return usage_error("export", "export: -o needs a file name, or - for stdout");
	bool to_stdout = output && strcmp(output, "-") == 0;
	/* The format: as asked, else the file's extension, else Opus; a name
	 * that says another format is a mistake. */
	if (output && !to_stdout) {
		int named = format_of(output);
		if (named >= 0 && format >= 0 && named != format)
			return usage_error("export", "export: '%s' is named for %s, not %s", output,
					   format_ext[named], format_ext[format]);
		if (named == -1 && format < 0)
			return usage_error("export", "export: which format is '%s'? Name it .opus, .flac "
					   "or .wav, or give --format", output);
		if (format < 0 && named >= 0)
			format = named;
	}
	j.format = format < 0 ? AUDIO_OPUS : (enum audio_format)format;
	/* A closed stdout (main() holds its place with /dev/null, read
	 * only): say so now, not after the work. */
	int fl = to_stdout ? fcntl(STDOUT_FILENO, F_GETFL) : 0;
	if (fl < 0 || (to_stdout && (fl & O_ACCMODE) == O_RDONLY))
		return error("cannot write to stdout: %s", strerror(EBADF));
	if (to_stdout && isatty(STDOUT_FILENO))
		return usage_error("export", "export: stdout is a terminal; give -o FILE, or "
					     "send it to a file or a program");

	struct loaded l;
	int code = load_routine_arg(argv[optind], &l);
	if (code != EXIT_OK)
		return code;
	j.l = &l;
	mode_t mask = umask(0); /* the files' modes, as open() would make them */
	umask(mask);
	struct target file = {.fd = -1}, cue = {.fd = -1};
	char *path = NULL, *cue_name = NULL;
	if (!to_stdout) {
		path = output ? xstrdup(output) : xasprintf("%s.%s", l.name, format_ext[j.format]);
		code = target_check(&file, path, force, mask);
		j.file = &file;
		if (code == 0 && j.format != AUDIO_OPUS) {
			cue_name = cue_path(path);
			code = target_check(&cue, cue_name, force, mask);
			j.cue = &cue;
		}
	}
	/* Ctrl-C, a hang-up or a kill leave no file behind: the loop notices,
	 * the temporary files go, and the signal ends us. */
	struct sigaction sa = {.sa_handler = on_signal}, old[3];
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) {
		sigaction(sigs[i], NULL, &old[i]);
		/* One that is ignored (a background job's Ctrl-C) stays so. */
		if (old[i].sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	code = code == 0 ? export_run(&j) : EXIT_FAIL;
	target_drop(&file);
	target_drop(&cue);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (interrupted) {
		/* Die of it, as a shell's loop expects of a command. */
		signal(interrupted, SIG_DFL);
		raise(interrupted);
		code = 128 + interrupted;
	}
	free(path);
	free(cue_name);
	loaded_release(&l);
	return code;
}

const struct command cmd_export = {
	.name = "export",
	.summary = "write a routine as an audio file, to follow away from the computer",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Write what a run says and plays to an audio file: the step names and\n"
		"instructions in each time to get ready, the cues at their times, how to\n"
		"come out of each hold, the closing words and the theme's event sounds,\n"
		"with silence for the holds, with the routine's pronunciations. Each step\n"
		"played is a chapter, so that a phone's player can skip to it. It is made\n"
		"offline, far faster than it plays. The safety notes are in its tags, and\n"
		"spoken only with --safety-voice: read them first ('selfcare show NAME').\n\n"
		"Options:\n"
		"  -o, --output FILE write FILE (default NAME.opus in the current directory,\n"
		"                    or NAME.flac or NAME.wav with --format); its extension\n"
		"                    chooses the format; - writes to stdout (not a terminal)\n"
		"      --format F    opus (the default), flac or wav. Opus holds its chapters\n"
		"                    and tags; FLAC and WAV get a cue sheet beside them, named\n"
		"                    as the file with .cue, a track per step\n"
		"      --voice V     espeak-ng (the default: the voice of a run) or festival\n"
		"                    (a more natural voice, where festival and\n"
		"                    festvox-us-slt-hts are installed; slower to make)\n"
		"      --voice-rate N\n"
		"                    speak faster (up to 100) or slower (down to -100) than\n"
		"                    speech-dispatcher's normal rate, 0; config.yaml's\n"
		"                    voice-rate otherwise\n"
		"  -q, --quiet       no event sounds, only the voice (also with sounds: false\n"
		"                    in config.yaml; voice: false is for runs: a file speaks)\n"
		"      --safety-voice\n"
		"                    read the safety notes aloud first, as their own chapter\n"
		"                    (the routine after them and a pause)\n"
		"  -f, --force       replace FILE (and its cue sheet) when it exists\n"
		"  -h, --help        show this help\n\n"
		"The file is written under a temporary name beside it and renamed when it\n"
		"is complete: an error, Ctrl-C or a kill leaves nothing behind.\n\n"
		"Exit status: 0 written, 1 failure (nothing written), 2 usage error,\n"
		"65 invalid routine; a signal that stops it ends it as that signal.\n",
	.exec = export_exec,
};
