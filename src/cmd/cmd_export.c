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

static const char *const format_ext[] = {"opus", "flac", "wav"};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* The progress bar, on stderr when it is a terminal. */
struct progress {
	bool on;
	const char *what;
	int shown; /* the percentage last drawn, -1 none */
};

static int progress_step(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	if (p->on && total) {
		int pct = (int)(done * 100 / total);
		if (pct > 100)
			pct = 100;
		if (pct != p->shown) {
			p->shown = pct;
			char bar[31];
			int full = pct * 30 / 100;
			memset(bar, '#', (size_t)full);
			memset(bar + full, '.', (size_t)(30 - full));
			bar[30] = '\0';
			fprintf(stderr, "\r\033[K%s [%s] %3d%%", p->what, bar, pct);
			fflush(stderr);
		}
	}
	return interrupted != 0;
}

static void progress_done(struct progress *p)
{
	if (p->on && p->shown >= 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = -1;
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
static char *cue_path(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	if (dot && (!slash || dot > slash + 1))
		return xasprintf("%.*s.cue", (int)(dot - path), path);
	return xasprintf("%s.cue", path);
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
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -1;
			off += w;
		}
	}
}

struct job {
	const struct loaded *l;
	enum audio_format format;
	const char *path; /* NULL: stdout */
	bool force, quiet, festival;
	int rate;
};

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
	char *tmp = NULL, *title = NULL, *description = NULL;
	char why[512];
	int fd = -1, code = EXIT_FAIL;
	struct progress prog = {.on = isatty(STDERR_FILENO), .shown = -1};
	mode_t mask = umask(0); /* for the files' modes, as open() would make them */
	umask(mask);

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

	/* A temporary file beside the target, renamed over it at the end;
	 * for stdout, one that is gone at once and copied out at the end. */
	if (j->path) {
		char dir[4096];
		path_dir(j->path, dir, sizeof(dir));
		const char *base = strrchr(j->path, '/') ? strrchr(j->path, '/') + 1 : j->path;
		tmp = strchr(j->path, '/') ? xasprintf("%s/.%s.XXXXXX", dir, base)
					   : xasprintf(".%s.XXXXXX", base);
	} else {
		const char *t = getenv("TMPDIR");
		tmp = xasprintf("%s/selfcare-export.XXXXXX", t && t[0] == '/' ? t : "/tmp");
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		error("export: cannot write '%s': %s", j->path ? j->path : tmp, strerror(errno));
		goto out;
	}
	if (j->path == NULL) {
		unlink(tmp);
	} else {
		if (fchmod(fd, 0666 & ~mask) < 0) {
			error("export: cannot write '%s': %s", j->path, strerror(errno));
			goto out;
		}
	}

	/* The words, made ready (festival makes them all now). */
	texts = xcalloc(plan.nsays + 1, sizeof(*texts));
	for (size_t i = 0; i < plan.nsays; i++)
		texts[i] = plan.says[i].text;
	prog.what = "voice";
	int rc = synth->prepare(synth, texts, plan.nsays, j->festival ? progress_step : NULL, &prog,
				why, sizeof(why));
	progress_done(&prog);
	if (rc != 0) {
		if (rc < 0)
			error("export: %s", why);
		goto out;
	}

	title = text_sanitize_dup(routine->title);
	description = export_description(routine);
	struct audio_tags tags = {title, description, &plan, serial_of(j->l->name)};
	out = audio_out_open(j->format, fd, &tags, why, sizeof(why));
	if (out == NULL) {
		error("export: %s", why);
		goto out;
	}
	struct render rd = {.plan = &plan, .synth = synth, .out = out,
			    .progress = progress_step, .ctx = &prog};
	for (int e = 0; e < SOUND_EVENT_COUNT; e++)
		rd.sound[e] = sound[e], rd.sound_len[e] = sound_len[e];
	prog.what = j->path ? j->path : "stdout";
	rc = export_render(&rd, why, sizeof(why));
	progress_done(&prog);
	if (rc == 0) {
		rc = audio_out_close(out, 1, why, sizeof(why));
		out = NULL;
	}
	if (rc != 0) {
		if (rc < 0)
			error("export: cannot write '%s': %s", j->path ? j->path : "stdout", why);
		goto out;
	}
	if (interrupted)
		goto out;
	if (j->path == NULL) {
		if (copy_to_stdout(fd) < 0) {
			error("cannot write to stdout: %s", strerror(errno));
			goto out;
		}
	} else {
		if (fsync(fd) < 0 || close(fd) < 0) {
			fd = -1;
			error("export: cannot write '%s': %s", j->path, strerror(errno));
			goto out;
		}
		fd = -1;
		if (rename(tmp, j->path) < 0) {
			error("export: cannot write '%s': %s", j->path, strerror(errno));
			goto out;
		}
		free(tmp);
		tmp = NULL;
		if (j->format != AUDIO_OPUS) {
			/* Chapters for FLAC and WAV: a cue sheet beside the file. */
			char *cue = cue_path(j->path);
			const char *base = strrchr(j->path, '/') ? strrchr(j->path, '/') + 1 : j->path;
			char *sheet = export_cue_sheet(&plan, routine->title, base);
			if (atomic_write(cue, sheet, 0666 & ~mask) < 0)
				error("export: cannot write '%s': %s", cue, strerror(errno));
			else
				code = EXIT_OK;
			free(sheet);
			free(cue);
		} else {
			code = EXIT_OK;
		}
	}
	if (j->path == NULL)
		code = EXIT_OK;
	if (code == EXIT_OK && rd.cut)
		warning("export: %zu of %zu utterances were cut short by the next one, as a run "
			"would cut them (a slower voice than the timings allow for)",
			rd.cut, plan.nsays);
	if (code == EXIT_OK && prog.on && j->path) {
		char dur[32];
		fprintf(stderr, "wrote %s: %s, %zu chapters\n", j->path,
			duration_format((unsigned)((rd.samples + MIX_RATE / 2) / MIX_RATE), dur,
					sizeof(dur)),
			plan.nchapters);
	}
