/* test_jobs.c — cmocka tests for the job pool of src/core/jobs.c: N workers
 * run at most N items at once, the queue holds its bound and no more, a full
 * pool refuses a reservation, positions count from the head, and the drain
 * cancels queued work and lets running work complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "core/jobs.h"

static atomic_int running_now, peak, completed, cancelled;
static atomic_int gate; /* 1: the items may finish */

static void work(void *arg, int was_cancelled)
{
	if (was_cancelled) {
		atomic_fetch_add(&cancelled, 1);
		return;
	}
	int n = atomic_fetch_add(&running_now, 1) + 1;
	for (int p = atomic_load(&peak); n > p && !atomic_compare_exchange_weak(&peak, &p, n);)
		;
	while (!atomic_load(&gate))
		usleep(1000);
	atomic_fetch_sub(&running_now, 1);
	atomic_fetch_add(&completed, 1);
}

static void reset(void)
{
	running_now = peak = completed = cancelled = gate = 0;
}

/* waits (at most 5 s) until the pool runs `r` items */
static void wait_running(int r)
{
	for (int i = 0; i < 5000 && atomic_load(&running_now) != r; i++)
		usleep(1000);
	assert_int_equal(atomic_load(&running_now), r);
}

static int submit(int64_t id)
{
	if (!jobq_reserve())
		return -2;
	return jobq_submit(id, work, NULL);
}

static void test_bounds_and_positions(void **state)
{
	reset();
	assert_int_equal(jobq_start(2, 3), 2);
	for (int i = 1; i <= 5; i++)
		assert_int_equal(submit(i), 0);
	wait_running(2);
	/* 2 running + 3 queued = workers + queue: full, refused */
	assert_int_equal(jobq_reserve(), 0);
	int w, r, q, res;
	jobq_counts(&w, &r, &q, &res);
	assert_int_equal(w, 2), assert_int_equal(r, 2), assert_int_equal(q, 3), assert_int_equal(res, 0);
	assert_int_equal(jobq_position(3), 1);
	assert_int_equal(jobq_position(5), 3);
	assert_int_equal(jobq_position(1), 0); /* running, not waiting */
	atomic_store(&gate, 1);
	for (int i = 0; i < 5000 && atomic_load(&completed) < 5; i++)
		usleep(1000);
	assert_int_equal(atomic_load(&completed), 5);
	assert_int_equal(atomic_load(&peak), 2); /* never more than the workers */
	/* room again */
	assert_int_equal(jobq_reserve(), 1);
	jobq_release();
	jobq_stop();
	assert_int_equal(atomic_load(&cancelled), 0);
}

static void test_reservation_counts(void **state)
{
	reset();
	assert_int_equal(jobq_start(1, 1), 1);
	/* places taken from the headers count before anything is queued */
	assert_int_equal(jobq_reserve(), 1);
	assert_int_equal(jobq_reserve(), 1);
	assert_int_equal(jobq_reserve(), 0);
	jobq_release();
	assert_int_equal(jobq_reserve(), 1);
	jobq_release(), jobq_release();
	jobq_stop();
	/* a stopped pool refuses */
	assert_int_equal(jobq_reserve(), 0);
}

static void *stopper(void *arg)
{
	jobq_stop();
	return NULL;
}

static void test_drain(void **state)
{
	reset();
	assert_int_equal(jobq_start(1, 2), 1);
	assert_int_equal(submit(1), 0);
	wait_running(1);
	assert_int_equal(submit(2), 0);
	assert_int_equal(submit(3), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, stopper, NULL), 0);
	/* the queued ones are cancelled at once, the running one goes on */
	for (int i = 0; i < 5000 && atomic_load(&cancelled) < 2; i++)
		usleep(1000);
	assert_int_equal(atomic_load(&cancelled), 2);
	assert_int_equal(atomic_load(&completed), 0);
	assert_int_equal(jobq_reserve(), 0); /* nothing new while draining */
	atomic_store(&gate, 1);
	pthread_join(t, NULL); /* the stop waits for the running item */
	assert_int_equal(atomic_load(&completed), 1);
	assert_int_equal(atomic_load(&running_now), 0);
	/* it starts again (a server restarted in the same process) */
	assert_int_equal(jobq_start(1, 0), 1);
	assert_int_equal(submit(9), 0);
	for (int i = 0; i < 5000 && atomic_load(&completed) < 2; i++)
		usleep(1000);
	assert_int_equal(atomic_load(&completed), 2);
	jobq_stop();
}

static void test_submit_after_stop(void **state)
{
	reset();
	assert_int_equal(jobq_start(1, 1), 1);
	assert_int_equal(jobq_reserve(), 1);
	jobq_stop(); /* between the reservation and the submit */
	atomic_store(&gate, 1);
	assert_int_equal(jobq_submit(1, work, NULL), -1);
	assert_int_equal(atomic_load(&completed) + atomic_load(&cancelled), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds_and_positions),
		cmocka_unit_test(test_reservation_counts),
		cmocka_unit_test(test_drain),
		cmocka_unit_test(test_submit_after_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
