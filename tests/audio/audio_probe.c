/* Drives the real speech and sound backends for tests/e2e/audio.py, which
 * records what reaches the (null) sound card. Prints key=value lines: what
 * failed, and how long each call took in milliseconds.
 *
 *   audio_probe say TEXT WAIT_MS [RATE]
 *   audio_probe replace TEXT1 DELAY_MS TEXT2 WAIT_MS
 *   audio_probe sound EVENT WAIT_MS              (EVENT: 0..5, enum sound_event)
 *   audio_probe freeze-speech PIDFILE            (SIGSTOPs the daemon mid-utterance)
 *   audio_probe stuck PIDFILE PULSE_PID          (SIGSTOPs both servers for 5.3 s)
 *   audio_probe fail                             (both backends; expects failure)
 *
 * Before anything, it blocks SIGINT, SIGTERM and SIGHUP as run does for
 * its signalfd, so that the test can see what a daemon it starts inherits. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sound.h"
#include "speech.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
	struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

static void print_failure(const char *what, const char *why)
{
	printf("%s_failure=%s\n", what, why ? why : "");
}

/* Until t on now_ms()'s clock: a deadline, not a chain of sleeps. */
static void sleep_until(double t)
{
	double left = t - now_ms();
	if (left > 0)
		sleep_ms((int)(left + 0.5));
}

/* The longest of the calls that must not block. */
static double worst_ms;

static void timed_say(struct speech *sp, const char *text)
{
	double t = now_ms();
	sp->say(sp, text);
	t = now_ms() - t;
	if (t > worst_ms)
		worst_ms = t;
}

static void close_speech(struct speech *sp, int wait_ms)
{
	print_failure("speech", sp->failure(sp));
	double t = now_ms();
	sp->close(sp, wait_ms);
	printf("close_ms=%.1f\n", now_ms() - t);
	printf("call_ms=%.3f\n", worst_ms);
}

static int cmd_say(int argc, char **argv)
{
	if (argc != 4 && argc != 5)
		return 2;
	int rate = argc == 5 ? atoi(argv[4]) : SPEECH_RATE_DEFAULT;
	struct speech *sp = speech_spd_open("selfcare-test", rate);
	timed_say(sp, argv[2]);
	close_speech(sp, atoi(argv[3]));
	return 0;
}

/* speaking() while an utterance is said: true at once, false once the
 * daemon reports its end; both times, in ms after say(). */
static int cmd_speaking(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	struct speech *sp = speech_spd_open("selfcare-test", SPEECH_RATE_DEFAULT);
	printf("before=%d\n", sp->speaking(sp));
	double t0 = now_ms();
	timed_say(sp, argv[2]);
	printf("at_once=%d\n", sp->speaking(sp));
	double ended = -1;
	while (now_ms() - t0 < 20000) {
		if (!sp->speaking(sp)) {
			ended = now_ms() - t0;
			break;
		}
		sleep_ms(10);
	}
	printf("ended_ms=%.0f\n", ended);
	close_speech(sp, 0);
	return 0;
}

static int cmd_replace(int argc, char **argv)
{
	if (argc != 6)
		return 2;
	struct speech *sp = speech_spd_open("selfcare-test", SPEECH_RATE_DEFAULT);
	timed_say(sp, argv[2]);
	sleep_ms(atoi(argv[3]));
	timed_say(sp, argv[4]);
	close_speech(sp, atoi(argv[5]));
	return 0;
}