out:
	if (out)
		audio_out_close(out, 0, NULL, 0);
	if (fd >= 0)
		close(fd);
	if (tmp && j->path)
		unlink(tmp); /* not finished: nothing half-written is left */
	free(tmp);
	if (synth)
		synth->close(synth);
	for (int e = 0; e < SOUND_EVENT_COUNT; e++)
		free(sound[e]);
	free(texts);
	free(title);
	free(description);
	export_plan_release(&plan);
	timeline_release(&r.tl);
	if (interrupted)
		return 128 + interrupted;
	return code;
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
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const struct config *cfg = settings();
	struct job j = {.quiet = !cfg->sounds,
			.rate = cfg->voice_rate == CONFIG_RATE_DEFAULT ? 0 : cfg->voice_rate};
	const char *output = NULL;
	int format = -1, c;

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
		case 'R': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < -100 || v > 100)
				return usage_error("export", "export: --voice-rate takes a whole number from -100 to 100");
			j.rate = (int)v;
			break;
		}
		case 'q': j.quiet = true; break;
		case 'f': j.force = true; break;
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
	/* The format: as asked, else the file's extension, else Opus. */
	if (format < 0 && output) {
		const char *dot = strrchr(output, '.');
		for (int i = 0; dot && i < 3; i++)
			if (strcmp(dot + 1, format_ext[i]) == 0)
				format = i;
	}
	j.format = format < 0 ? AUDIO_OPUS : (enum audio_format)format;
	bool to_stdout = output && strcmp(output, "-") == 0;
	/* A closed stdout would be the next file opened: say so now. */
	if (to_stdout && fcntl(STDOUT_FILENO, F_GETFD) < 0)
		return error("cannot write to stdout: %s", strerror(errno));
	if (to_stdout && isatty(STDOUT_FILENO))
		return usage_error("export", "export: stdout is a terminal; give -o FILE, or "
					     "send it to a file or a program");

	struct loaded l;
	int code = load_routine_arg(argv[optind], &l);
	if (code != EXIT_OK)
		return code;
	j.l = &l;
	char *path = NULL;
	if (!to_stdout) {
		path = output ? xstrdup(output) : xasprintf("%s.%s", l.name, format_ext[j.format]);
		struct stat st;
		if (!j.force && lstat(path, &st) == 0) {
			error("export: '%s' exists; --force replaces it", path);
			free(path);
			loaded_release(&l);
			return EXIT_FAIL;
		}
	}
	j.path = path;

	/* Ctrl-C, a hang-up or a kill leave no file behind: the loop
	 * notices, the temporary file goes, and the signal gives the status. */
	struct sigaction sa = {.sa_handler = on_signal}, old[3];
	const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	code = export_run(&j);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	free(path);
	loaded_release(&l);
	return code;
}

const struct command cmd_export = {
	.name = "export",
	.summary = "write a routine as an audio file, to follow away from the computer",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Write what a run says and plays to an audio file: the step names and\n"
		"instructions in each prepare time, the cues at their times, how to come\n"
		"out of each hold, the closing words and the theme's event sounds, with\n"
		"silence for the holds, at config.yaml's voice rate and with the routine's\n"
		"pronunciations. Each step is a chapter, so that a phone's player can skip\n"
		"to it. It is made offline, far faster than it plays.\n\n"
		"Options:\n"
		"  -o, --output FILE write FILE (default NAME.opus, or NAME.flac or NAME.wav\n"
		"                    with --format, in the current directory); - writes\n"
		"                    to stdout (not a terminal)\n"
		"      --format F    opus (the default; the file's extension chooses\n"
		"                    otherwise), flac or wav. Opus holds its chapters and\n"
		"                    tags; FLAC and WAV get a cue sheet beside them\n"
		"                    (NAME.cue) with a track per step\n"
		"      --voice V     espeak-ng (the default: the voice of a run) or\n"
		"                    festival (a more natural voice, where festival and\n"
		"                    festvox-us-slt-hts are installed; slower to make)\n"
		"      --voice-rate N\n"
		"                    speak faster (up to 100) or slower (down to -100)\n"
		"  -q, --quiet       no event sounds, only the voice\n"
		"  -f, --force       replace FILE when it exists\n"
		"  -h, --help        show this help\n\n"
		"The title, the summary and the safety notes are in the file's tags. The\n"
		"file is written under a temporary name and renamed when it is complete:\n"
		"an error or Ctrl-C leaves nothing behind.\n\n"
		"Exit status: 0 written, 1 failure (nothing written), 2 usage error,\n"
		"65 invalid routine, 128+N a signal N stopped it (130 Ctrl-C).\n",
	.exec = export_exec,
};
