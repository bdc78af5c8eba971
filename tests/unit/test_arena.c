/* The arena: aligned, growing, realloc keeps what was there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "arena.h"

static void test_alloc(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	char *prev = NULL;
	/* Many sizes, past the first block and into bigger ones. */
	for (size_t i = 1; i < 3000; i++) {
		char *p = arena_alloc(a, i % 97 + 1);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, (int)(i & 0xFF), i % 97 + 1);
		if (prev)
			assert_int_equal((unsigned char)prev[0], (i - 1) & 0xFF);
		prev = p;
	}
	/* One larger than any block so far. */
	char *big = arena_alloc(a, 1 << 20);
	memset(big, 1, 1 << 20);
	arena_release(a);
	arena_release(NULL);
}

static void test_grow(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	char *p = arena_realloc(a, NULL, 4);
	memcpy(p, "abc", 4);
	assert_ptr_equal(arena_realloc(a, p, 3), p); /* shrinking keeps it */
	char *q = arena_realloc(a, p, 10000);
	assert_string_equal(q, "abc");
	arena_release(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
