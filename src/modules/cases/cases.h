/* cases.h — private declarations shared by the files of the enforcement area
 * (src/modules/cases): the entities, the configuration in effect, the clocks,
 * and small helpers for rows, child records and HTML. Nothing outside this
 * folder includes it. */
#ifndef ZJ_CASES_H
#define ZJ_CASES_H

#include "core/crud.h"
#include "core/write.h"
#include "core/entity.h"
#include "core/workflow.h"
#include "lib/strbuf.h"
#include "modules/cases/rules.h"
#include "modules/modules.h"

extern const entity_def cs_ent_cases, cs_ent_periods, cs_ent_extensions, cs_ent_evidence, cs_ent_inquiries,
	cs_ent_measures, cs_ent_consultations, cs_ent_opinions, cs_ent_referrals, cs_ent_complaints, cs_ent_rules,
	cs_ent_rewards;
extern const public_endpoint cs_public_complaints;
/* The portal's progress lookup by tracking number and lookup code (complaint_lookup.c). */
extern const public_endpoint cs_public_complaint_status;
#define CS_LOOKUP_CODE_LEN 16 /* "XXXX-XXXX-XXXX" and its NUL */
void cs_lookup_code_new(char out[CS_LOOKUP_CODE_LEN]);
void cs_lookup_code_hash(const char *tracking_no, const char *code, char hex[65]);
/* the demo's cases, complaints and consultations (demo.c) */
int cases_demo(zj_ctx *c, FILE *report);

/* ---- configuration in effect (config.c) ---- */
typedef struct cs_config {
	cs_criteria k;
	int legal_review_all;
	/* printed on the 决定书 (行政处罚法 Arts. 59, 67) */
	char reconsideration_body[128], court[128], payment_bank[200], payment_online[200];
	char bureau[128];
	char filing_word[40], notice_word[40], hearing_word[40], decision_word[40];
	char consult_units[256]; /* comma-joined unit codes invited by default */
} cs_config;
/* The case_rules row in effect on `on` (YYYY-MM-DD), else the built-in defaults. */
void cs_config_load(zj_ctx *c, const char *on, cs_config *cfg);

/* ---- everything a clock computation needs, loaded once per request ---- */
typedef struct cs_env {
	struct wd_calendar *cal;
	cs_config cfg;
	date_days today;
} cs_env;
int cs_env_load(zj_ctx *c, cs_env *x); /* 0 ok */
void cs_env_free(cs_env *x);

/* ---- clocks (clocks.c) ---- */
typedef enum { CK_RUNNING, CK_OVERDUE, CK_MET, CK_LATE, CK_PAUSED, CK_WAITING, CK_ELAPSED } cs_clock_status;
typedef struct cs_clock {
	const char *kind, *label_zh, *label_en, *basis;
	int workdays; /* 1 working days, 0 calendar days */
	long n;       /* length of the period, extensions included */
	char start[11], due[11], met[11];
	int64_t item_id; /* the compulsory measure a "measure" clock belongs to */
	int status;      /* cs_clock_status */
	int wait;        /* a period the bureau waits out (the party's), not a duty */
	int provisional; /* a year without a holiday schedule was used */
	long days_left, workdays_left;
	int excluded_days; /* counted days the excluded spans took out */
} cs_clock;
#define CS_MAX_CLOCKS 24
/* Clocks of a case / complaint row (as crud_load returns it). Returns the count. */
int cs_case_clocks(zj_ctx *c, cs_env *x, const json_t *row, cs_clock *out, int max);
int cs_complaint_clocks(zj_ctx *c, cs_env *x, const json_t *row, cs_clock *out, int max);
/* The clock of `kind` among n, or NULL. */
const cs_clock *cs_clock_find(const cs_clock *k, int n, const char *kind);
json_t *cs_clock_json(zj_ctx *c, const cs_clock *k);
/* Mirrors the running clocks of a record into the core's deadlines table (the
 * dashboard's task list): opens new ones, closes met or moved ones. */
