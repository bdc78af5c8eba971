/* Diagnostics: positions at least 1:1, file order, a cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "diag.h"

static void test_sort_is_stable(void **state)
{
	(void)state;
	struct diags d = {0};
	diags_add(&d, 9, 9, "before everything sorted");
	diags_add(&d, 5, 2, "b");
	diags_add(&d, 0, 0, "at the start");
	diags_add(&d, 5, 1, "a");
	diags_add(&d, 5, 2, "c");
	diags_sort(&d, 1);
	assert_string_equal(d.items[0].msg, "before everything sorted");
	assert_string_equal(d.items[1].msg, "at the start");
	assert_int_equal(d.items[1].line, 1); /* 0 means 1 */
	assert_int_equal(d.items[1].col, 1);
	assert_string_equal(d.items[2].msg, "a");
	assert_string_equal(d.items[3].msg, "b");
	assert_string_equal(d.items[4].msg, "c");
	diags_release(&d);
}

static void test_cap(void **state)
{
	(void)state;
	struct diags d = {0};
	for (int i = 0; i < DIAGS_MAX + 42; i++)
		diags_add(&d, (unsigned)i + 1, 1, "error %d", i);
	assert_int_equal(d.count, DIAGS_MAX);
	assert_int_equal(d.dropped, 42);
	assert_string_equal(d.items[DIAGS_MAX - 1].msg, "error 99");
	diags_release(&d);
	assert_int_equal(d.count, 0);
	assert_int_equal(d.dropped, 0);
}

static void test_cap_keeps_earliest(void **state)
{
	(void)state;
	struct diags d = {0};
	/* Added last to first: the earliest 100 in the file are kept. */
	for (unsigned i = 150; i > 0; i--)
		diags_add(&d, i, 1, "line %u", i);
	assert_int_equal(d.count, DIAGS_MAX);
	assert_int_equal(d.dropped, 50);
	diags_sort(&d, 0);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[DIAGS_MAX - 1].line, DIAGS_MAX);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_is_stable),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_cap_keeps_earliest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
