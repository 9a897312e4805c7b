/* jobs.c — see jobs.h. Periodic jobs run under a lease (one node at a
 * time, migration 029). Progress of a running job is kept in memory and
 * written to its row when it finishes: on SQLite the import's own write
 * transaction holds the file's write lock, so a second connection could not
 * record progress meanwhile. */
#include "core/jobs.h"
#include "core/audit.h"
#include "core/io.h"
#include "core/partitions.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/num.h"

/* room for the platform's and every area's periodic jobs; jobs_add fails
 * loudly past it (a registry never drops an entry silently) */
#define MAX_JOBS 64

/* run counters, rendered by the web layer's /metrics */
static struct {
	const char *name;
	unsigned long long ok, failed;
} runs[MAX_JOBS];
static pthread_mutex_t runs_mu = PTHREAD_MUTEX_INITIALIZER;

static void count_run(int i, const char *name, int ok)
{
	pthread_mutex_lock(&runs_mu);
	runs[i].name = name;
	ok ? runs[i].ok++ : runs[i].failed++;
	pthread_mutex_unlock(&runs_mu);
}

void jobs_metrics(strbuf *b)
{
	pthread_mutex_lock(&runs_mu);
	for (int i = 0; i < MAX_JOBS; i++)
		if (runs[i].name)
			sb_printf(
				b,
				"zhijian_job_runs_total{job=\"%s\",result=\"ok\"} %llu\nzhijian_job_runs_total{job=\"%s\",result=\"failed\"} %llu\n",
				runs[i].name, runs[i].ok, runs[i].name, runs[i].failed);
	pthread_mutex_unlock(&runs_mu);
	int w, r, q, res;
	jobq_counts(&w, &r, &q, &res);
	sb_printf(b, "zhijian_job_workers %d\nzhijian_jobs_running %d\nzhijian_jobs_queued %d\n", w, r, q);
}

typedef periodic_job periodic;

/* Counts open deadlines past due so dashboards and metrics can show them. */
static int job_overdue(db *d, const char *now)
{
	char today[11];
	clock_today(today);
	const char *p[] = {today};
	int64_t n = db_query_int(d, "SELECT COUNT(*) FROM deadlines WHERE closed_at IS NULL AND due < ?", 1, p, -1);
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)n);
	const char *p2[] = {"overdue_scan", now, v};
	return db_run(
		d,
		"INSERT INTO job_runs (name, last_run, last_result) VALUES (?, ?, ?)"
		" ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run, last_result = excluded.last_result",
		3, p2);
}

/* Sessions past their absolute expiry carry no evidence: remove them. */
static int job_sessions(db *d, const char *now)
{
	const char *p[] = {now};
	return db_run(d, "DELETE FROM sessions WHERE expires_at < ?", 1, p);
}

/* Anchors every audit chain head in the signed checkpoint file outside the
 * database, every ZJ_AUDIT_CHECKPOINT_MINUTES (default 10), the first time
 * when the server starts. A refusal (a chain no longer reaches its last
 * anchor) is an alarm on the operations log and a failed run in /metrics. */
static int job_checkpoint(db *d, const char *now)
{
	static time_t last;
	const char *path = audit_checkpoint_path(), *env = getenv("ZJ_AUDIT_CHECKPOINT_MINUTES");
	long every = (long)num_or(env, 1, 24 * 60, 10) * 60;
	time_t t = time(NULL);
	if (!path[0] || (last && t - last < every - 5))
		return DB_OK;
	char msg[700];
	if (audit_checkpoint(d, path, now, NULL, msg, sizeof msg) != 0)
		return DB_ERR;
	last = t;
	return DB_OK;
}

/* Imports that left batches in the ledger (io.h) and are not running any
 * more: finished (failed while withdrawing), gone, or silent — every batch
 * writes the job's heartbeat, so a running import (or one still marked
 * queued: its worker could not record the start) whose row was not touched
 * for ZJ_IMPORT_STALE_S (600 s) has lost its server. Their rows are
 * withdrawn and the job marked failed. */
