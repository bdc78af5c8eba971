/* The one worker-thread helper (src/sys/worker.c) under a toy backend: a
 * "call" is a read from a pipe the test writes to, so a hung server is a
 * pipe nobody writes, and nothing here waits a fixed time. */
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timeutil.h"
#include "worker.h"

struct toy {
	struct worker w;
	int pipe[2];	 /* a call waits for a byte on pipe[0] */
	int queued;	 /* calls asked for */
	int done;	 /* calls made */
	int dropped;	 /* left after the deadline */
	bool signals_blocked;
	atomic_int *released; /* the test's count, which outlives the toy */
};

#define TOY(wp) ((struct toy *)((char *)(wp) - offsetof(struct toy, w)))

static void body(struct worker *w)
{
	struct toy *t = TOY(w);
	sigset_t mask;

	pthread_sigmask(SIG_SETMASK, NULL, &mask);
	t->signals_blocked = sigismember(&mask, SIGINT) && sigismember(&mask, SIGTERM) &&
			     sigismember(&mask, SIGPIPE) && sigismember(&mask, SIGWINCH);
	worker_lock(w);
	for (;;) {
		while (t->queued == 0 && !w->stop)
			worker_wait_locked(w);
		if (t->queued == 0)
			break;
		t->queued--;
		if (worker_late_locked(w)) {
			t->dropped++;
			continue;
		}
		worker_busy_locked(w);
		worker_unlock(w);
		char c;
		ssize_t n = read(t->pipe[0], &c, 1);
		worker_lock(w);
		if (n == 1)
			t->done++;
		worker_idle_locked(w);
	}
	worker_unlock(w);
}

static void release(struct worker *w)
{
	struct toy *t = TOY(w);
	atomic_fetch_add(t->released, 1);
	worker_release(w);
	close(t->pipe[0]);
	free(t);
}

static const struct worker_ops ops = {
	.body = body,
	.release = release,
	.stuck_ms = 50,
	.stuck_why = "the toy stopped answering",
};

static const struct worker_ops patient_ops = {
	.body = body,
	.release = release,
	.give_up_ms = 30,
};

/* The write end stays with the test (*wfd), so it can leave a call hung. */
static struct toy *toy_start(const struct worker_ops *o, atomic_int *released, int *wfd)
{
	struct toy *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	assert_int_equal(pipe(t->pipe), 0);
	*wfd = t->pipe[1];
	t->released = released;
	assert_int_equal(worker_start(&t->w, o), 0);
	return t;
}

static void ask(struct toy *t, int calls)
{
	worker_lock(&t->w);
	t->queued += calls;
	worker_wake_locked(&t->w);
	worker_unlock(&t->w);
}

static void answer(int wfd, int calls)
{
	for (int i = 0; i < calls; i++)
		assert_int_equal(write(wfd, "x", 1), 1);
}

/* Until the worker has made `calls` calls, 5 s at most. */
static void wait_done(struct toy *t, int calls)
{
	struct timespec until = clock_after_ms(CLOCK_MONOTONIC, 5000);
	worker_lock(&t->w);
	while (t->done < calls)
		if (!worker_wait_until_locked(&t->w, &until))
			break;
	int done = t->done;
	worker_unlock(&t->w);
	assert_int_equal(done, calls);
}

