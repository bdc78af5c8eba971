/* festival's HTS voice: one festival process for the whole routine (it
 * takes 0.4 s and hundreds of megabytes to start), given a script that
 * saves each utterance as a WAV file in a private temporary directory;
 * get() reads them back one at a time. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "fsutil.h"
#include "saytime.h"
#include "synth.h"
#include "util.h"

#define FESTIVAL_VOICE "cmu_us_slt_arctic_hts"
#define FESTIVAL_VOICE_DIR "/usr/share/festival/voices/us/" FESTIVAL_VOICE

struct festival {
	struct synth s;
	int rate;
	char *dir;
	size_t n;
};

static char *wav_path(const struct festival *f, size_t i)
{
	return xasprintf("%s/%06zu.wav", f->dir, i);
}

/* text as a Scheme string: only \ and " need a backslash (the text is
 * sanitized: no control characters). */
static void scheme_string(struct sbuf *b, const char *text)
{
	sbuf_put(b, "\"", 1);
	for (const char *c = text; *c; c++) {
		if (*c == '\\' || *c == '"')
			sbuf_put(b, "\\", 1);
		sbuf_put(b, c, 1);
	}
	sbuf_put(b, "\"", 1);
}

/* How many of the utterances' files are there, counting on from done. */
static size_t count_made(const struct festival *f, size_t done)
{
	while (done < f->n) {
		char *next = wav_path(f, done);
		bool there = access(next, F_OK) == 0;
		free(next);
		if (!there)
			break;
		done++;
	}
	return done;
}

/* Stop festival: asked, then told, and waited for whatever the signals. */
static void end_child(pid_t pid)
{
	kill(pid, SIGTERM);
	for (int i = 0; i < 40; i++) {
		pid_t w = waitpid(pid, NULL, WNOHANG);
		if (w == pid || (w < 0 && errno != EINTR))
			return;
		nanosleep(&(struct timespec){0, 50000000}, NULL);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static int festival_prepare(struct synth *s, char *const *texts, size_t n,
			    int (*progress)(void *, size_t, size_t), void *ctx, char *why, size_t len)
{
	struct festival *f = (struct festival *)s;
	f->n = n;
	struct sbuf b = {0};
	/* Slower or faster as speech-dispatcher's rate would make espeak-ng. */
	sbuf_printf(&b, "(voice_%s)\n(Parameter.set 'Duration_Stretch %.3f)\n", FESTIVAL_VOICE,
		    170.0 / saytime_wpm(f->rate));
	for (size_t i = 0; i < n; i++) {
		char *wav = wav_path(f, i);
		sbuf_printf(&b, "(utt.save.wave (utt.synth (Utterance Text ");
		scheme_string(&b, texts[i]);
		sbuf_printf(&b, ")) ");
		scheme_string(&b, wav);
		sbuf_printf(&b, " 'riff)\n");
		free(wav);
	}
	char *script = xasprintf("%s/say.scm", f->dir);
	char *log = xasprintf("%s/log", f->dir);
	int rc = -1;
	if (atomic_write(script, b.s, 0600) < 0) {
		snprintf(why, len, "cannot write '%s': %s", script, strerror(errno));
		goto out;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, len, "cannot start festival: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY), out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		close(in);
		close(out);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execlp("festival", "festival", "-b", script, (char *)NULL);
		_exit(127);
	}
	/* Wait for it, counting the files it has made, and let the caller
	 * stop it (Ctrl-C). */
	int status = 0;
	size_t done = 0;
	bool stop = false;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			status = 1 << 8;
			break;
		}
		done = count_made(f, done);
		if (progress && progress(ctx, done, n)) {
			stop = true;
			break;
		}
		nanosleep(&(struct timespec){0, 50000000}, NULL);
	}
	/* A stop asked for (it may also have stopped festival, the same
	 * Ctrl-C reaching the process group) is no failure of festival's. */
	if (stop || (progress && progress(ctx, done, n))) {
		if (stop)
			end_child(pid);
		rc = 1;
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char *text = read_small_file(log, 4096);
		proc_failure(why, len, "festival",
			     WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), text);
		free(text);
		goto out;
	}
	/* festival -b exits 0 even when an expression failed: every file
	 * must be there. */
	done = count_made(f, 0);
	if (done < n) {
		char *text = read_small_file(log, 4096);
		char what[96];
		snprintf(what, sizeof(what), "festival made %zu of %zu utterances", done, n);
		proc_failure(why, len, what, 1, text && text[0] ? text : "no reason given");
		free(text);
		goto out;
	}
	rc = progress && progress(ctx, n, n) ? 1 : 0;
out:
	free(b.s);
	free(script);
	free(log);
	return rc;
}

static int festival_get(struct synth *s, size_t i, float **pcm, size_t *n, char *why, size_t len)
{
	struct festival *f = (struct festival *)s;
	char *wav = wav_path(f, i);
	int rc = audio_read(wav, 600, pcm, n, why, len); /* kept until close(): asked again */
	free(wav);
	return rc;
}

static void festival_close(struct synth *s)
{
	struct festival *f = (struct festival *)s;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", f->dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f->dir);
	free(f);
}

/* festival in PATH. */
static bool have_festival(void)
{
	const char *path = getenv("PATH");
	char *all = xstrdup(path && path[0] ? path : "/usr/bin:/bin");
	bool found = false;
	for (char *dir = all, *next; dir && !found; dir = next) {
		next = strchr(dir, ':');
		if (next)
			*next++ = '\0';
		char *p = xasprintf("%s/festival", dir[0] ? dir : ".");
		found = access(p, X_OK) == 0;
		free(p);
	}
	free(all);
	return found;
}

struct synth *synth_festival_open(int rate, char *why, size_t len)
{
	if (!have_festival() || access(FESTIVAL_VOICE_DIR, R_OK) != 0) {
		snprintf(why, len, "festival's voice is not installed "
				   "(apt install festival festvox-us-slt-hts)");
		return NULL;
	}
	struct festival *f = xcalloc(1, sizeof(*f));
	f->dir = xasprintf("%s/selfcare-voice.XXXXXX", tmp_dir());
	if (mkdtemp(f->dir) == NULL) {
		snprintf(why, len, "cannot make a temporary directory in '%s': %s", tmp_dir(),
			 strerror(errno));
		free(f->dir);
		free(f);
		return NULL;
	}
	f->s = (struct synth){festival_prepare, festival_get, festival_close};
	f->rate = rate;
	return &f->s;
}