static int cmd_sound(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	struct sound *so = sound_canberra_open("selfcare-test");
	double t = now_ms();
	so->play(so, (enum sound_event)atoi(argv[2]));
	printf("call_ms=%.3f\n", now_ms() - t);
	/* A failure wakes the sound's descriptor: waited for (1 s at most, the
	 * time a stream takes to start on a loaded machine and more), not
	 * guessed with a fixed sleep. */
	struct pollfd news = {so->fd(so), POLLIN, 0};
	poll(&news, 1, 1000);
	print_failure("sound", so->failure(so));
	t = now_ms();
	so->close(so, atoi(argv[3]));
	printf("close_ms=%.1f\n", now_ms() - t);
	return 0;
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	long pid = 0;
	if (f) {
		if (fscanf(f, "%ld", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return (pid_t)pid;
}

/* Speech is under way when the daemon freezes: every later call must still
 * return at once, and close must keep its time. */
static int cmd_freeze_speech(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	struct speech *sp = speech_spd_open("selfcare-test", SPEECH_RATE_DEFAULT);
	timed_say(sp, "Lie on your back with your knees bent and your feet flat on the floor.");
	sleep_ms(1500);
	pid_t pid = read_pid(argv[2]);
	if (pid <= 0 || kill(pid, SIGSTOP) != 0) {
		fprintf(stderr, "audio_probe: cannot stop the daemon (pid %ld)\n", (long)pid);
		return 1;
	}
	printf("stopped=%ld\n", (long)pid);
	worst_ms = 0;
	for (int i = 0; i < 5; i++) {
		timed_say(sp, "Switch to the other side.");
		sleep_ms(100);
	}
	double t = now_ms();
	sp->cancel(sp);
	t = now_ms() - t;
	if (t > worst_ms)
		worst_ms = t;
	timed_say(sp, "Routine complete.");
	close_speech(sp, 500);
	return 0;
}

/* Both servers freeze while in use: after 5 s without an answer, the next
 * call gives up on each backend (failure() set, descriptor readable). */
static int cmd_stuck(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	struct speech *sp = speech_spd_open("selfcare-test", SPEECH_RATE_DEFAULT);
	struct sound *so = sound_canberra_open("selfcare-test");
	timed_say(sp, "Lie on your back with your knees bent and your feet flat on the floor.");
	so->play(so, SOUND_HOLD_START);
	sleep_ms(1500);
	pid_t daemon = read_pid(argv[2]), server = (pid_t)atol(argv[3]);
	if (daemon <= 0 || kill(daemon, SIGSTOP) != 0 || kill(server, SIGSTOP) != 0) {
		fprintf(stderr, "audio_probe: cannot stop the servers\n");
		return 1;
	}
	printf("stopped=%ld %ld\n", (long)daemon, (long)server);
	double stopped = now_ms();
	timed_say(sp, "Switch to the other side.");
	so->play(so, SOUND_SWITCH);
	/* Neither gives up while the servers have 5 s to answer. */
	sleep_until(stopped + 4000);
	print_failure("speech_before", sp->failure(sp));
	print_failure("sound_before", so->failure(so));
	/* Speech finds out by itself: its descriptor turns readable 5 s
	 * after the call began, with nothing more said. */
	struct pollfd alarm = {sp->fd(sp), POLLIN, 0};
	printf("speech_alarm=%d\n", poll(&alarm, 1, 2000) == 1);
	print_failure("speech_alarm", sp->failure(sp));
	/* Sounds give up at the next call 5 s after theirs began. */
	sleep_until(stopped + 5300);
	double t = now_ms();
	so->play(so, SOUND_CUE);
	printf("play_ms=%.3f\n", now_ms() - t);
	timed_say(sp, "Rest.");
	struct pollfd fds[2] = {{sp->fd(sp), POLLIN, 0}, {so->fd(so), POLLIN, 0}};
	printf("speech_fd_readable=%d\n", poll(&fds[0], 1, 0) == 1);
	printf("sound_fd_readable=%d\n", poll(&fds[1], 1, 0) == 1);
	print_failure("sound", so->failure(so));
	t = now_ms();
	so->close(so, 500);
	printf("sound_close_ms=%.1f\n", now_ms() - t);
	close_speech(sp, 500);
	return 0;
}

/* Neither backend can work: each must say so, once, without hanging. */
static int cmd_fail(int argc, char **argv)
{
	(void)argv;
	if (argc != 2)
		return 2;
	double t0 = now_ms();
	struct speech *sp = speech_spd_open("selfcare-test", SPEECH_RATE_DEFAULT);
	struct sound *so = sound_canberra_open("selfcare-test");
	printf("open_ms=%.3f\n", now_ms() - t0);
	timed_say(sp, "Nobody hears this.");
	double t = now_ms();
	so->play(so, SOUND_HOLD_START);
	if (now_ms() - t > worst_ms)
		worst_ms = now_ms() - t;

	struct pollfd fds[2] = {{sp->fd(sp), POLLIN, 0}, {so->fd(so), POLLIN, 0}};
	while ((!sp->failure(sp) || !so->failure(so)) && now_ms() - t0 < 10000)
		poll(fds, 2, 100);
	printf("failed_ms=%.1f\n", now_ms() - t0);
	/* The descriptors became readable, and later calls are no-ops. */
	printf("speech_fd_readable=%d\n", poll(&fds[0], 1, 0) == 1);
	printf("sound_fd_readable=%d\n", poll(&fds[1], 1, 0) == 1);
	timed_say(sp, "Still nobody.");
	so->play(so, SOUND_END);
	print_failure("sound", so->failure(so));
	t = now_ms();
	so->close(so, 2000);
	printf("sound_close_ms=%.1f\n", now_ms() - t);
	close_speech(sp, 2000);
	return 0;
}

int main(int argc, char **argv)
{
	sigset_t block;
	int rc = 2;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (argc >= 2 && strcmp(argv[1], "say") == 0)
		rc = cmd_say(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "speaking") == 0)
		rc = cmd_speaking(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "replace") == 0)
		rc = cmd_replace(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "sound") == 0)
		rc = cmd_sound(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "freeze-speech") == 0)
		rc = cmd_freeze_speech(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "stuck") == 0)
		rc = cmd_stuck(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "fail") == 0)
		rc = cmd_fail(argc, argv);
	if (rc == 2)
		fputs("usage: audio_probe say|replace|sound|freeze-speech|stuck|fail ...\n", stderr);
	return rc;
}