static void test_work_then_join(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	answer(wfd, 3);
	ask(t, 3);
	wait_done(t, 3);
	assert_true(t->signals_blocked);
	assert_null(worker_failure(&t->w));
	worker_stop(&t->w, 1000);
	assert_true(worker_join(&t->w, 50));
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

/* What is still queued at stop is done within the deadline. */
static void test_stop_finishes_queue(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	answer(wfd, 2);
	ask(t, 2);
	worker_stop(&t->w, 5000);
	wait_done(t, 2);
	assert_true(worker_join(&t->w, 50));
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

/* After the deadline, what is left is dropped, not done. */
static void test_late_is_dropped(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	worker_stop(&t->w, 0);
	ask(t, 2);
	assert_true(worker_join(&t->w, 1000));
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

static bool readable(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return poll(&p, 1, ms) == 1;
}

/* The first reason stays, and the caller is woken for it. */
static void test_failure_once(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	assert_false(readable(worker_fd(&t->w), 0));
	worker_fail(&t->w, "no %s", "server");
	worker_fail(&t->w, "something else");
	assert_true(readable(worker_fd(&t->w), 5000));
	assert_true(worker_failed(&t->w));
	assert_string_equal(worker_failure(&t->w), "no server");
	assert_true(worker_join(&t->w, 50));
	close(wfd);
}

/* A call that hangs wakes the caller stuck_ms after it began, and is then
 * a failure; one that is only slow is not. */
static void test_stuck_found_out(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	ask(t, 1);
	assert_true(readable(worker_fd(&t->w), 5000)); /* the 50 ms alarm */
	const char *why = worker_failure(&t->w);
	assert_non_null(why);
	assert_string_equal(why, "the toy stopped answering");
	answer(wfd, 1); /* the server comes back */
	wait_done(t, 1);
	worker_stop(&t->w, 0);
	assert_true(worker_join(&t->w, 1000));
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

/* A thread still in a hung call at the deadline is given up on: join
 * returns, and the thread frees the backend when the call comes back. */
static void test_join_gives_up(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	ask(t, 1);
	long long began = monotonic_ms();
	worker_stop(&t->w, 20);
	assert_false(worker_join(&t->w, 20));
	long long took = monotonic_ms() - began;
	assert_true(took >= 40);   /* the deadline and a grace, twice */
	assert_true(took < 2000);
	assert_int_equal(atomic_load(&released), 0);
	answer(wfd, 1);
	for (int i = 0; i < 500 && atomic_load(&released) == 0; i++)
		poll(NULL, 0, 10); /* waits for the state, 5 s at most */
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

/* With give_up_ms, a call already busy that long is not waited for. */
static void test_join_does_not_wait_for_hung(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&patient_ops, &released, &wfd);

	ask(t, 1);
	long long busy = monotonic_ms();
	for (;;) { /* until the call has been busy for give_up_ms */
		worker_lock(&t->w);
		bool hung = t->w.busy && monotonic_ms() - t->w.busy_since >= 30;
		worker_unlock(&t->w);
		if (hung || monotonic_ms() - busy > 5000)
			break;
		poll(NULL, 0, 5);
	}
	long long began = monotonic_ms();
	worker_stop(&t->w, 10000);
	assert_false(worker_join(&t->w, 0));
	assert_true(monotonic_ms() - began < 1000); /* not the 10 s */
	answer(wfd, 1);
	for (int i = 0; i < 500 && atomic_load(&released) == 0; i++)
		poll(NULL, 0, 10);
	assert_int_equal(atomic_load(&released), 1);
	close(wfd);
}

/* A second stop keeps the first deadline. */
static void test_stop_keeps_first_deadline(void **state)
{
	(void)state;
	atomic_int released = 0;
	int wfd;
	struct toy *t = toy_start(&ops, &released, &wfd);

	worker_stop(&t->w, 60000);
	struct timespec first = t->w.deadline;
	worker_stop(&t->w, 0);
	assert_int_equal(t->w.deadline.tv_sec, first.tv_sec);
	assert_int_equal(t->w.deadline.tv_nsec, first.tv_nsec);
	assert_true(worker_join(&t->w, 50));
	close(wfd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_work_then_join),
		cmocka_unit_test(test_stop_finishes_queue),
		cmocka_unit_test(test_late_is_dropped),
		cmocka_unit_test(test_failure_once),
		cmocka_unit_test(test_stuck_found_out),
		cmocka_unit_test(test_join_gives_up),
		cmocka_unit_test(test_join_does_not_wait_for_hung),
		cmocka_unit_test(test_stop_keeps_first_deadline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
