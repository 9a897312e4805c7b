/* equipment.h — internal interface of the special-equipment area (特种设备).
 * The area is split into:
 *   intervals.c  the interval engine (intervals.h): next due and request deadline
 *   units.c      the registry: units (设备), their status workflow, the TSG codes
 *   rules.c      the versioned rule table as an entity; loading it for the engine;
 *                recomputing a unit's dates (on every inspection, on a rule change)
 *   inspect.c    applications (报检), inspections (检验记录), defects, the report
 *   schedule.c   the institute's monthly schedule (pure planner + action), inspectors
 *   scan.c       the daily due/overdue job, its notices, the dashboard widgets
 *   people.c     operators (作业人员), maintenance units and records (维保), accidents
 *   public.c     the public QR page and its QR code (libqrencode, PNG)
 *   seed.c, demo.c  reference data (init) and the Baotou demo (init --demo)
 *   equipment.c  the area's module_def.
 * Nothing outside this folder includes this header. */
#ifndef ZJ_EQUIPMENT_H
#define ZJ_EQUIPMENT_H
#include "core/crud.h"
#include "core/module.h"
#include "core/workflow.h"
#include "core/write.h"
#include "lib/date.h"
#include "modules/equipment/intervals.h"
#include <stdint.h>
#include <stdio.h>

extern const entity_def eq_ent_units, eq_ent_rules, eq_ent_applications, eq_ent_inspections, eq_ent_defects,
	eq_ent_inspectors, eq_ent_schedule, eq_ent_notices, eq_ent_operators, eq_ent_maintainers, eq_ent_maintenance,
	eq_ent_accidents;

/* ---- type codes (units.c): the dictionary's "<category>.<type>" ---- */
const char *eq_type_code(const char *dict_code); /* "4000.tower" → "tower" */
int eq_type_category(const char *dict_code);     /* its category when the engine knows it; 0 otherwise */

/* ---- row helpers (units.c) ---- */
const char *eq_str(const json_t *row, const char *k);
int64_t eq_int(const json_t *row, const char *k);
int eq_date(const json_t *row, const char *k, date_days *d);
const char *eq_query(const void *kvlist, const char *k);
/* The id text of an integer (for db_* text parameters). */
#define EQ_ID(buf, v) snprintf((buf), sizeof(buf), "%lld", (long long)(v))

/* ---- rules and dates (rules.c) ---- */
typedef struct eq_rule_set {
	eq_rule *rules;
	size_t n;
	char **strings; /* owned */
	size_t nstrings;
	int maint_days; /* the routine maintenance interval (TSG T5002-2017 半月维保), days */
} eq_rule_set;
/* Loads the rule table in force (every edition: the engine picks by date). 0 ok. */
int eq_rules_load(zj_ctx *c, eq_rule_set *set);
void eq_rules_free(eq_rule_set *set);
/* A lift's schedule into the engine's input: TSG T7001-2023 from its base
 * date, or pinned to the yearly rule of TSG T7001-2009. */
void eq_lift_schedule(const json_t *unit, eq_due_in *in);
/* Recomputes a unit's last inspection, next due, request deadline and basis
 * from its inspections and the rule table, through crud_set_fields under
 * audit action `action` ("inspection", "rule_change", "register").
 * *changed (may be NULL) is 1 when the due date moved. A rule change that
 * moves a due date already acted on (an application made or a notice issued
 * for it) says so in the unit's due_note, so the history shows it. DB_OK or
 * an error with the problem set. */
int eq_recompute(zj_ctx *c, const eq_rule_set *set, int64_t unit_id, const char *action, int *changed);

/* ---- inspections (inspect.c) ---- */
/* Maps a field of the engine's input to the field of a form that gave it. */
const char *eq_engine_field(const char *engine_field, const char *last_field);

/* ---- schedule (schedule.c) ---- */
typedef struct eq_plan_unit {
	int64_t id;
	int category;
	int64_t juris;
	const char *place; /* the location, for grouping */
	/* out */
	int inspector; /* index into the inspectors; -1 = nobody could take it */
	int day;       /* index into the working days */
} eq_plan_unit;
typedef struct eq_plan_inspector {
	int64_t id;
	const int *categories; /* qualified for, 0-terminated */
	int capacity;          /* units a day */
	int *load;             /* per working day, units already planned (in) and planned (out) */
	int total;             /* out: units given by this plan */
} eq_plan_inspector;
/* Deterministic: units are grouped by place (jurisdiction, location,
 * category) in that order; each group goes whole to the least-loaded
 * qualified inspector with room for it (ties: the lower id), else unit by
 * unit; each inspector's units are laid out over the days in order, up to an
 * even share a day (never over capacity), so a place's units fall on
 * neighbouring days. Sorts `units`. Returns the number left unassigned. */
int eq_plan(eq_plan_unit *units, int nunits, eq_plan_inspector *insp, int ninsp, int ndays);

/* ---- the daily scan and widgets (scan.c) ---- */
/* Runs the due/overdue scan for `today`: reminders, Art. 83(4) and 84(1)
 * suggestions (with a draft case), missed maintenance. Idempotent. Fills
 * counts[4] (reminders, art83, art84, maintenance) when not NULL. DB_OK. */
int eq_scan(zj_ctx *c, const char *today, int counts[4]);
extern const periodic_job eq_jobs[];
extern const widget_def eq_widgets[];

/* ---- public page (public.c) ---- */
extern const public_endpoint eq_public_unit, eq_public_qr;
/* A PNG of the QR code of text (libqrencode); malloc'ed, *len its size; NULL on failure. */
unsigned char *eq_qr_png(const char *text, size_t *len);
/* A fresh public token (32 hex characters). */
void eq_new_token(char out[33]);

/* ---- seed and demo ---- */
int eq_seed(zj_ctx *c);
int eq_demo(zj_ctx *c, FILE *report);
extern const dict_seed eq_dicts[];

/* the calculator (equipment_cli.c) */
extern const module_cli equipment_cli[];
#endif
