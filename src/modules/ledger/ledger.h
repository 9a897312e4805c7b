/* ledger.h — internal interface of the support ledger and leaders'
 * instructions area (支撑与批示). The area is split into:
 *   grants.c        the support ledger (经费、土地、仪器、人员): grants of funds,
 *                   land, floor space, instruments and seconded staff
 *   report.c        the ledger's report: totals by year, granting level, kind
 *                   and recipient, year on year, in fen (ledger_tally: pure)
 *   burn.c          a testing grant's burn-down against the food area's
 *                   budgets, plans and samples (read only)
 *   reports_up.c    reports sent up (要情专报, 请示, 简报), numbered
 *   instructions.c  leaders' instructions (批示) as a workflow with a deadline
 *                   on the working-day calendar, progress notes, 督办/催办
 *   widget.c        the leaders' key figures on the dashboard
 *   seed.c, demo.c  dictionaries (init) and the Baotou 2012 ledger (init --demo)
 *   ledger.c        the area's module_def.
 * Nothing outside this folder includes this header. */
#ifndef ZJ_LEDGER_H
#define ZJ_LEDGER_H
#include "core/crud.h"
#include "core/module.h"
#include "core/workflow.h"
#include "core/write.h"
#include "lib/date.h"
#include <stdint.h>
#include <stdio.h>

extern const entity_def lg_ent_grants, lg_ent_reports, lg_ent_instructions, lg_ent_notes, lg_ent_report_files;
extern const dict_seed lg_dicts[];
extern const widget_def lg_widgets[];

/* ---- row helpers (grants.c) ---- */
const char *lg_str(const json_t *row, const char *k);
int64_t lg_int(const json_t *row, const char *k);
const char *lg_query(const void *kvlist, const char *k);
/* ?year= of a report (this year when absent): 0 and *year, or -1 with a 422 naming `year` set. */
int lg_query_year(zj_ctx *c, const void *kvlist, int *year);
/* "1,234.50"-free plain yuan text of fen ("33894900.00"); exact. */
void lg_yuan(int64_t fen, char *buf, size_t n);

/* ---- the report's arithmetic (report.c), pure ----
 * One grant as the report reads it. */
typedef struct lg_grant {
	int year;
	const char *level; /* city district banner county park */
	const char *kind;  /* funds land floor instrument staff */
	int64_t recipient;
	int64_t fen;   /* value in fen; 0 when none is stated */
	int64_t staff; /* seconded posts */
} lg_grant;
/* Totals of one year. */
typedef struct lg_year {
	int year;
	int64_t total, city, local; /* fen: all levels; the city's; districts, banners, counties and parks (旗县区) */
	int64_t by_level[5];        /* fen, in the order of lg_levels */
	int64_t by_kind[5];         /* fen, in the order of lg_kinds */
	int64_t count, staff;
} lg_year;
extern const char *const lg_levels[5];
extern const char *const lg_kinds[5];
/* Adds the grants to the years out[0..*n) (kept sorted by year, at most cap
 * years); 0, or -1 when a sum would overflow or a level/kind is unknown. */
int ledger_tally(const lg_grant *g, int ng, lg_year *out, int *n, int cap);
/* The report object of `year` and the year before, from the database:
 * {"year","total_fen","city_fen","local_fen","previous":{...},"increase_fen",
 *  "by_level":[...],"by_kind":[...],"by_recipient":[...],"years":[...],"land":[...],"staff"}. */
int ledger_report(zj_ctx *c, int year, json_t **out);

int lg_grants_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int lg_grants_burn(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
/* The burn-down of one grant: {"grant_fen","committed_fen","spent_fen","left_fen","plans":[...],"warnings":[...]}. */
int ledger_burn(zj_ctx *c, int64_t grant_id, json_t **out);
int lg_instructions_stats(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
/* Instructions of a year: {"year","count","closed","closed_on_time","on_time_pct"}. */
int ledger_instruction_stats(zj_ctx *c, int year, json_t **out);
int lg_todos(zj_ctx *c, json_t *items);
int lg_demo(zj_ctx *c, FILE *report);
#endif