int cs_sync_deadlines(zj_ctx *c, const entity_def *e, int64_t id);
json_t *cs_deadline_widget(zj_ctx *c);
/* kpi.c: the leaders' figures; the opinions a consulting agency must sign (a to-do). */
json_t *cs_kpi_widget(zj_ctx *c);
int cs_todo_opinions(zj_ctx *c, json_t *items);
int cs_act_clocks(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

/* ---- payment and late fee: the one computation (clocks.c) ---- */
typedef struct cs_late {
	char due[11]; /* last day to pay (rolled, carried past an adjoining suspension) */
	long days;    /* days late up to `upto`, suspensions not counted */
	int64_t fine, fee;
	int provisional;
} cs_late;
/* The payment terms of a served case as of upto (YYYY-MM-DD; NULL = paid_on, else today).
 * 0, or -1 when there is no fine or no service yet. */
int cs_case_late(zj_ctx *c, const json_t *row, const char *upto, cs_late *out);
/* Suspension spans of a case's payment (reconsideration, litigation, deferral, instalment). */
int cs_payment_spans(zj_ctx *c, int64_t case_id, cs_span *out, int max);
/* Seizure/sealing end (行政强制法 Art. 25: 30 days + extension, testing, inspection,
 * quarantine and appraisal time excluded). 0 or -1. */
int cs_measure_end(zj_ctx *c, const json_t *measure, char out[11]);

/* ---- frozen documents (docs.c) ---- */
/* Renders document `kind` of case id as it stands and stores it (content,
 * number, date, SHA-256) as issued at `event`; later prints return it. */
int cs_freeze_document(zj_ctx *c, int64_t case_id, const char *kind, const char *event);

/* ---- the case (case.c) ---- */
/* Whether a case must pass a consultation; reasons into buf. Uses the final fine when set. */
unsigned cs_case_major(zj_ctx *c, const json_t *row, const cs_config *cfg, char *why, size_t n);
int cs_case_is_final(const char *state);
/* Whether the party may request a hearing on the proposed (or final) penalty (行政处罚法 Art. 63). */
int cs_case_hearing_entitled(const json_t *row, const cs_config *cfg);

/* ---- consultation (consult.c) ---- */
int cs_case_consulted(zj_ctx *c, int64_t case_id); /* concluded consultations */

/* ---- documents (docs.c), statistics (stats.c), evidence store (evidence.c) ---- */
int cs_act_document(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int cs_act_stats(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
/* Stores a file in the content-addressed store (the database, core/blobs.h);
 * hex receives its SHA-256. 0 or an HTTP status. */
int cs_evidence_store(zj_ctx *c, const void *data, size_t len, char hex[65]);

/* ---- helpers (util.c) ---- */
const char *cs_str(const json_t *row, const char *k);
int64_t cs_int(const json_t *row, const char *k);
int cs_bool(const json_t *row, const char *k);
/* 1 when row[k] is a valid date (into *d). */
int cs_date(const json_t *row, const char *k, date_days *d);
const char *cs_query(const void *kvlist, const char *k);
/* Value of a comma-joined dict field as text ("a,b"); arrays are joined. Caller frees. */
char *cs_joined(const json_t *row, const char *k);
/* Child records (evidence, inquiries ...): the case must exist, lie in the
 * user's scope and not be closed. Appends an error on `field`. */
void cs_child_check(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors);
/* Copies the case's jurisdiction onto a child row (its data scope follows the case). */
void cs_child_prepare(zj_ctx *c, json_t *row, const json_t *old);
/* SCOPE_ASSIGNED for child records: cases referred to the user's unit. */
void cs_assigned_child(zj_ctx *c, strbuf *sql, json_t *params);
void cs_assigned_case(zj_ctx *c, strbuf *sql, json_t *params);
/* Appends s HTML-escaped (& < > " ' and control characters). */
/* Formats fen as yuan "1,234.50" (no floating point). */
void cs_yuan(int64_t fen, char *buf, size_t n);
/* Refusal citing a rule: 409 with detail "<why> (<basis>)". */
int cs_refuse(zj_ctx *c, const char *basis, const char *zh, const char *en);
int cs_refusef(zj_ctx *c, const char *basis, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define CS_ID(buf, id) snprintf((buf), sizeof(buf), "%lld", (long long)(id))
/* Whether the user has a role-free system context (CLI, demo loader). */
#define CS_SYSTEM(c) (!(c)->user)

#endif
