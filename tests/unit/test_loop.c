/* The run's event loop (src/sys/loop.c): descriptors, one absolute
 * deadline, and the signals it reads from its signalfd. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <unistd.h>

#include "loop.h"

struct seen {
	int calls;
	char last;
};

static void on_ready(void *ctx, int fd)
{
	struct seen *s = ctx;
	if (read(fd, &s->last, 1) == 1)
		s->calls++;
}

/* A deadline wakes the wait at that time, not before. */
static void test_deadline(void **state)
{
	(void)state;
	struct loop lp;
	assert_int_equal(loop_open(&lp), 0);
	int64_t t0 = loop_now();
	int64_t at = t0 + 30 * 1000000LL;
	while (loop_now() < at) /* a stray wake-up only makes one more turn */
		assert_int_equal(loop_wait(&lp, at), 0);
	int64_t late = loop_now() - at;
	assert_true(late >= 0);
	assert_true(late < 1000 * 1000000LL);
	loop_close(&lp);
}

/* A readable descriptor calls its function; a slot set to -1 is not
 * watched; slots are given back last first. */
static void test_descriptors(void **state)
{
	(void)state;
	struct loop lp;
	struct seen a = {0}, b = {0};
	int p[2], q[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);
	assert_int_equal(loop_open(&lp), 0);
	int sa = loop_add(&lp, p[0], on_ready, &a);
	int sb = loop_add(&lp, -1, on_ready, &b);
	assert_int_equal(sa, 0);
	assert_int_equal(sb, 1);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(write(q[1], "y", 1), 1);
	assert_int_equal(loop_wait(&lp, LOOP_NEVER), 0);
	assert_int_equal(a.calls, 1);
	assert_int_equal(a.last, 'x');
	assert_int_equal(b.calls, 0); /* q is not watched yet */
	loop_set(&lp, sb, q[0]);
	assert_int_equal(loop_wait(&lp, LOOP_NEVER), 0);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.last, 'y');
	loop_remove_last(&lp);
	loop_remove_last(&lp);
	assert_int_equal(lp.used, 0);
	loop_close(&lp);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

/* The signals it takes come out of the wait, with no handler run; once
 * closed, the mask is as it was. */
static void test_signals(void **state)
{
	(void)state;
	struct loop lp;
	sigset_t before, after;
	sigprocmask(SIG_SETMASK, NULL, &before);
	assert_false(sigismember(&before, SIGWINCH));
	assert_int_equal(loop_open(&lp), 0);
	raise(SIGWINCH);
	raise(SIGTERM); /* blocked: it waits in the signalfd, it does not kill us */
	int got[2] = {0, 0};
	for (int i = 0; i < 2; i++)
		while ((got[i] = loop_wait(&lp, LOOP_NEVER)) == 0)
			;
	assert_true((got[0] == SIGWINCH && got[1] == SIGTERM) ||
		    (got[0] == SIGTERM && got[1] == SIGWINCH));
	loop_close(&lp);
	sigprocmask(SIG_SETMASK, NULL, &after);
	assert_false(sigismember(&after, SIGWINCH));
	assert_false(sigismember(&after, SIGTERM));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_descriptors),
		cmocka_unit_test(test_signals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
