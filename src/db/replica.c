/* replica.c — the read replica's pool and its lag (see replica.h).
 *
 * The lag thread asks the replica once a second:
 *   - is it a standby (pg_is_in_recovery) with a WAL receiver running
 *     (pg_stat_wal_receiver has a row; its other columns are hidden from a
 *     role without pg_read_all_stats, its pid is not)? A standby whose
 *     receiver stopped has stopped following the primary: not usable.
 *   - how far behind is its replay: 0 when it has replayed everything it
 *     received, else now() - pg_last_xact_replay_timestamp(). The bare
 *     difference grows without bound on an idle primary (no transaction to
 *     replay has a newer timestamp), so it counts only while WAL waits.
 * A sample that fails (replica stopped, network) leaves the last good one
 * to age: after 3 s without one the replica is not used. */
#include "db/replica.h"
#include "lib/xalloc.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { PIN_SLOTS = 4096, PIN_WAYS = 4, LAG_HISTORY = 10, SAMPLE_MS = 1000, STALE_MS = 3000, MARGIN_MS = 500 };

typedef struct pin {
	int64_t session_id, until_ms;
} pin;

struct db_replica {
	db_pool *pool;
	char *uri;
	int postgres, max_lag_ms;
	pthread_t thread;
	int thread_on;
	pthread_mutex_t mu; /* the pins, the lag history, stop */
	pthread_cond_t cv;
	int stop, done;
	int64_t lag_hist[LAG_HISTORY];
	int lag_n;
	_Atomic int64_t lag_ms, last_ok_ms;
	_Atomic int standby, receiving;
	_Atomic unsigned long long served, fell_back, samples_failed;
	pin pins[PIN_SLOTS];
};

int64_t db_replica_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *const lag_sql =
	"SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END,"
	" (SELECT COUNT(*) FROM pg_stat_wal_receiver),"
	" CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0"
	" ELSE COALESCE((EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint, 0) END";

/* One sample on the thread's own connection (reopened after a failure). */
static int sample(db_replica *rp, db **conn)
{
	char err[256];
	if (!*conn && db_open(rp->uri, conn, err, sizeof err) != DB_OK) {
		*conn = NULL;
		return -1;
	}
	db_stmt *s;
	int ok = 0;
	int64_t standby = 0, receiving = 0, lag = 0;
	if (db_prepare(*conn, lag_sql, &s) == DB_OK) {
		if (db_step(s) == DB_ROW) {
			standby = db_col_int(s, 0), receiving = db_col_int(s, 1), lag = db_col_int(s, 2);
			ok = 1;
		}
		db_finalize(s);
	}
	if (!ok) {
		db_close(*conn);
		*conn = NULL;
		return -1;
	}
	rp->standby = (int)standby;
	rp->receiving = receiving > 0;
	rp->lag_ms = lag < 0 ? 0 : lag;
	pthread_mutex_lock(&rp->mu);
	rp->lag_hist[rp->lag_n++ % LAG_HISTORY] = rp->lag_ms;
	pthread_mutex_unlock(&rp->mu);
	/* a primary named as the replica, or a standby that stopped receiving, is not a fresh copy */
	if (standby && receiving > 0)
		rp->last_ok_ms = db_replica_now_ms();
	return 0;
}

