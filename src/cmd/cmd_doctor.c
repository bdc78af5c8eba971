/* selfcare doctor: what selfcare depends on, whether each works, and how
 * to fix what does not. The checks that talk to a server (notifications,
 * speech, sound) run in a child process each, given PROBE_MS: a hung
 * server makes a check fail, never doctor hang. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "commands.h"
#include "dynlibs.h"
#include "fsutil.h"
#include "notifier.h"
#include "history_open.h"
#include "mic.h"
#include "scheduler.h"
#include "session_find.h"
#include "settings.h"
#include "sounds.h"
#include "store.h"
#include "text.h"
#include "timeutil.h"
#include "util.h"

#define PROBE_MS 5000

enum verdict { OK, WARN, FAIL };

struct report {
	unsigned fails, warns;
	bool color;
};

static void say(struct report *rp, enum verdict v, const char *what, const char *detail,
		const char *fix)
{
	static const char *const word[] = {"ok", "warn", "FAIL"};
	static const char *const tint[] = {"\033[32m", "\033[33m", "\033[1;31m"};
	char clean[600];

	text_sanitize(detail, clean, sizeof(clean));
	if (rp->color)
		printf("%s%-4s\033[0m  %s: %s\n", tint[v], word[v], what, clean);
	else
		printf("%-4s  %s: %s\n", word[v], what, clean);
	if (fix && v != OK)
		printf("      fix: %s\n", fix);
	rp->fails += v == FAIL;
	rp->warns += v == WARN;
}

/* fn in a child process, its one line of result back through a pipe:
 * "0 text" ok, "1 text" a warning, "2 text" a failure. */
static enum verdict probe(void (*fn)(int fd), const char *what, char *out, size_t len)
{
	int p[2];
	if (pipe(p) < 0) {
		snprintf(out, len, "cannot check: %s", strerror(errno));
		return FAIL;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (null >= 0)
			dup2(null, STDERR_FILENO); /* libraries' own chatter */
		fn(p[1]);
		_exit(0);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		snprintf(out, len, "cannot check: %s", strerror(errno));
		return FAIL;
	}
	char buf[700];
	size_t n = 0;
	long long t0 = monotonic_ms();
	for (;;) {
		long long ms = monotonic_ms() - t0;
		if (ms >= PROBE_MS)
			break;
		struct pollfd pfd = {.fd = p[0], .events = POLLIN};
		if (poll(&pfd, 1, (int)(PROBE_MS - ms)) <= 0)
			continue;
		ssize_t k = read(p[0], buf + n, sizeof(buf) - 1 - n);
		if (k <= 0)
			break;
		n += (size_t)k;
		if (n == sizeof(buf) - 1)
			break;
	}
	buf[n] = '\0';
	close(p[0]);
	int status;
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (n == 0) {
			snprintf(out, len, "%s did not answer in %d s", what, PROBE_MS / 1000);
			return FAIL;
		}
	}
	if (n < 2 || buf[0] < '0' || buf[0] > '2') {
		snprintf(out, len, "%s: the check ended without a word", what);
		return FAIL;
	}
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(out, len, "%s", buf + 2);
	return (enum verdict)(buf[0] - '0');
}

