/* The one table of keys: lookups, and a table the hint can be drawn from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "keys.h"

static void test_lookup(void **state)
{
	(void)state;
	size_t used;
	assert_int_equal(key_lookup(" ", 1, &used), KEY_PAUSE);
	assert_int_equal(used, 1);
	assert_int_equal(key_lookup("N", 1, &used), KEY_NEXT);
	assert_int_equal(key_lookup("-", 1, &used), KEY_MINUS);
	assert_int_equal(key_lookup("?", 1, &used), KEY_HELP);
	assert_int_equal(key_lookup("s", 1, &used), KEY_SAFETY);
	assert_int_equal(key_lookup("\033[C", 3, &used), KEY_NEXT);
	assert_int_equal(used, 3);
	assert_int_equal(key_lookup("\033OD", 3, &used), KEY_BACK); /* application cursor mode */
	assert_int_equal(key_lookup("\033[A", 3, &used), KEY_NONE); /* Up: nothing */
	assert_int_equal(used, 3);
	assert_int_equal(key_lookup("\033", 1, &used), KEY_QUIT); /* a lone Esc */
	assert_int_equal(key_lookup("x", 1, &used), KEY_NONE);
	assert_int_equal(key_lookup("", 0, &used), KEY_NONE);
	assert_int_equal(used, 0);
}

static void test_table(void **state)
{
	(void)state;
	bool seen[KEY_QUIT + 1] = {false};
	for (size_t i = 0; i < key_bindings_count; i++) {
		const struct key_binding *k = &key_bindings[i];
		assert_false(seen[k->action]); /* one row per action */
		seen[k->action] = true;
		assert_true(k->chars[0] != '\0');
		if (k->hint)
			assert_true(k->name && k->label && k->help);
		/* No key is bound twice. */
		for (size_t j = i + 1; j < key_bindings_count; j++)
			for (const char *c = k->chars; *c; c++)
				assert_null(strchr(key_bindings[j].chars, *c));
	}
	for (int a = KEY_PAUSE; a <= KEY_QUIT; a++)
		assert_true(seen[a]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
