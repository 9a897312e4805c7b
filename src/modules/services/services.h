/* services.h — internal interface of the services area (企业服务): the
 * bureau's public service commitments (服务承诺) and what is measured
 * against them. The area is split into:
 *   commitments.c  the published measures, each with its time limit in
 *                  working days, and the portal's list of them
 *   requests.c     service requests from enterprises and parks: the
 *                  workflow, the deadline on the working-day calendar, the
 *                  daily escalation of overdue ones and the leader's to-do
 *   escalate.c     the daily escalation of overdue requests and the leader's to-do
 *   stats.c        the on-time and rating arithmetic (pure, unit-tested)
 *   report.c       the yearly report by kind and size, the dashboard widget
 *   parks.c        park cooperation: agreements, joint meetings, follow-ups
 *   conduct.c      complaints about the bureau's own conduct (政风行风)
 *   demo.c         the Baotou demo (init --demo)
 *   services.c     the area's module_def.
 * Nothing outside this folder includes this header. */
#ifndef ZJ_SERVICES_H
#define ZJ_SERVICES_H
#include "core/crud.h"
#include "core/module.h"
#include "core/workflow.h"
#include "core/write.h"
#include <stdint.h>
#include <stdio.h>

extern const entity_def svc_ent_commitments, svc_ent_requests, svc_ent_agreements, svc_ent_meetings, svc_ent_followups,
	svc_ent_conduct;
extern const public_endpoint svc_public_commitments;
extern const periodic_job svc_jobs[];
extern const widget_def svc_widgets[];

/* ---- row helpers (requests.c) ---- */
const char *svc_str(const json_t *row, const char *k);
int64_t svc_int(const json_t *row, const char *k);
const char *svc_query(const void *kvlist, const char *k);

/* ---- the arithmetic (stats.c): integers only ---- */
typedef struct svc_tally {
	long total;     /* requests received */
	long answered;  /* replied (and rated or closed) */
	long on_time;   /* answered on or before the due day */
	long late_open; /* still open and past the due day */
	long rated;     /* with a rating */
	long rating_sum;
	long small_micro, in_park;
} svc_tally;
/* Whether a reply on `replied` (YYYY-MM-DD) keeps the due day `due`; a
 * request without a time limit (no due day) is always on time. */
int svc_on_time(const char *replied, const char *due);
/* The on-time share in per mille, rounded half up: on_time over the
 * requests whose time is decided (answered + open past due); -1 when none. */
long svc_share_permille(const svc_tally *t);
/* The mean rating in tenths, rounded half up; -1 when none is rated. */
long svc_rating_tenths(const svc_tally *t);
/* "93.5%" from 935; "" for -1. */
void svc_fmt_permille(long pm, char *buf, size_t n);
/* "4.3" from 43; "" for -1. */
void svc_fmt_tenths(long t, char *buf, size_t n);
/* Adds one request to a tally: its state, due day, reply day, rating (0 =
 * none), whether small/micro and in a park, as of `today`. */
void svc_tally_add(svc_tally *t, const char *state, const char *due, const char *replied, int rating, int small_micro,
		   int in_park, const char *today);

/* ---- requests.c ---- */
/* Escalates the open requests past their due day as of today (once each:
 * the in-place step "escalate" records the day). *n gets how many. DB_OK
 * or an error. */
int svc_escalate(zj_ctx *c, const char *today, int *n);
int svc_todo_escalated(zj_ctx *c, json_t *items);
/* POST /service_requests/actions/escalate: the scan now (tests on the test clock, the leader). */
int svc_requests_escalate(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* ---- report.c ---- */
int svc_requests_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* ---- conduct.c ---- */
int svc_conduct_yearly(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* ---- demo.c ---- */
int svc_demo(zj_ctx *c, FILE *report);
#endif
