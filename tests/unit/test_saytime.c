/* The estimate of how long words take to say, held to espeak-ng's own
 * durations of every shipped utterance (tests/data/saytime.tsv, measured
 * and kept current by tests/e2e/speech.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saytime.h"

static void test_within_15_percent_of_espeak(void **state)
{
	(void)state;
	FILE *f = fopen(TEST_DATA_DIR "/saytime.tsv", "r");
	char line[8192];
	unsigned n = 0, worst_ms = 0;
	double worst = 0;
	char worst_text[200] = "";

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = '\0';
		unsigned ms = (unsigned)atoi(line);
		unsigned est = saytime_ms(tab + 1, 0);
		double err = ((double)est - ms) / ms;
		if (err < 0)
			err = -err;
		if (err > worst) {
			worst = err;
			worst_ms = ms;
			snprintf(worst_text, sizeof(worst_text), "%s (%u ms estimated)", tab + 1, est);
		}
		n++;
	}
	fclose(f);
	printf("%u utterances, worst %.1f%% off: %u ms measured, %s\n", n, worst * 100, worst_ms,
	       worst_text);
	assert_true(n >= 100);
	assert_true(worst <= SAYTIME_ERROR_PCT / 100.0);
}

static void test_rate(void **state)
{
	(void)state;
	/* speech-dispatcher's espeak-ng.conf: 80, 170 and 449 words a minute. */
	assert_int_equal(saytime_wpm(0), 170);
	assert_int_equal(saytime_wpm(-100), 80);
	assert_int_equal(saytime_wpm(100), 449);
	assert_int_equal(saytime_wpm(-50), 125);
	assert_int_equal(saytime_wpm(-1000), 170); /* not set: the default */
	const char *t = "Let your lower back soften toward the floor as you breathe out.";
	unsigned normal = saytime_ms(t, 0), fast = saytime_ms(t, 100), slow = saytime_ms(t, -100);
	assert_true(fast < normal && normal < slow);
	assert_in_range(slow, normal * 170 / 80 - 2, normal * 170 / 80 + 2);
}

static void test_shapes(void **state)
{
	(void)state;
	assert_int_equal(saytime_ms("", 0), 0);
	/* Longer text, longer time; a comma and a full stop are pauses. */
	assert_true(saytime_ms("one two", 0) < saytime_ms("one two three", 0));
	assert_true(saytime_ms("one two", 0) < saytime_ms("one, two", 0));
	assert_true(saytime_ms("one two", 0) < saytime_ms("one. two", 0));
	/* Numbers are said as words: 45 is "forty five". */
	assert_int_equal(saytime_ms("45 seconds", 0), saytime_ms("forty five seconds", 0));
	assert_int_equal(saytime_ms("1200", 0), saytime_ms("one thousand two hundred", 0));
	/* Case does not matter. */
	assert_int_equal(saytime_ms("BREATHE", 0), saytime_ms("breathe", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_within_15_percent_of_espeak),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
