/* What selfcare's voice-command spotter (sys/mic_sphinx.c, with the phrase
 * table of core/listen.c) hears, for bench/listen.sh.
 *
 *   listen_probe FILE.wav...   each file (16 kHz mono 16-bit) through the
 *                              spotter, as fast as it goes, each followed by a
 *                              second of silence: a line per hit,
 *                              "FILE<TAB>SECONDS<TAB>PHRASE" (SECONDS: the
 *                              end of the block it was heard in); then
 *                              "cpu<TAB>CPU_S<TAB>AUDIO_S", and
 *                              "slowest<TAB>MS": the longest one block
 *                              took (a second look is in it).
 *   listen_probe --live SOURCE the run's own microphone backend on a
 *                              PulseAudio source: "ready" once it listens,
 *                              then "MONOTONIC_NS<TAB>PHRASE" per hit, until
 *                              stdin ends. */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dynlibs_gate.h"
#include "listen.h"
#include "mic.h"

#define BLOCK 320 /* 20 ms at 16 kHz, as the microphone backend reads */

/* The samples of a 16 kHz mono 16-bit little-endian WAV, or NULL. */
static int16_t *read_wav(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char h[12], ch[8];
	int16_t *data = NULL;
	int ok_fmt = 0;

	if (f == NULL || fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4))
		goto out;
	while (fread(ch, 1, 8, f) == 8) {
		uint32_t len = ch[4] | ch[5] << 8 | ch[6] << 16 | (uint32_t)ch[7] << 24;
		if (memcmp(ch, "fmt ", 4) == 0) {
			unsigned char fmt[16];
			if (len < 16 || fread(fmt, 1, 16, f) != 16)
				goto out;
			uint32_t rate = fmt[4] | fmt[5] << 8 | fmt[6] << 16 | (uint32_t)fmt[7] << 24;
			ok_fmt = fmt[0] == 1 && fmt[2] == 1 && rate == 16000 && fmt[14] == 16;
			if (fseek(f, (long)(len - 16 + (len & 1)), SEEK_CUR) != 0)
				goto out;
		} else if (memcmp(ch, "data", 4) == 0 && ok_fmt) {
			/* festival's long readings claim a few bytes more
			 * than they hold: what is there is read. */
			data = malloc(len + 2);
			size_t got = data ? fread(data, 1, len, f) : 0;
			if (data && got + 64 < len) {
				free(data);
				data = NULL;
			}
			*n = got / 2;
			break;
		} else if (fseek(f, (long)(len + (len & 1)), SEEK_CUR) != 0) {
			goto out;
		}
	}
out:
	if (f)
		fclose(f);
	if (data == NULL)
		fprintf(stderr, "listen_probe: %s: not a 16 kHz mono 16-bit WAV\n", path);
	return data;
}

static int files(int argc, char **argv)
{
	char why[300];
	struct spotter *sp = spotter_open(why, sizeof(why));
	double audio = 0;

	if (sp == NULL) {
		fprintf(stderr, "listen_probe: %s\n", why);
		return 1;
	}
	clock_t c0 = clock();
	double slowest = 0;
	for (int i = 1; i < argc; i++) {
		size_t n = 0;
		int16_t *x = read_wav(argv[i], &n);
		if (x == NULL)
			return 1;
		/* A second of silence after each: its last word is heard
		 * before the next file begins. */
		static const int16_t quiet[BLOCK];
		for (size_t at = 0; at + BLOCK <= n + 16000; at += BLOCK) {
			struct timespec t0, t1;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			int p = spotter_feed(sp, at + BLOCK <= n ? x + at : quiet, BLOCK);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
			slowest = ms > slowest ? ms : slowest;
			if (p >= 0)
				printf("%s\t%.3f\t%s\n", argv[i], (double)(at + BLOCK) / 16000,
				       listen_phrases[p].said);
		}
		audio += (double)n / 16000;
		free(x);
	}
	printf("cpu\t%.3f\t%.3f\n", (double)(clock() - c0) / CLOCKS_PER_SEC, audio);
	printf("slowest\t%.1f\n", slowest);
	spotter_close(sp);
	return 0;
}

static int live(const char *source)
{
	struct mic *m = mic_sphinx_open(source);
	bool said_ready = false;

	if (m == NULL)
		return 1;
	dynlibs_release();
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		struct pollfd fds[2] = {{mic_fd(m), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
		if (poll(fds, 2, 200) < 0)
			break;
		const char *why = mic_failure(m);
		if (why) {
			fprintf(stderr, "listen_probe: %s\n", why);
			mic_close(m);
			return 1;
		}
		if (!said_ready && mic_ready(m)) {
			said_ready = true;
			printf("ready\n");
		}
		int p;
		int64_t at;
		while (mic_take(m, &p, &at))
			printf("%lld\t%s\n", (long long)at, listen_phrases[p].said);
		if (fds[1].revents) {
			char b[64];
			if (read(STDIN_FILENO, b, sizeof(b)) <= 0)
				break;
		}
	}
	mic_close(m);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--live") == 0)
		return live(argv[2]);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: listen_probe FILE.wav... | listen_probe --live SOURCE\n");
		return 2;
	}
	return files(argc, argv);
}