static void *lag_thread(void *arg)
{
	db_replica *rp = arg;
	db *conn = NULL;
	pthread_mutex_lock(&rp->mu);
	while (!rp->stop) {
		pthread_mutex_unlock(&rp->mu);
		if (sample(rp, &conn))
			rp->samples_failed++;
		pthread_mutex_lock(&rp->mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SAMPLE_MS / 1000;
		while (!rp->stop && pthread_cond_timedwait(&rp->cv, &rp->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&rp->mu);
	db_close(conn);
	pthread_mutex_lock(&rp->mu);
	rp->done = 1;
	pthread_cond_broadcast(&rp->cv);
	pthread_mutex_unlock(&rp->mu);
	return NULL;
}

db_replica *db_replica_new(const char *uri, int size, int max_lag_ms, char *err, size_t errlen)
{
	int postgres = !strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11);
	db_pool *pool = db_pool_new(uri, size, err, errlen);
	if (!pool && !postgres)
		return NULL;
	if (!pool) {
		/* a replica down when the node starts: the node serves from the
		 * primary, and the lag thread finds the replica when it answers */
		fprintf(stderr, "zhijian serve: --read-db: %s; reads go to the primary until it answers\n", err);
		pool = db_pool_new_lazy(uri, size);
	}
	db_replica *rp = xcalloc(1, sizeof *rp);
	rp->pool = pool;
	rp->uri = xstrdup(uri);
	rp->max_lag_ms = max_lag_ms > 0 ? max_lag_ms : 5000;
	rp->postgres = postgres;
	pthread_mutex_init(&rp->mu, NULL);
	pthread_cond_init(&rp->cv, NULL);
	if (!rp->postgres) {
		rp->standby = rp->receiving = 1;
		return rp;
	}
	db *probe = NULL;
	sample(rp, &probe); /* the first sample now: usable (or not) from the first request */
	db_close(probe);
	if (pthread_create(&rp->thread, NULL, lag_thread, rp) == 0)
		rp->thread_on = 1;
	return rp;
}

void db_replica_free(db_replica *rp)
{
	if (!rp)
		return;
	if (rp->thread_on) {
		/* a sample stuck on an unreachable replica must not hold the stop:
		 * after 3 s the thread is left behind (and rp with it) */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 3;
		pthread_mutex_lock(&rp->mu);
		rp->stop = 1;
		pthread_cond_broadcast(&rp->cv);
		int rc = 0;
		while (!rp->done && rc == 0)
			rc = pthread_cond_timedwait(&rp->cv, &rp->mu, &until);
		int done = rp->done;
		pthread_mutex_unlock(&rp->mu);
		if (!done) {
			pthread_detach(rp->thread);
			return;
		}
		pthread_join(rp->thread, NULL);
	}
	db_pool_free(rp->pool);
	pthread_mutex_destroy(&rp->mu);
	pthread_cond_destroy(&rp->cv);
	free(rp->uri);
	free(rp);
}

int db_replica_usable(db_replica *rp)
{
	if (!rp)
		return 0;
	if (!rp->postgres)
		return 1;
	return rp->last_ok_ms > 0 && db_replica_now_ms() - rp->last_ok_ms <= STALE_MS && rp->lag_ms <= rp->max_lag_ms;
}

int64_t db_replica_pin_ms(db_replica *rp)
{
	int64_t worst = 0;
	pthread_mutex_lock(&rp->mu);
	int n = rp->lag_n < LAG_HISTORY ? rp->lag_n : LAG_HISTORY;
	for (int i = 0; i < n; i++)
		worst = rp->lag_hist[i] > worst ? rp->lag_hist[i] : worst;
	pthread_mutex_unlock(&rp->mu);
	/* the lag may have grown since the last sample: one period more, and a margin */
	return worst + SAMPLE_MS + MARGIN_MS;
}

db *db_replica_get(db_replica *rp)
{
	db *d = db_pool_get_wait(rp->pool, 200); /* a busy replica: the primary answers instead */
	if (d && !rp->postgres && db_exec(d, "PRAGMA query_only = 1") != DB_OK) {
		db_pool_put(rp->pool, d);
		return NULL;
	}
	return d;
}

void db_replica_put(db_replica *rp, db *d)
{
	db_pool_put(rp->pool, d);
}

void db_replica_failed(db_replica *rp, db *d)
{
	db_pool_discard(rp->pool, d);
	if (rp->postgres)
		rp->last_ok_ms = 0;
}

db_pool *db_replica_pool(db_replica *rp)
{
	return rp->pool;
}

/* A small set-associative table: the slot of a session and the next
 * ways; a new pin takes a way of the same session, else an expired one,
 * else the one that expires first. */
void db_replica_pin(db_replica *rp, int64_t session_id)
{
	if (!rp || session_id <= 0)
		return;
	int64_t now = db_replica_now_ms(), until = now + db_replica_pin_ms(rp);
	size_t base = (size_t)((uint64_t)session_id % (PIN_SLOTS / PIN_WAYS)) * PIN_WAYS;
	pthread_mutex_lock(&rp->mu);
	pin *best = &rp->pins[base];
	for (int w = 0; w < PIN_WAYS; w++) {
		pin *p = &rp->pins[base + (size_t)w];
		if (p->session_id == session_id) {
			best = p;
			break;
		}
		if (p->until_ms < best->until_ms)
			best = p;
	}
	best->session_id = session_id, best->until_ms = until;
	pthread_mutex_unlock(&rp->mu);
}

int db_replica_pinned(db_replica *rp, int64_t session_id)
{
	if (!rp || session_id <= 0)
		return 0;
	int64_t now = db_replica_now_ms();
	size_t base = (size_t)((uint64_t)session_id % (PIN_SLOTS / PIN_WAYS)) * PIN_WAYS;
	int pinned = 0;
	pthread_mutex_lock(&rp->mu);
	for (int w = 0; w < PIN_WAYS; w++) {
		const pin *p = &rp->pins[base + (size_t)w];
		if (p->session_id == session_id && p->until_ms > now)
			pinned = 1;
	}
	pthread_mutex_unlock(&rp->mu);
	return pinned;
}

void db_replica_count(db_replica *rp, int served_by_replica)
{
	if (!rp)
		return;
	if (served_by_replica)
		rp->served++;
	else
		rp->fell_back++;
}

void db_replica_metrics(db_replica *rp, char *buf, size_t len)
{
	if (!rp || !len) {
		if (len)
			buf[0] = 0;
		return;
	}
	int64_t age = rp->last_ok_ms ? db_replica_now_ms() - rp->last_ok_ms : -1;
	snprintf(buf, len,
		 "# HELP zhijian_replica_up 1 when reads go to the read replica (fresh sample, lag within the bound).\n"
		 "# TYPE zhijian_replica_up gauge\nzhijian_replica_up %d\n"
		 "# HELP zhijian_replica_lag_ms The replica's replay lag at the last sample.\n"
		 "# TYPE zhijian_replica_lag_ms gauge\nzhijian_replica_lag_ms %lld\n"
		 "# HELP zhijian_replica_sample_age_ms Age of the last good lag sample (-1: none yet).\n"
		 "# TYPE zhijian_replica_sample_age_ms gauge\nzhijian_replica_sample_age_ms %lld\n"
		 "# HELP zhijian_replica_reads_total Reads that may go to the replica, by where they went.\n"
		 "# TYPE zhijian_replica_reads_total counter\n"
		 "zhijian_replica_reads_total{served_by=\"replica\"} %llu\n"
		 "zhijian_replica_reads_total{served_by=\"primary\"} %llu\n"
		 "# HELP zhijian_replica_samples_failed_total Lag samples that failed (replica unreachable).\n"
		 "# TYPE zhijian_replica_samples_failed_total counter\nzhijian_replica_samples_failed_total %llu\n",
		 db_replica_usable(rp), (long long)rp->lag_ms, (long long)age, (unsigned long long)rp->served,
		 (unsigned long long)rp->fell_back, (unsigned long long)rp->samples_failed);
}