static void answer(int fd, enum verdict v, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void answer(int fd, enum verdict v, const char *fmt, ...)
{
	char line[700];
	va_list ap;
	int n = snprintf(line, sizeof(line), "%d ", (int)v);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (write(fd, line, strlen(line)) < 0) {
		/* The parent says the check ended without a word. */
	}
}

static void probe_notifications(int fd)
{
	struct notify_server srv;
	char why[300];
	if (notifier_server_info(&srv, why, sizeof(why)) < 0) {
		answer(fd, FAIL, "%s", why);
		return;
	}
	answer(fd, srv.actions ? OK : WARN, "%s %s (%s); capabilities: %s%s", srv.name, srv.version,
	       srv.vendor, srv.caps[0] ? srv.caps : "none",
	       srv.actions ? "" : "; without actions a reminder has no Start or Snooze button");
}

static void probe_speech(int fd)
{
	const char *missing = NULL;
	const struct lib_speechd *L = lib_speechd(&missing);
	if (L == NULL) {
		answer(fd, FAIL, "libspeechd is not installed (%s)", missing);
		return;
	}
	char *err = NULL;
	SPDConnectionAddress *addr = L->spd_get_default_address(&err);
	if (addr == NULL) {
		answer(fd, FAIL, "no speech-dispatcher address (%s)", err ? err : "none");
		return;
	}
	/* As run does, speech-dispatcher is started when it is not running. */
	SPDConnection *c = L->spd_open2("selfcare", "doctor", NULL, SPD_MODE_SINGLE, addr, 1, &err);
	if (c == NULL) {
		answer(fd, FAIL, "cannot connect to speech-dispatcher (%s)", err ? err : "no reason given");
		return;
	}
	SPDVoice **voices = L->spd_list_synthesis_voices(c);
	size_t n = 0;
	for (; voices && voices[n]; n++)
		;
	if (n == 0)
		answer(fd, FAIL, "speech-dispatcher runs, but has no voices");
	else
		answer(fd, OK, "speech-dispatcher runs, with %zu voices (%s, %s, ...)", n,
		       voices[0]->name, voices[0]->language);
	if (voices)
		L->free_spd_voices(voices);
	L->spd_close(c);
}

static void probe_sound(int fd)
{
	const char *missing = NULL;
	const struct lib_canberra *L = lib_canberra(&missing);
	if (L == NULL) {
		answer(fd, FAIL, "libcanberra is not installed (%s)", missing);
		return;
	}
	ca_context *ctx = NULL;
	int rc = L->ca_context_create(&ctx);
	if (rc == 0)
		rc = L->ca_context_open(ctx);
	if (rc != 0)
		answer(fd, FAIL, "no sound server: %s", L->ca_strerror(rc));
	else
		answer(fd, OK, "the sound server takes sounds");
	if (ctx)
		L->ca_context_destroy(ctx);
}

/* Voice commands (run --listen): the recogniser, its model and the
 * default source, recorded for one block. */
static void probe_microphone(int fd)
{
	const char *missing = NULL;
	char why[300];
	const struct lib_sphinx *ps = lib_sphinx(&missing);
	const struct lib_pulse_simple *pa = ps ? lib_pulse_simple(&missing) : NULL;
	if (pa == NULL) {
		answer(fd, FAIL, "cannot load the recogniser (%s)", missing);
		return;
	}
	if (mic_sphinx_missing(why, sizeof(why))) {
		answer(fd, FAIL, "%s", why);
		return;
	}
	const pa_sample_spec spec = {.format = PA_SAMPLE_S16LE, .rate = 16000, .channels = 1};
	int err = 0;
	char block[640];
	pa_simple *s = pa->pa_simple_new(NULL, "selfcare", PA_STREAM_RECORD, NULL, "doctor", &spec, NULL,
					 NULL, &err);
	if (s == NULL || pa->pa_simple_read(s, block, sizeof(block), &err) < 0)
		answer(fd, FAIL, "cannot record from the default source: %s", pa->pa_strerror(err));
	else
		answer(fd, OK, "pocketsphinx's model is installed and the default source records");
	if (s)
		pa->pa_simple_free(s);
}

static void check_routines(struct report *rp)
{
	struct catalog cat = {0};
	struct catalog_env env;
	struct strv dirs = {0};
	catalog_env_from_process(&env);
	catalog_dirs(&env, &dirs);
	size_t present = 0;
	for (size_t i = 0; i < dirs.count; i++) {
		struct stat st;
		present += stat(dirs.v[i], &st) == 0 && S_ISDIR(st.st_mode);
	}
	strv_release(&dirs);
	catalog_open(&cat, false);
	size_t bad = cat.misnamed, shown = 0;
	char first[600] = "";
	if (cat.first_misnamed)
		snprintf(first, sizeof(first), "%.400s: the name must match [a-z0-9][a-z0-9-]{0,63}",
			 cat.first_misnamed);
	for (size_t i = 0; i < cat.count; i++) {
		if (cat.items[i].shadowed)
			continue;
		struct routine *r = NULL;
		struct diags d = {0};
		if (routine_load_named(cat.items[i].path, &r, &d) < 0 || r == NULL) {
			if (bad++ == 0 && d.count)
				snprintf(first, sizeof(first), "%s:%u:%u: %s", cat.items[i].path,
					 d.items[0].line, d.items[0].col, d.items[0].msg);
		} else {
			shown++;
		}
		routine_free(r);
		diags_release(&d);
	}
	catalog_release(&cat);
	char detail[900];
	if (shown == 0 && bad == 0) {
		say(rp, FAIL, "routines", "no routines found in any routine directory",
		    "install selfcare's routines (cmake --install), or put NAME.yaml files in "
		    "~/.local/share/selfcare/routines");
	} else if (bad) {
		snprintf(detail, sizeof(detail), "%zu valid, %zu invalid: %s", shown, bad, first);
		say(rp, WARN, "routines", detail, "selfcare validate shows every error; fix or remove them");
	} else {
		snprintf(detail, sizeof(detail), "%zu %s in %zu %s", shown,
			 shown == 1 ? "routine" : "routines", present,
			 present == 1 ? "directory" : "directories");
		say(rp, OK, "routines", detail, NULL);
	}
}

static int count_run(void *ctx, const struct run_record *r)
{
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

static void check_history(struct report *rp)
{
	char *path = store_default_path(), detail[900], why[600];
	struct stat st;
	if (path == NULL) {
		say(rp, FAIL, "history", "no HOME or XDG_STATE_HOME: runs are not recorded",
		    "set HOME");
		return;
	}
	enum store_state state;
	struct store *s = store_open_existing(path, &state, why, sizeof(why));
	if (state == STORE_ABSENT) {
		/* The first run makes it: can it? The nearest directory that is. */
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", path);
		char *slash;
		while ((slash = strrchr(dir, '/')) && slash != dir) {
			*slash = '\0';
			if (stat(dir, &st) == 0)
				break;
		}
		if (access(dir, W_OK) != 0) {
			snprintf(detail, sizeof(detail), "%.400s cannot be made: %.400s is not writable (%s)",
				 path, dir, strerror(errno));
			say(rp, FAIL, "history", detail,
			    "make it writable, or set XDG_STATE_HOME to a directory that is");
		} else {
			snprintf(detail, sizeof(detail), "none yet; the first run makes %s", path);
			say(rp, OK, "history", detail, NULL);
		}
		free(path);
		return;
	}
	size_t n = 0;
	if (s == NULL || store_each_run(s, NULL, count_run, &n) < 0) {
		snprintf(detail, sizeof(detail), "%s", s ? store_error(s) : why);
		char fix[700], dir[4096];
		struct statvfs vfs;
		path_dir(path, dir, sizeof(dir));
		/* Only a file that is not a history is moved aside: a good one on
		 * a full disk, or one that cannot be read now, is left alone. */
		if (state == STORE_BAD)
			snprintf(fix, sizeof(fix),
				 "move it aside (mv '%s' '%s.bad'); the next run starts a new one", path,
				 path);
		else if (statvfs(dir, &vfs) == 0 && vfs.f_bavail == 0)
			snprintf(fix, sizeof(fix), "free some space on the disk that holds %.600s", dir);
		else
			snprintf(fix, sizeof(fix), "see what stops it above; the file is left as it is");
		say(rp, FAIL, "history", detail, fix);
	} else {
		snprintf(detail, sizeof(detail), "%zu %s in %s", n, n == 1 ? "run" : "runs", path);
		say(rp, OK, "history", detail, NULL);
	}
	store_close(s);
	free(path);
}

static int doctor_exec(int argc, char **argv)
{
	int rc = command_parse_help_only(&cmd_doctor, argc, argv);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return usage_error("doctor", "doctor: unexpected argument");

	struct report rp = {.color = color_enabled(stdout)};
	char detail[900];

	/* The session: as a reminder from cron will find it, and as this
	 * shell has it. */
	struct session s;
	char from[64];
	int rank = session_find(&s, from, sizeof(from));
	if (rank == 0) {
		say(&rp, FAIL, "session bus", "no desktop session bus found",
		    "run this from your desktop session; notifications and reminders need its bus");
	} else {
		snprintf(detail, sizeof(detail), "%s (from %s)%s", s.bus, from,
			 rank == 1 ? "; no DISPLAY or WAYLAND_DISPLAY: Start cannot open a terminal" : "");
		say(&rp, rank == 1 ? WARN : OK, "session bus", detail,
		    "log in to a graphical session, or set SELFCARE_TERMINAL");
		session_apply(&s);
	}
	enum verdict v = probe(probe_notifications, "the notification server", detail, sizeof(detail));
	say(&rp, v, "notifications", detail,
	    "install and start a notification daemon (apt install dunst), and turn off "
	    "do-not-disturb while you follow a routine");
	v = probe(probe_speech, "speech-dispatcher", detail, sizeof(detail));
	say(&rp, v, "speech", detail,
	    "apt install speech-dispatcher speech-dispatcher-espeak-ng; if it is installed but does "
	    "not answer, stop it (pkill speech-dispatcher; it starts again when needed); spd-say "
	    "hello tests it");
	struct stat st;
	if (stat("/usr/share/sounds/freedesktop/stereo", &st) == 0)
		say(&rp, OK, "sound theme", "freedesktop (/usr/share/sounds/freedesktop)", NULL);
	else
		say(&rp, WARN, "sound theme", "the freedesktop sound theme is not installed",
		    "apt install sound-theme-freedesktop");
	v = probe(probe_sound, "the sound server", detail, sizeof(detail));
	say(&rp, v, "sound", detail,
	    "apt install libcanberra-pulse, and start PulseAudio or PipeWire (pactl info tests it)");

	/* selfcare export: its libraries (loaded here: they start no thread
	 * and touch no server), and festival's voice, which is optional. */
	const char *lib_why = NULL;
	bool libs = lib_espeak(&lib_why) && lib_opusenc(&lib_why) && lib_sndfile(&lib_why) &&
		    lib_samplerate(&lib_why);
	bool festival = access("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts", R_OK) == 0;
	if (libs)
		snprintf(detail, sizeof(detail), "espeak-ng, libopusenc, libsndfile and libsamplerate; %s",
			 festival ? "festival's voice too (--voice festival)"
				  : "no festival voice (--voice festival needs festival festvox-us-slt-hts)");
	else
		snprintf(detail, sizeof(detail), "cannot load %.200s", lib_why ? lib_why : "a library");
	say(&rp, libs ? OK : WARN, "audio export", detail,
	    "apt install libespeak-ng1 libopusenc0 libsndfile1 libsamplerate0");

	v = probe(probe_microphone, "the microphone", detail, sizeof(detail));
	/* Listening is asked for (run --listen): a warning unless it is on. */
	say(&rp, v == FAIL && !settings()->listen ? WARN : v, "voice commands", detail,
	    "apt install pocketsphinx-en-us libpocketsphinx3 libpulse0; plug in a microphone and "
	    "choose it as the default source (pactl set-default-source NAME), or give run --mic NAME");

	if (sched_systemd_manager_running())
		say(&rp, OK, "reminders", "a systemd user manager runs: reminders are user timers", NULL);
	else if (sched_cron_running())
		say(&rp, OK, "reminders", "a cron daemon runs: reminders are lines in your crontab", NULL);
	else
		say(&rp, FAIL, "reminders",
		    "no systemd user manager and no cron daemon: a reminder would never fire",
		    sched_cron_installed()
			    ? "start cron (sudo service cron start), or log in to a systemd session"
			    : "apt install cron (and start it), or log in to a systemd session");

	check_routines(&rp);
	check_history(&rp);

	unsigned errors;
	settings_quiet(&errors);
	const char *cfg = settings_path();
	if (errors) {
		snprintf(detail, sizeof(detail), "%u %s in %s (each keeps its default)", errors,
			 errors == 1 ? "error" : "errors", cfg);
		say(&rp, WARN, "config", detail, "selfcare config shows them");
	} else {
		snprintf(detail, sizeof(detail), "%s%s", cfg ? cfg : "no HOME",
			 settings_file_exists() ? "" : " (none: the defaults)");
		say(&rp, OK, "config", detail, NULL);
	}

	if (rp.fails == 0 && rp.warns == 0)
		printf("\nAll is well.\n");
	else
		printf("\n%u %s, %u %s.\n", rp.fails, rp.fails == 1 ? "problem" : "problems", rp.warns,
		       rp.warns == 1 ? "warning" : "warnings");
	if (stdout_flush() != 0)
		return EXIT_FAIL;
	return rp.fails ? EXIT_FAIL : EXIT_OK;
}

const struct command cmd_doctor = {
	.name = "doctor",
	.summary = "check what selfcare depends on, and how to fix what does not work",
	.usage = "",
	.help = "Check, one line each, what selfcare depends on: the desktop session bus\n"
		"(found as a reminder from cron would find it), the notification server\n"
		"(its name, version and capabilities: actions, sounds, body markup),\n"
		"speech-dispatcher and its voices, the sound theme and the sound server,\n"
		"voice commands (pocketsphinx's model, and the default microphone),\n"
		"audio export (its libraries, and festival's voice, which is optional),\n"
		"what fires reminders here (a systemd user manager or a cron daemon), the\n"
		"routine directories and any invalid routine in them, the history\n"
		"database, and the configuration file. Each that does not work says how to\n"
		"fix it. A check that talks to a server gives up after 5 seconds.\n\n"
		"Exit status: 0 when nothing failed (warnings allowed), 1 otherwise.\n",
	.exec = doctor_exec,
};
