/* The event -> theme sound table: every event has its own sound, and the
 * sound exists in sound-theme-freedesktop. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sounds.h"

#define THEME_DIR "/usr/share/sounds/freedesktop/stereo"

static void test_every_event_named(void **state)
{
	(void)state;
	for (int e = 0; e < SOUND_EVENT_COUNT; e++) {
		assert_non_null(sound_event_name(e));
		assert_true(strlen(sound_event_name(e)) > 0);
		assert_non_null(sound_event_label(e));
		for (int f = 0; f < e; f++)
			assert_string_not_equal(sound_event_name(e), sound_event_name(f));
	}
	assert_string_equal(sound_event_name(SOUND_HOLD_START), "bell");
	assert_string_equal(sound_event_name(SOUND_END), "complete");
	assert_string_equal(sound_event_label(SOUND_TICK), "countdown tick");
}

static void test_not_an_event(void **state)
{
	(void)state;
	assert_null(sound_event_name(SOUND_EVENT_COUNT));
	assert_null(sound_event_name((enum sound_event)-1));
	assert_null(sound_event_label(SOUND_EVENT_COUNT));
}

/* Names that differ must also sound different: some theme names are
 * links to the same file (window-attention -> dialog-warning). */
static void test_theme_files(void **state)
{
	(void)state;
	char real[SOUND_EVENT_COUNT][PATH_MAX];
	struct stat st;

	if (stat(THEME_DIR, &st) != 0)
		skip(); /* sound-theme-freedesktop is not installed */
	for (int e = 0; e < SOUND_EVENT_COUNT; e++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s.oga", THEME_DIR, sound_event_name(e));
		assert_non_null(realpath(path, real[e]));
		assert_int_equal(stat(real[e], &st), 0);
		assert_true(st.st_size > 1000);
		for (int f = 0; f < e; f++)
			assert_string_not_equal(real[e], real[f]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_event_named),
		cmocka_unit_test(test_not_an_event),
		cmocka_unit_test(test_theme_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
