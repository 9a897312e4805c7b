/* award.h — internal interface of the quality-award and assessment area.
 *   score.c     the arithmetic (score.h): bands, aggregation, spread, prizes, veto ranking
 *   criteria.c  GB/T 19580-2012 categories and items with their points (data)
 *   rounds.c    the award round and its workflow; ranking and prize allocation
 *   apps.c      applications, the eligibility check (cases, food disposals: read only)
 *   experts.c   experts, assignments (conflict of interest), item scores, the scoring action
 *   assess.c    the food-safety target assessment: years, indicators, vetoes,
 *               governments, scores, veto findings, ranking
 *   public.c    the public notice (公示) on the portal
 *   demo.c      one finished round and one assessment year (init --demo)
 *   award.c     the area's module_def.
 * Nothing outside this folder includes this header. */
#ifndef ZJ_AWARD_H
#define ZJ_AWARD_H
#include "core/crud.h"
#include "core/module.h"
#include "core/workflow.h"
#include "core/write.h"
#include "modules/award/score.h"
#include <stdint.h>
#include <stdio.h>

extern const entity_def aw_ent_criteria, aw_ent_rounds, aw_ent_applications, aw_ent_experts, aw_ent_assignments,
	aw_ent_scores, as_ent_years, as_ent_indicators, as_ent_vetoes, as_ent_govs, as_ent_scores, as_ent_findings;

/* row helpers (rounds.c) */
const char *aw_str(const json_t *row, const char *k);
int64_t aw_int(const json_t *row, const char *k);
/* hundredths → "652.35" into buf */
const char *aw_fmt(int64_t hundredths, char *buf, size_t n);
/* "652.35" → hundredths (0 when absent) */
int64_t aw_parse(const char *s);

/* The aggregated scores of every application of a round still in the
 * running: per item, per category, total, spread and flag, written to the
 * applications (crud_set_fields). DB_OK or an error with the problem set. */
int aw_round_compute(zj_ctx *c, int64_t round_id);
/* {"round":{...},"categories":[...],"rows":[{application, enterprise, total,
 * categories:{code: score}, spread, flagged, rank, level, prize_fen,
 * experts:[{name,total}]}]} for the console and the portal (public: names
 * and scores only). */
json_t *aw_ranking(zj_ctx *c, int64_t round_id, int public_view);
/* The eligibility of an application: 1 eligible, 0 not, with the reasons
 * appended to errors as field errors (enterprise_id, founded_on). */
int aw_eligible(zj_ctx *c, int64_t round_id, int64_t enterprise_id, const char *founded_on, json_t *errors);
/* The expert's id for the signed-in user; 0 when none. */
int64_t aw_my_expert(zj_ctx *c);

/* assessment */
int as_year_rank(zj_ctx *c, int64_t year_id);
json_t *as_ranking(zj_ctx *c, int64_t year_id);
/* 1 when the year's indicator weights sum to 100 %; else field errors. */
int as_weights_check(zj_ctx *c, int64_t year_id, json_t *errors);

extern const public_endpoint aw_public_notice, as_public_ranking;
json_t *aw_public_notices(zj_ctx *c);
extern const widget_def aw_widgets[];
extern const dict_seed aw_dicts[];
int aw_seed(zj_ctx *c);
int aw_demo(zj_ctx *c, FILE *report);
/* formula.c: the assessment's indicators scored from the system's data */
int as_formula_rate(zj_ctx *c, const char *formula, int64_t juris, int year, int64_t *num, int64_t *den);
int as_formula_score(int64_t num, int64_t den);
int as_act_compute(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
#endif
