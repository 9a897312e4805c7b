/* risk.h — internal interface of risk monitoring and early warning
 * (风险监测预警). The area is split into:
 *   stats.c     the statistics (stats.h): binomial tail, BH, shrinkage, EWMA, Wilson
 *   rules.c     the signal rules over loaded rows (rules.h), pure
 *   alloc.c     the risk-based plan allocator (alloc.h), pure, integer
 *   entities.c  signals, warnings, the watch list, parameters, costs: fields and workflows
 *   signals.c   loading the results, running the rules, writing the signals (job, action)
*   draw.c      the 双随机 draw (draw.h), pure: libsodium's deterministic stream
 *   draws.c     the draw action, its record, its public page
 *   plan.c      the plan action: the allocator on the history, a draft food plan
 *   widgets.c   the dashboards: trends per hazard, the watch list, the plan's money
 *   views.c     the heat table, the widgets, the to-dos of urgent warnings, the consumer notices
 *   seed.c      parameters and costs (init), the demo's signals and warnings (init --demo)
 *   risk.c      the area's module_def.
 * Nothing outside this folder includes this header. */
#ifndef ZJ_RISK_H
#define ZJ_RISK_H
#include "core/crud.h"
#include "core/module.h"
#include "core/workflow.h"
#include "core/write.h"
#include <stdint.h>
#include <stdio.h>

extern const entity_def rk_ent_signals, rk_ent_warnings, rk_ent_watch, rk_ent_params, rk_ent_costs, rk_ent_draws;

/* monitoring.c: risk monitoring plans and their lines (budget shared with the sampling plans) */
extern const entity_def rk_ent_mplans, rk_ent_mplan_items;
/* the demo year's monitoring plan and two follow-ups (init --demo), its own transaction */
int rk_demo_monitoring(zj_ctx *c, FILE *report);

/* followups.c: the follow-up of a monitoring finding; the signal's button that creates one */
extern const entity_def rk_ent_followups;
int rk_signal_follow_up(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* triage.c: the list's button that raises the ticked signals as one warning */
int rk_signals_raise(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* webhook.c: red and orange warnings pushed to the configured address. Queues
 * a delivery of warning w (its row) when it is red or orange and an address
 * is configured, in the caller's transaction; 0 or a status (problem set). */
extern const entity_def rk_ent_deliveries;
int rk_webhook_queue(zj_ctx *c, int64_t warning_id, const json_t *w, const char *event);
int rk_webhook_job(db *d, const char *now);

/* Whether row id of the entity named `entity` is live. */
int rk_row_live(zj_ctx *c, const char *entity, int64_t id);

/* the 双随机 draw (draws.c) */
int rk_draws_draw(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
extern const public_endpoint rk_public_draws;

/* A parameter of the rules (risk_params.value by code), or dflt when absent. */
int64_t rk_param(zj_ctx *c, const char *code, int64_t dflt);

/* Runs the rules over the concluded samples and writes the signals not yet
 * known (by their key), and the watch-list entries of recurrences; inside
 * its own transaction. *added (may be NULL) gets the number of new signals.
 * DB_OK or an error. */
int rk_compute(zj_ctx *c, int *added);
int rk_signals_compute(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
extern const periodic_job rk_jobs[];

/* the plan (plan.c) */
int rk_costs_plan(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int rk_signals_heat(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* views.c */
extern const widget_def rk_widgets[];
int rk_todo_urgent(zj_ctx *c, json_t *items);
json_t *rk_public_notices(zj_ctx *c);

/* widgets.c: the dashboards of trends per hazard, the watch list, the plan's money */
json_t *rk_widget_trends(zj_ctx *c);
json_t *rk_widget_watch(zj_ctx *c);
json_t *rk_widget_money(zj_ctx *c);
int rk_signals_trends(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* seed.c */
extern const dict_seed rk_dicts[];
int rk_seed(zj_ctx *c);
int rk_demo(zj_ctx *c, FILE *report);
#endif
