/* jobs.h — background work. (1) Periodic jobs inside `serve` (overdue
 * deadline scan, expired-session sweep); on PostgreSQL each run takes an
 * advisory lock so that with several servers a job runs once; among them the
 * recovery of imports whose server stopped mid-way (io.h). (2) Long
 * operations (imports) as job rows with progress: done / total / state. */
#ifndef ZJ_JOBS_H
#define ZJ_JOBS_H
#include "core/ctx.h"
#include "lib/strbuf.h"

/* A periodic job: run by one server at a time, which holds the job's lease
 * (job_leases, by name) while it runs; every_s sets how long a lease of a
 * node that died mid-run lasts (twice it, at least ten minutes). lock_key
 * is the job's number from when an advisory lock was taken; no longer
 * read (issue 19 §6: session locks do not survive pgbouncer's transaction
 * pooling). */
typedef struct periodic_job {
	const char *name;
	int64_t lock_key;
	int every_s;
	int (*run)(db *d, const char *now);
} periodic_job;
/* A business area's periodic job (module_def.jobs), added at start-up
 * before jobs_start; past the table's size it aborts, never drops. */
void jobs_add(const periodic_job *j);

void jobs_start(db_pool *pool);
void jobs_stop(void);
/* Runs every periodic job once now (tests, CLI). */
int jobs_run_all(db *d);

/* Prometheus lines for job runs. */
void jobs_metrics(strbuf *b);

/* Job rows: state queued -> running -> done | failed. job_create (state
 * queued) returns the id, 0 on a database error, -1 when the write lock
 * stayed taken for ZJ_JOB_CREATE_WAIT_MS (answer 503). */
int64_t job_create(zj_ctx *c, const char *kind, const char *entity, long total);
/* A worker took the job: its row says running (and is touched, the heartbeat). */
void job_started(db_pool *pool, int64_t id);
void job_progress(db_pool *pool, int64_t id, long done, long total);
void job_finish(db_pool *pool, int64_t id, const char *state, json_t *result);
/* {"id","kind","state","done","total","result"} and, while it waits in this
 * server's queue, "position" (1 = next); NULL if absent or not the user's. */
json_t *job_get(zj_ctx *c, int64_t id);

/* ---- the worker pool for long operations (imports) ----
 * A fixed set of worker threads (ZJ_JOB_WORKERS, default 2; ZJ_IMPORT_JOBS,
 * the older name, when it is unset) takes work from a bounded queue
 * (ZJ_JOB_QUEUE places, default 8): no request ever starts a thread of its
 * own. A request takes a place (jobq_reserve) from the headers, before it
 * reads a body; none free (running + queued + reserved = workers + queue)
 * is a 503 with Retry-After. It then submits its work or gives the place
 * back. On stop (SIGTERM) the pool drains: work still queued is handed to
 * its function with cancelled = 1 (an import marks its job failed, "the
 * server stopped before it started"), work running completes — an import
 * writes in short batches and is all-or-nothing, so a server killed before
 * it completes leaves a ledger the recovery withdraws. */
typedef void (*job_work_fn)(void *arg, int cancelled);
/* Starts up to `workers` threads (a failed pthread_create is logged and the
 * pool runs with those that started); returns the threads started. */
int jobq_start(int workers, int queue);
/* Cancels the queued work, waits for the running work, ends the threads. */
void jobq_stop(void);
/* 1 when a place was taken for a submit to come, 0 when full or stopped. */
int jobq_reserve(void);
void jobq_release(void);
/* Queues fn(arg, 0) on the place reserved; 0, or -1 when the pool stopped
 * meanwhile (the place is given back; fn is not called). */
int jobq_submit(int64_t job_id, job_work_fn fn, void *arg);
/* 1-based position of job_id in the queue, 0 when not waiting here. */
int jobq_position(int64_t job_id);
/* For /metrics and tests: the threads, running, queued and reserved. */
void jobq_counts(int *workers, int *running, int *queued, int *reserved);
#endif
