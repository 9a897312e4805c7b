/* metrics.c — Prometheus text metrics: requests by route and status, a
 * latency histogram, and job runs. A mutex-guarded fixed table is plenty at
 * these rates and keeps the code obvious. */
#include "lib/strbuf.h"
#include "core/jobs.h"
#include "web/http.h"
#include "db/replica.h"
#include <pthread.h>
#include <string.h>

enum { MAX_SERIES = 256, NBUCKETS = 10 };
static const double bucket_ms[NBUCKETS] = {1, 2, 5, 10, 15, 25, 50, 100, 500, 2000};

static struct {
	const char *route;
	int status;
	unsigned long long count;
} series[MAX_SERIES];
static int nseries;
static unsigned long long buckets[NBUCKETS + 1], total_count;
static double total_seconds;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

void metrics_observe(const char *rt, int status, long long us, long long db_us)
{
	pthread_mutex_lock(&mu);
	int i;
	for (i = 0; i < nseries; i++)
		if (series[i].status == status && !strcmp(series[i].route, rt))
			break;
	if (i == nseries && nseries < MAX_SERIES)
		series[nseries].route = rt, series[nseries].status = status, nseries++;
	if (i < nseries)
		series[i].count++;
	double ms = us / 1000.0;
	int b = 0;
	while (b < NBUCKETS && ms > bucket_ms[b])
		b++;
	buckets[b]++;
	total_count++;
	total_seconds += us / 1e6;
	pthread_mutex_unlock(&mu);
}

char *metrics_render(void)
{
	strbuf b;
	sb_init(&b);
	pthread_mutex_lock(&mu);
	sb_add(&b,
	       "# HELP zhijian_http_requests_total HTTP requests by route and status.\n# TYPE zhijian_http_requests_total counter\n");
	for (int i = 0; i < nseries; i++)
		sb_printf(&b, "zhijian_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", series[i].route,
			  series[i].status, series[i].count);
	sb_add(&b,
	       "# HELP zhijian_http_request_duration_seconds Request latency.\n# TYPE zhijian_http_request_duration_seconds histogram\n");
	unsigned long long cum = 0;
	for (int i = 0; i < NBUCKETS; i++) {
		cum += buckets[i];
		sb_printf(&b, "zhijian_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", bucket_ms[i] / 1000,
			  cum);
	}
	sb_printf(&b, "zhijian_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", total_count);
	sb_printf(&b,
		  "zhijian_http_request_duration_seconds_sum %.6f\nzhijian_http_request_duration_seconds_count %llu\n",
		  total_seconds, total_count);
	sb_add(&b, "# HELP zhijian_job_runs_total Periodic job runs.\n# TYPE zhijian_job_runs_total counter\n");
	jobs_metrics(&b);
	pthread_mutex_unlock(&mu);
	char rep[1600]; /* the read replica, when there is one (db/replica.h) */
	db_replica_metrics(server_replica(), rep, sizeof rep);
	sb_add(&b, rep);
	return sb_take(&b);
}
