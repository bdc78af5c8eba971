/* Mixing on synthetic signals: clips land at their sample, are cut where
 * asked (with a short fade, never a click), add up, and end up as 16-bit
 * samples that are the same every time. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "mix.h"

static void test_sample_at(void **state)
{
	(void)state;
	assert_int_equal(mix_sample_at(0), 0);
	assert_int_equal(mix_sample_at(1000000000LL), MIX_RATE);
	assert_int_equal(mix_sample_at(1500000000LL), MIX_RATE * 3 / 2);
	/* Rounded to the nearest sample (20.83 us each). */
	assert_int_equal(mix_sample_at(10417), 1);
	assert_int_equal(mix_sample_at(10416), 0);
	/* Three hours exactly, no overflow or drift. */
	assert_int_equal(mix_sample_at(3LL * 3600 * 1000000000LL), 3LL * 3600 * MIX_RATE);
}

/* A clip of ones placed at 100 appears in blocks of 64 exactly there. */
static void test_placed_across_blocks(void **state)
{
	(void)state;
	float ones[50], out[256];
	for (int i = 0; i < 50; i++)
		ones[i] = 1.0f;
	struct mix_clip c = {ones, 50, 100, MIX_NEVER, 0.5f};
	assert_int_equal(mix_clip_end(&c), 150);
	memset(out, 0, sizeof(out));
	for (int64_t t0 = 0; t0 < 256; t0 += 64)
		mix_add(out + t0, 64, t0, &c);
	for (int i = 0; i < 256; i++)
		assert_true(out[i] == (i >= 100 && i < 150 ? 0.5f : 0.0f));
}

/* Cut at stop: whole until it, then a steady fall to zero over MIX_FADE
 * samples, nothing after. */
static void test_cut_fades(void **state)
{
	(void)state;
	static float ones[MIX_FADE * 4], out[MIX_FADE * 8];
	for (int i = 0; i < MIX_FADE * 4; i++)
		ones[i] = 1.0f;
	int64_t stop = MIX_FADE * 2;
	struct mix_clip c = {ones, MIX_FADE * 4, 0, stop, 1.0f};
	assert_int_equal(mix_clip_end(&c), stop + MIX_FADE);
	memset(out, 0, sizeof(out));
	mix_add(out, MIX_FADE * 8, 0, &c);
	assert_true(out[0] == 1.0f);
	assert_true(out[stop - 1] == 1.0f);
	assert_true(out[stop] == 1.0f);
	for (int64_t i = stop + 1; i < stop + MIX_FADE; i++)
		assert_true(out[i] < out[i - 1] && out[i] > 0.0f);
	for (int64_t i = stop + MIX_FADE; i < MIX_FADE * 8; i++)
		assert_true(out[i] == 0.0f);
	/* A cut near its natural end ends there. */
	struct mix_clip late = {ones, MIX_FADE * 4, 0, MIX_FADE * 4 - 10, 1.0f};
	assert_int_equal(mix_clip_end(&late), MIX_FADE * 4);
	/* Not cut: no fade at its natural end. */
	struct mix_clip whole = {ones, MIX_FADE * 4, 0, MIX_NEVER, 1.0f};
	memset(out, 0, sizeof(out));
	mix_add(out, MIX_FADE * 8, 0, &whole);
	assert_true(out[MIX_FADE * 4 - 1] == 1.0f);
	assert_true(out[MIX_FADE * 4] == 0.0f);
}

/* The cut is set while the clip plays, as the next words come, in a
 * later block than the one where it began: block by block, the sound is
 * what one call makes, and never jumps. */