static int job_import_recovery(db *d, const char *now)
{
	const char *env = getenv("ZJ_IMPORT_STALE_S");
	long stale = (long)num_or(env, 1, INT32_MAX, 600);
	struct tm tm = {0};
	char cutoff[32];
	if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return DB_ERR;
	time_t t = timegm(&tm) - stale;
	gmtime_r(&t, &tm);
	strftime(cutoff, sizeof cutoff, "%Y-%m-%dT%H:%M:%SZ", &tm);
	db_stmt *s;
	int64_t jobs[32];
	int n = 0;
	if (db_prepare(
		    d,
		    "SELECT DISTINCT b.job_id FROM import_batches b LEFT JOIN jobs j ON j.id = b.job_id"
		    " WHERE j.id IS NULL OR j.state NOT IN ('queued', 'running') OR j.updated_at < ? ORDER BY b.job_id LIMIT 32",
		    &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, cutoff);
	while (db_step(s) == DB_ROW && n < 32)
		jobs[n++] = db_col_int(s, 0);
	db_finalize(s);
	int rc = DB_OK;
	for (int i = 0; i < n; i++) {
		zj_ctx c;
		ctx_init(&c, d);
		long w = io_import_withdraw(&c, jobs[i], "the import stopped before it completed (server stopped)");
		ctx_clear(&c);
		if (w < 0) {
			rc = DB_ERR;
			continue;
		}
		char idt[24];
		snprintf(idt, sizeof idt, "%lld", (long long)jobs[i]);
		const char *p[] = {now, idt};
		db_run(d,
		       "UPDATE jobs SET state = 'failed', updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
		       2, p);
		fprintf(stderr, "zhijian: import job %lld had stopped mid-way: %ld row(s) withdrawn\n",
			(long long)jobs[i], w);
	}
	return rc;
}

static const periodic periodic_jobs[] = {
	{"overdue_scan", 74530101, 300, job_overdue},        {"session_sweep", 74530102, 3600, job_sessions},
	{"audit_checkpoint", 74530103, 600, job_checkpoint}, {"import_recovery", 74530104, 60, job_import_recovery},
	{"partition_ahead", 74530105, 600, partitions_job}, /* core/partitions.c, PostgreSQL */
};

/* the business areas' jobs (module_def.jobs), after the platform's in runs[] */
#define NPLATFORM ((int)(sizeof periodic_jobs / sizeof periodic_jobs[0]))
static const periodic *area_jobs[MAX_JOBS - NPLATFORM];
static int narea_jobs;

void jobs_add(const periodic_job *j)
{
	if (narea_jobs == (int)(sizeof area_jobs / sizeof area_jobs[0])) {
		fprintf(stderr, "jobs: too many periodic jobs (%s)\n", j->name);
		abort();
	}
	area_jobs[narea_jobs++] = j;
}

static pthread_t runner;
static volatile int stopping;
static db_pool *jpool;

/* ---- leases: one node runs a job at a time (migration 029) ---- */

/* this process, as a lease's owner: host, pid and a random tag */
static char owner_id[128];
static pthread_once_t owner_once = PTHREAD_ONCE_INIT;
static void owner_make(void)
{
	char host[64] = "";
	unsigned char r[4];
	gethostname(host, sizeof host - 1);
	randombytes_buf(r, sizeof r);
	snprintf(owner_id, sizeof owner_id, "%s:%d:%02x%02x%02x%02x", host, (int)getpid(), r[0], r[1], r[2], r[3]);
}
static const char *lease_owner(void)
{
	pthread_once(&owner_once, owner_make);
	return owner_id;
}

/* the time `s` seconds after `now` (both "YYYY-MM-DDTHH:MM:SSZ") */
static void after_s(const char *now, long s, char out[32])
{
	struct tm tm = {0};
	out[0] = 0;
	if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	time_t t = timegm(&tm) + s;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* 1 when this process may run j now: its lease is free, expired or ours.
 * A lease lasts twice the job's period and at least ten minutes, so a run
 * is never taken over while it works, and a dead node's is within that. */
static int lease_take(db *d, const periodic *j, const char *now)
{
	char until[32];
	after_s(now, j->every_s * 2 > 600 ? (long)j->every_s * 2 : 600, until);
	const char *p0[] = {j->name};
	if (db_run(d, "INSERT INTO job_leases (name) VALUES (?) ON CONFLICT (name) DO NOTHING", 1, p0) != DB_OK)
		return 0;
	db_stmt *s;
	if (db_prepare(d,
		       "UPDATE job_leases SET owner = ?, until = ? WHERE name = ?"
		       " AND (until IS NULL OR until < ? OR owner = ?) RETURNING name",
		       &s) != DB_OK)
		return 0;
	db_bind_text(s, 1, lease_owner());
	db_bind_text(s, 2, until);
	db_bind_text(s, 3, j->name);
	db_bind_text(s, 4, now);
	db_bind_text(s, 5, lease_owner());
	int got = db_step(s) == DB_ROW;
	db_finalize(s);
	return got;
}

static void lease_give(db *d, const periodic *j)
{
	const char *p[] = {j->name, lease_owner()};
	db_run(d, "UPDATE job_leases SET owner = NULL, until = NULL WHERE name = ? AND owner = ?", 2, p);
}

int jobs_run_all(db *d)
{
	char now[32];
	clock_now(now);
	int bad = 0;
	for (int i = 0; i < NPLATFORM + narea_jobs; i++) {
		const periodic *j = i < NPLATFORM ? &periodic_jobs[i] : area_jobs[i - NPLATFORM];
		if (!lease_take(d, j, now))
			continue; /* another server runs it */
		unsigned long failed = db_step_failures();
		/* a read that failed mid-way is a failed run even when the job carried on */
		int ok = j->run(d, now) == DB_OK && db_step_failures() == failed;
		lease_give(d, j);
		count_run(i, j->name, ok);
		bad += !ok;
	}
	return bad;
}

static void *run_loop(void *arg)
{
	long tick = 0;
	while (!stopping) {
		if (tick % 60 == 0) {
			db *d = db_pool_get(jpool);
			if (d) {
				jobs_run_all(d);
				db_pool_put(jpool, d);
			}
		}
		sleep(1);
		tick++;
	}
	return NULL;
}

static int runner_on;

static int env_int(const char *name, int def, int lo, int hi)
{
	const char *v = getenv(name);
	long long n = num_or(v, INT32_MIN, INT32_MAX, def);
	return n < lo ? lo : n > hi ? hi : (int)n;
}

void jobs_start(db_pool *pool)
{
	jpool = pool;
	stopping = 0;
	int workers = env_int("ZJ_JOB_WORKERS", env_int("ZJ_IMPORT_JOBS", 2, 1, 64), 1, 64);
	jobq_start(workers, env_int("ZJ_JOB_QUEUE", 8, 0, 1024));
	runner_on = pthread_create(&runner, NULL, run_loop, NULL) == 0;
	if (!runner_on)
		fprintf(stderr, "zhijian: cannot start the periodic jobs' thread; they do not run\n");
}

void jobs_stop(void)
{
	jobq_stop(); /* first: the work it drains still needs the database */
	stopping = 1;
	if (runner_on)
		pthread_join(runner, NULL);
	runner_on = 0;
}

/* ---- the worker pool (jobs.h) ---- */

typedef struct {
	int64_t id;
	job_work_fn fn;
	void *arg;
} work_item;

static struct {
	pthread_mutex_t mu;
	pthread_cond_t more;
	pthread_t *threads;
	int nthreads, cap; /* cap: workers + queue places */
	work_item *ring;   /* cap slots */
	int head, queued, running, reserved;
	int open; /* between start and stop */
} Q = {.mu = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&Q.mu);
	for (;;) {
		while (Q.open && !Q.queued)
			pthread_cond_wait(&Q.more, &Q.mu);
		if (!Q.queued) /* closed and nothing left */
			break;
		work_item w = Q.ring[Q.head];
		Q.head = (Q.head + 1) % Q.cap;
		Q.queued--, Q.running++;
		pthread_mutex_unlock(&Q.mu);
		w.fn(w.arg, 0);
		pthread_mutex_lock(&Q.mu);
		Q.running--;
	}
	pthread_mutex_unlock(&Q.mu);
	return NULL;
}

int jobq_start(int workers, int queue)
{
	pthread_mutex_lock(&Q.mu);
	if (Q.open) {
		pthread_mutex_unlock(&Q.mu);
		return Q.nthreads;
	}
	Q.threads = calloc((size_t)workers, sizeof *Q.threads);
	Q.ring = calloc((size_t)(workers + queue), sizeof *Q.ring);
	Q.head = Q.queued = Q.running = Q.reserved = Q.nthreads = 0;
	if (!Q.threads || !Q.ring) {
		free(Q.threads), free(Q.ring);
		Q.threads = NULL, Q.ring = NULL;
	}
	Q.open = Q.threads != NULL;
	for (int i = 0; Q.open && i < workers; i++) {
		int rc = pthread_create(&Q.threads[Q.nthreads], NULL, worker, NULL);
		if (rc) {
			fprintf(stderr, "zhijian: job worker %d of %d did not start (%s); %d run\n", i + 1, workers,
				strerror(rc), Q.nthreads);
			break;
		}
		Q.nthreads++;
	}
	/* fewer threads started: fewer places, so that a queued job is always taken */
	Q.cap = Q.nthreads ? Q.nthreads + queue : 0;
	Q.open = Q.nthreads > 0;
	int n = Q.nthreads;
	pthread_mutex_unlock(&Q.mu);
	return n;
}

void jobq_stop(void)
{
	pthread_mutex_lock(&Q.mu);
	int was_open = Q.open;
	Q.open = 0;
	int n = Q.queued, cap = Q.cap;
	work_item *cancel = n ? calloc((size_t)n, sizeof *cancel) : NULL;
	for (int i = 0; i < n; i++) /* taken out before a worker can start it */
		cancel[i] = Q.ring[(Q.head + i) % cap];
	Q.queued = 0;
	int running = Q.running;
	pthread_cond_broadcast(&Q.more);
	pthread_mutex_unlock(&Q.mu);
	if (!was_open && !Q.threads)
		return;
	if (n || running)
		fprintf(stderr, "zhijian: job pool drains: %d queued job(s) cancelled, %d running to complete\n", n,
			running);
	for (int i = 0; i < n; i++)
		cancel[i].fn(cancel[i].arg, 1);
	free(cancel);
	for (int i = 0; i < Q.nthreads; i++) /* running work completes */
		pthread_join(Q.threads[i], NULL);
	pthread_mutex_lock(&Q.mu);
	free(Q.threads), free(Q.ring);
	Q.threads = NULL, Q.ring = NULL;
	Q.nthreads = Q.cap = Q.head = 0;
	pthread_mutex_unlock(&Q.mu);
}

int jobq_reserve(void)
{
	pthread_mutex_lock(&Q.mu);
	int ok = Q.open && Q.running + Q.queued + Q.reserved < Q.cap;
	Q.reserved += ok;
	pthread_mutex_unlock(&Q.mu);
	return ok;
}

void jobq_release(void)
{
	pthread_mutex_lock(&Q.mu);
	if (Q.reserved > 0)
		Q.reserved--;
	pthread_mutex_unlock(&Q.mu);
}

int jobq_submit(int64_t job_id, job_work_fn fn, void *arg)
{
	pthread_mutex_lock(&Q.mu);
	if (Q.reserved > 0)
		Q.reserved--;
	/* the reservation guarantees a place: running + queued < cap */
	int ok = Q.open && Q.running + Q.queued < Q.cap;
	if (ok) {
		Q.ring[(Q.head + Q.queued) % Q.cap] = (work_item){job_id, fn, arg};
		Q.queued++;
		pthread_cond_signal(&Q.more);
	}
	pthread_mutex_unlock(&Q.mu);
	return ok ? 0 : -1;
}

int jobq_position(int64_t job_id)
{
	int pos = 0;
	pthread_mutex_lock(&Q.mu);
	for (int i = 0; i < Q.queued && !pos; i++)
		if (Q.ring[(Q.head + i) % Q.cap].id == job_id)
			pos = i + 1;
	pthread_mutex_unlock(&Q.mu);
	return pos;
}

void jobq_counts(int *workers, int *running, int *queued, int *reserved)
{
	pthread_mutex_lock(&Q.mu);
	*workers = Q.nthreads, *running = Q.running, *queued = Q.queued, *reserved = Q.reserved;
	pthread_mutex_unlock(&Q.mu);
}

/* ---- job rows with in-memory progress ---- */

static int64_t job_insert(zj_ctx *c, const char *kind, const char *entity, long total);

enum { LIVE = 64 };
static struct {
	int64_t id;
	long done, total;
} live[LIVE];
static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;

/* Called on a request thread: the insert waits for another writer's lock
 * (SQLite) at most ZJ_JOB_CREATE_WAIT_MS (250 ms), then gives up with -1
 * (the caller answers 503 with Retry-After); an import writes in batches of
 * ZJ_IMPORT_BATCH_MS, so the lock is free again well within that. */
int64_t job_create(zj_ctx *c, const char *kind, const char *entity, long total)
{
	const char *w = getenv("ZJ_JOB_CREATE_WAIT_MS");
	long wv = w ? strtol(w, NULL, 10) : 0;
	int wait_ms = wv > 0 && wv < 600000 ? (int)wv : 250;
	int old = db_lock_wait(c->db, wait_ms);
	int64_t id = job_insert(c, kind, entity, total);
	db_lock_wait(c->db, old);
	return id;
}

static int64_t job_insert(zj_ctx *c, const char *kind, const char *entity, long total)
{
	char t[24], uid[24];
	snprintf(t, sizeof t, "%ld", total);
	snprintf(uid, sizeof uid, "%lld", (long long)(c->user ? c->user->id : 0));
	db_stmt *s;
	int64_t id = 0;
	if (db_prepare(c->db,
		       "INSERT INTO jobs (kind, entity, state, done, total, created_by, created_at, updated_at)"
		       " VALUES (?, ?, 'queued', 0, ?, ?, ?, ?) RETURNING id",
		       &s) != DB_OK)
		return 0;
	db_bind_text(s, 1, kind), db_bind_text(s, 2, entity), db_bind_text(s, 3, t);
	db_bind_text(s, 4, uid), db_bind_text(s, 5, c->now), db_bind_text(s, 6, c->now);
	int rc = db_step(s);
	if (rc == DB_ROW)
		id = db_col_int(s, 0);
	else if (rc == DB_BUSY)
		id = -1;
	while (rc == DB_ROW && db_step(s) == DB_ROW)
		;
	db_finalize(s);
	return id;
}

void job_progress(db_pool *pool, int64_t id, long done, long total)
{
	pthread_mutex_lock(&live_mu);
	int slot = -1; /* this job's slot, else the first free one */
	for (int i = 0; i < LIVE && (slot < 0 || live[slot].id != id); i++)
		if (live[i].id == id || (slot < 0 && live[i].id == 0))
			slot = i;
	if (slot >= 0)
		live[slot].id = id, live[slot].done = done, live[slot].total = total;
	pthread_mutex_unlock(&live_mu);
}

void job_finish(db_pool *pool, int64_t id, const char *state, json_t *result)
{
	long done = 0, total = 0;
	pthread_mutex_lock(&live_mu);
	for (int i = 0; i < LIVE; i++)
		if (live[i].id == id) {
			done = live[i].done, total = live[i].total;
			live[i].id = 0;
		}
	pthread_mutex_unlock(&live_mu);
	char *rj = result ? json_dumps(result, JSON_COMPACT) : NULL;
	char now[32], idt[24], d[24], t[24];
	clock_now(now);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	snprintf(d, sizeof d, "%ld", done);
	snprintf(t, sizeof t, "%ld", total > done ? total : done);
	/* a background thread: it may wait for a connection, but never forever */
	db *conn = NULL;
	for (int i = 0; i < 60 && !conn && !stopping; i++)
		conn = db_pool_get(pool);
	if (conn) {
		const char *p[] = {state, d, t, rj, now, idt};
		db_run(conn, "UPDATE jobs SET state = ?, done = ?, total = ?, result = ?, updated_at = ? WHERE id = ?",
		       6, p);
		db_pool_put(pool, conn);
	}
	free(rj);
}

void job_started(db_pool *pool, int64_t id)
{
	char now[32], idt[24];
	clock_now(now);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db *conn = NULL;
	for (int i = 0; i < 60 && !conn && !stopping; i++) /* bounded, like job_finish */
		conn = db_pool_get(pool);
	if (conn) {
		const char *p[] = {now, idt};
		db_run(conn, "UPDATE jobs SET state = 'running', updated_at = ? WHERE id = ? AND state = 'queued'", 2,
		       p);
		db_pool_put(pool, conn);
	}
}

json_t *job_get(zj_ctx *c, int64_t id)
{
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT j.id, j.kind, j.entity, j.state, j.done, j.total, j.result, j.created_by, j.created_at, j.updated_at, u.username"
		    " FROM jobs j LEFT JOIN users u ON u.id = j.created_by WHERE j.id = ?",
		    &s) != DB_OK)
		return NULL;
	db_bind_int(s, 1, id);
	json_t *j = NULL;
	if (db_step(s) == DB_ROW) {
		int64_t owner = db_col_int(s, 7);
		if (!c->user || owner == c->user->id || ctx_scope(c, "jobs.read") & 8 /* SCOPE_ALL */) {
			json_t *res = db_col_text(s, 6) ? json_loads(db_col_text(s, 6), 0, NULL) : NULL;
			j = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)db_col_int(s, 0), "kind",
				      db_col_text(s, 1), "entity", db_col_text(s, 2) ? db_col_text(s, 2) : "", "state",
				      db_col_text(s, 3), "done", (json_int_t)db_col_int(s, 4), "total",
				      (json_int_t)db_col_int(s, 5), "result", res ? res : json_null());
			json_object_set_new(j, "created_at", json_string(db_col_text(s, 8) ? db_col_text(s, 8) : ""));
			json_object_set_new(j, "updated_at", json_string(db_col_text(s, 9) ? db_col_text(s, 9) : ""));
			json_object_set_new(j, "created_by",
					    json_string(db_col_text(s, 10) ? db_col_text(s, 10) : "system"));
		}
	}
	db_finalize(s);
	if (j) {
		pthread_mutex_lock(&live_mu);
		for (int i = 0; i < LIVE; i++)
			if (live[i].id == id) {
				json_object_set_new(j, "done", json_integer(live[i].done));
				json_object_set_new(j, "total", json_integer(live[i].total));
			}
		pthread_mutex_unlock(&live_mu);
		int pos = jobq_position(id);
		if (pos && !strcmp(json_string_value(json_object_get(j, "state")), "queued"))
			json_object_set_new(j, "position", json_integer(pos));
	}
	return j;
}
