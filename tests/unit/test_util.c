/* Allocation helpers: they return memory or end the program, never NULL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void test_helpers(void **state)
{
	(void)state;
	char *s = xasprintf("%s-%d", "step", 4);
	assert_string_equal(s, "step-4");
	free(s);
	s = xstrdup("");
	assert_string_equal(s, "");
	free(s);
	/* Zero sizes still give a pointer that can be freed. */
	void *p = xmalloc(0);
	assert_non_null(p);
	free(p);
	p = xcalloc(0, 0);
	assert_non_null(p);
	free(p);
	int *v = xreallocarray(NULL, 4, sizeof(int));
	v[3] = 7;
	v = xreallocarray(v, 1000, sizeof(int));
	assert_int_equal(v[3], 7);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