static void test_cut_between_blocks(void **state)
{
	(void)state;
	static float ones[2000], blocks[2000], whole[2000];
	for (int i = 0; i < 2000; i++)
		ones[i] = 1.0f;
	struct mix_clip c = {ones, 2000, 0, MIX_NEVER, 1.0f};
	memset(blocks, 0, sizeof(blocks));
	mix_add(blocks, 512, 0, &c);
	c.stop = 600; /* set in the second block, 88 samples into it */
	for (int64_t t0 = 512; t0 < 2000; t0 += 512)
		mix_add(blocks + t0, (size_t)(2000 - t0 < 512 ? 2000 - t0 : 512), t0, &c);
	memset(whole, 0, sizeof(whole));
	mix_add(whole, 2000, 0, &c);
	for (int i = 0; i < 2000; i++) {
		assert_true(blocks[i] == whole[i]);
		if (i > 0)
			assert_true(blocks[i - 1] - blocks[i] <= 1.0f / MIX_FADE + 1e-6f);
	}
}

/* Two sines overlap and add; the limiter keeps the sum in range and says
 * how many samples it had to hold back. */
static void test_overlap_and_limit(void **state)
{
	(void)state;
	static float a[4800], b[4800], out[9600];
	for (int i = 0; i < 4800; i++) {
		a[i] = 0.8f * sinf(2.0f * (float)M_PI * 440.0f * (float)i / MIX_RATE);
		b[i] = a[i];
	}
	struct mix_clip ca = {a, 4800, 0, MIX_NEVER, 1.0f}, cb = {b, 4800, 2400, MIX_NEVER, 1.0f};
	memset(out, 0, sizeof(out));
	mix_add(out, 9600, 0, &ca);
	mix_add(out, 9600, 0, &cb);
	assert_true(fabsf(out[100] - a[100]) < 1e-6f);
	assert_true(fabsf(out[2400 + 100] - (a[2500] + b[100])) < 1e-6f);
	size_t over = mix_limit(out, 9600);
	assert_true(over > 0);
	for (int i = 0; i < 9600; i++)
		assert_true(out[i] <= 1.0f && out[i] >= -1.0f);
	assert_int_equal(mix_limit(a, 4800), 0);
}

/* The level: a full-scale sine is -3 dB, silence has none, and a quiet
 * one is where it should be. */
static void test_dbfs(void **state)
{
	(void)state;
	static float s[MIX_RATE];
	for (int i = 0; i < MIX_RATE; i++)
		s[i] = sinf(2.0f * (float)M_PI * 1000.0f * (float)i / MIX_RATE);
	assert_true(fabs(mix_dbfs(s, MIX_RATE) + 3.01) < 0.01);
	for (int i = 0; i < MIX_RATE; i++)
		s[i] *= 0.001f;
	assert_true(fabs(mix_dbfs(s, MIX_RATE) + 63.01) < 0.01);
	memset(s, 0, sizeof(s));
	assert_true(mix_dbfs(s, MIX_RATE) <= -200.0);
	assert_true(mix_dbfs(s, 0) <= -200.0);
}

static void test_downmix_and_s16(void **state)
{
	(void)state;
	float st[] = {1.0f, 0.0f, -0.5f, -0.5f, 0.25f, 0.75f};
	float mono[3];
	mix_downmix(st, 3, 2, mono);
	assert_true(mono[0] == 0.5f && mono[1] == -0.5f && mono[2] == 0.5f);
	mix_downmix(st, 3, 2, st); /* in place */
	assert_true(st[0] == 0.5f && st[1] == -0.5f && st[2] == 0.5f);

	float f[] = {0.0f, 1.0f, -1.0f, 2.0f, -2.0f, 0.5f, 1.0f / 32767.0f * 0.49f};
	int16_t s[7];
	mix_to_s16(f, 7, s);
	assert_int_equal(s[0], 0);
	assert_int_equal(s[1], 32767);
	assert_int_equal(s[2], -32767);
	assert_int_equal(s[3], 32767);
	assert_int_equal(s[4], -32768);
	assert_int_equal(s[5], 16384); /* 16383.5 rounds to even */
	assert_int_equal(s[6], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_at),
		cmocka_unit_test(test_placed_across_blocks),
		cmocka_unit_test(test_cut_fades),
		cmocka_unit_test(test_cut_between_blocks),
		cmocka_unit_test(test_overlap_and_limit),
		cmocka_unit_test(test_dbfs),
		cmocka_unit_test(test_downmix_and_s16),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
