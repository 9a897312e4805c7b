/* jobs.h — background work. (1) Periodic jobs inside `serve` (overdue
 * deadline scan, expired-session sweep); on PostgreSQL each run takes an
 * advisory lock so that with several servers a job runs once; among them the
 * recovery of imports whose server stopped mid-way (io.h). (2) Long
 * operations (imports) as job rows with progress: done / total / state. */
#ifndef ZJ_JOBS_H
#define ZJ_JOBS_H
#include "core/ctx.h"
#include "lib/strbuf.h"

/* A periodic job: run about every every_s seconds by one server at a time
 * (lock_key: a PostgreSQL advisory lock key of its own). */
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

/* Job rows. job_create returns the id, 0 on a database error, -1 when the
 * write lock stayed taken for ZJ_JOB_CREATE_WAIT_MS (answer 503). */
int64_t job_create(zj_ctx *c, const char *kind, const char *entity, long total);
void job_progress(db_pool *pool, int64_t id, long done, long total);
void job_finish(db_pool *pool, int64_t id, const char *state, json_t *result);
/* {"id","kind","state","done","total","result"}; NULL if absent or not the user's. */
json_t *job_get(zj_ctx *c, int64_t id);
#endif
