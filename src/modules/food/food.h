/* food.h — internal interface of the food-safety supervision sampling area
 * (食品安全监督抽检). The area is split into:
 *   food_units.c     units of measured values and their exact conversion
 *   food_ref.c       the reference set (categories, analytes, limits) in memory,
 *                    name matching and the limit lookup (DOMAIN.md §2.0)
 *   food_data.c      the shipped reference tables (DOMAIN.md §2, §11.3)
 *   food_verdict.c   the verdict engine with its stored trace (DOMAIN.md §1)
 *   food_seed.c      idempotent seeding of the reference tables (init)
 *   food_util.c      dates, deadlines on the working-day calendar, small SQL helpers
 *   food_entities.c  reference-data entities; food_plans.c plans, budgets, tasks;
 *   food_samples.c   samples and specifications; food_results.c results;
 *   food_retests.c   复检 and 异议; food_disposals.c 核查处置;
 *   food_publish.c   publication, public endpoint, dashboard widgets; food_kpi.c the leaders' figures;
 *   food_demo.c      the demo year; food_cli.c `zhijian limit`;
 *   food.c           the area's module_def: roles, grants, everything it registers.
 * Nothing here uses binary floating point: values are decimal strings. */
#ifndef ZJ_FOOD_H
#define ZJ_FOOD_H

#include "core/crud.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/gbt8170.h"
#include <stdint.h>
#include <stdio.h>

/* ---- units (food_units.c) ---- */

enum food_unit_kind {
	FU_MASS_PER_MASS = 1,   /* mg/kg, μg/kg, g/kg, %, g/100g ... (exp: ratio = value × 10^exp) */
	FU_MASS_PER_VOLUME = 2, /* mg/L, μg/L, g/L ... (exp: g/L = value × 10^exp) */
	FU_OTHER = 3,           /* counts and the like (CFU/g, MPN/100mL): only identical units compare */
};

typedef struct food_unit {
	int kind;
	int exp;
	char canon[24]; /* canonical spelling: "mg/kg", "μg/kg" (U+03BC), "mg/L" */
} food_unit;

/* Parses a unit as labs write it: μ or µ (U+03BC / U+00B5) or u, any case of
 * L, full-width slash, Chinese names (毫克/千克), ppm/ppb. 0 ok, -1 unknown. */
int food_unit_parse(const char *s, food_unit *out);
/* k such that a value in `from` × 10^k is the value in `to`; -1 when the
 * units measure different things (mass/mass vs mass/volume). */
int food_unit_factor(const food_unit *from, const food_unit *to, int *k);
/* The units a user may write, for error messages. */
const char *food_units_accepted(void);

/* Normalises a lab's value text into what gbt_parse_value reads: trims,
 * turns "1.77×10³", "1.77x10^3", "1.77*10^-2" into exponent form. out must
 * hold 64 bytes. 0 ok, -1 too long. */
int food_value_normalise(const char *in, char *out, size_t outlen);
/* Parses a lab value (decimal, ND forms, <LOD, <X, (+)/(−) marks, ×10ⁿ). */
int food_value_parse(const char *s, struct gbt_value *out, const char **why);
extern const char food_value_forms_zh[], food_value_forms_en[];

/* ---- reference set (food_ref.c) ---- */

typedef struct food_cat {
	int64_t id, parent;
	char *code, *name, *name_en, *level, *aliases;
} food_cat;

typedef struct food_analyte {
	int64_t id;
	char *code, *name, *name_en, *aliases, *kind, *unit, *method;
	int microbial;
} food_analyte;

typedef struct food_limit {
	int64_t id;
	char *code, *standard, *edition, *clause, *from, *to; /* to NULL = open */
	int64_t category, analyte;
	char *comparator, *value, *value_hi, *unit, *basis, *method, *interval;
	char *exclusions; /* comma-separated category codes */
	char *status, *source_ref, *note;
	/* Built with the index, for every verdict to copy: the row as a trace
	 * records it (JSON text), "≤0.5 mg/kg", "GB 2762-2022 4.1 表1". */
	char *trace, *summary, *standard_ref;
	size_t trace_len;
	const char *basis_zh; /* "以糙米计": static text of the basis, set with the index */
} food_limit;

/* A folded code, name or alias and the position of the row bearing it. */
typedef struct food_name_key {
	char *key;
	int idx;
} food_name_key;

typedef struct food_refset {
	food_cat *cats;
	int ncats;
	food_analyte *analytes;
	int nanalytes;
	food_limit *limits;
	int nlimits;
	food_name_key *akeys, *fkeys; /* sorted name indexes of analytes and foods */
	int nakeys, nfkeys;
	int *limits_by_analyte; /* positions of limits sorted by (analyte, position) */
} food_refset;

/* The shipped tables as a refset (ids are 1-based table positions): the CLI
 * answers without a database. Caller frees with food_refset_free. */
food_refset *food_refset_builtin(void);
/* The current (edited) tables of the database. NULL on a database error. */
food_refset *food_refset_load(db *d);
void food_refset_free(food_refset *rs);

const food_cat *food_cat_by_id(const food_refset *rs, int64_t id);
const food_cat *food_cat_by_code(const food_refset *rs, const char *code);
const food_analyte *food_analyte_by_id(const food_refset *rs, int64_t id);
/* Name matching: code, name or alias; full-width brackets, spaces and a
 * trailing "(以…计)" do not matter. NULL when unknown. */
const food_cat *food_find_food(const food_refset *rs, const char *text);
/* Name resolution that never narrows silently: a name borne by one
 * category finds it; a name borne by several, or no exact name but names
 * containing it ("虾" → 海水虾, 虾蛄, 小龙虾), is ambiguous and lists the
 * candidates (at most max) for the user to choose; food_find_food returns
 * NULL in both cases. */
enum { FR_FOUND = 0, FR_UNKNOWN = 1, FR_AMBIGUOUS = 2, FOOD_MAX_CANDIDATES = 16 };
int food_resolve_food(const food_refset *rs, const char *text, const food_cat **out, const food_cat **cand, int max,
		      int *ncand);
/* "海水虾、虾蛄、小龙虾" into buf. */
void food_candidates_text(const food_cat *const *cand, int n, char *buf, size_t size);
const food_analyte *food_find_analyte(const food_refset *rs, const char *text);
/* Top-level category (大类) of a node: the ancestor just below the root. */
const food_cat *food_cat_major(const food_refset *rs, const food_cat *c);

enum food_lookup_outcome {
	FL_FOUND = 0,
	FL_NONE = 1,         /* no limit for this analyte anywhere on the chain */
	FL_EXCLUDED = 2,     /* limits exist on the chain but exclude this food */
	FL_NOT_IN_FORCE = 3, /* limits exist but none in force on the date */
	FL_AMBIGUOUS = 4,    /* two different limits equally specific and in force */
};

typedef struct food_lookup {
	int outcome;
	const food_limit *limit; /* FL_FOUND */
	int depth;               /* 0 = the food itself, 1 = its parent ... */
	const food_limit *other; /* FL_AMBIGUOUS: the competing row; FL_EXCLUDED: the excluding row */
	char reason_zh[256], reason_en[256];
} food_lookup;

/* GB 2762 §3.3 (DOMAIN.md §2.0): a limit set for a category applies to every
 * food in it unless excluded. Walks from the food up its categories and takes
 * the most specific limit for the analyte in force on `on` (YYYY-MM-DD)
 * whose exclusions do not cover the food or any category between. Equally
 * specific rows: the later edition in force wins; two different rows of the
 * same edition are ambiguous (a person decides). */
int food_limit_lookup(const food_refset *rs, int64_t food, int64_t analyte, const char *on, food_lookup *out);
/* "≤0.2", "不得检出", "2.0~5.0" ... of a limit row into buf. */
void food_limit_text(const food_limit *l, char *buf, size_t n);
/* A limit row as a verdict's trace records it (JSON text, appended to b),
 * its summary "≤0.5 mg/kg" and its reference "GB 2762-2022 4.1 表1" (into
 * buf): the reference set keeps them made for its rows; a row built by hand
 * gets them made on the spot. */
void food_limit_trace(const food_refset *rs, const food_limit *l, strbuf *b);
void food_limit_summary(const food_limit *l, char *buf, size_t n);
void food_limit_standard_ref(const food_limit *l, char *buf, size_t n);
/* The gbt8170 form ("<=0.2", "ND", "A~B", "A<x<B", "A±T") of a row. */
int food_limit_expr(const food_limit *l, char *buf, size_t n);

/* ---- shipped data (food_data.c) ---- */

typedef struct food_cat_seed {
	const char *code, *parent, *level, *name, *name_en, *aliases;
} food_cat_seed;

typedef struct food_analyte_seed {
	const char *code, *name, *name_en, *aliases, *kind, *unit, *method;
	int microbial;
} food_analyte_seed;

/* One edition of a standard: its in-force period. */
typedef struct food_edition {
	const char *standard, *edition, *from, *to, *status;
} food_edition;

/* A limit line of DOMAIN.md §2; `categories` may list several codes (one row
 * each); `editions` lists the editions the same value holds in. */
typedef struct food_limit_seed {
	const char *ref; /* DOMAIN.md row, e.g. "F3" */
	const food_edition *const *editions;
	const char *clause, *categories, *analyte, *comparator, *value, *value_hi, *unit, *basis, *method, *exclusions;
	const char *status; /* V, V-ind, U */
	const char *note;
} food_limit_seed;

typedef struct food_template_seed {
	const char *category, *analytes; /* comma-separated analyte codes */
} food_template_seed;

typedef struct food_deadline_seed {
	const char *code, *name, *name_en;
	int n;
	const char *unit; /* workdays | days | months */
	const char *article, *status, *note;
} food_deadline_seed;

extern const food_cat_seed food_cat_seeds[];
extern const int food_ncat_seeds;
extern const food_analyte_seed food_analyte_seeds[];
extern const int food_nanalyte_seeds;
extern const food_limit_seed food_limit_seeds[];
extern const int food_nlimit_seeds;
extern const food_template_seed food_template_seeds[];
extern const int food_ntemplate_seeds;
extern const food_deadline_seed food_deadline_seeds[];
extern const int food_ndeadline_seeds;
/* dictionaries of the area: {dict, code, zh, en} */
extern const char *const food_dict_seeds[][4];
extern const int food_ndict_seeds;
/* The unique code of an expanded limit row: "GB 2762-2022/leafy_veg/pb". */
void food_limit_code(const food_edition *ed, const char *category, const char *analyte, char *buf, size_t n);
/* The source a user sees for a shipped row: "GB 2762-2022 4.7 表7". */
void food_limit_source(const food_edition *ed, const food_limit_seed *s, char *buf, size_t n);

/* ---- verdicts (food_verdict.c) ---- */

enum food_verdict_kind { FV_PASS = 0, FV_FAIL = 1, FV_NO_LIMIT = 2, FV_UNDECIDABLE = 3 };
const char *food_verdict_code(int v); /* "pass", "fail", "no_limit", "undecidable" */

/* A further specification the product is judged against (declared product
 * standard, label claim): a gbt8170 limit expression in a unit. */
typedef struct food_spec {
	const char *source, *reference, *expr, *unit, *method;
} food_spec;

typedef struct food_item_input {
	const char *value, *unit, *lod; /* lod: same unit as value, may be NULL */
	const char *basis;              /* the result's basis (limit_basis code), NULL = the limit's */
} food_item_input;

enum food_input_error { FIE_NONE = 0, FIE_VALUE, FIE_UNIT, FIE_LOD, FIE_CONVERT, FIE_BASIS };

/* GB 2762-2022 4.3 表3 注a / 4.4 表4 注a: the total an item may be screened
 * by (总汞 for 甲基汞, 总砷 for 无机砷), by analyte code; NULL when none. */
const char *food_screen_total_of(const char *speciated_code);
/* The speciated item a total screens for ("hg" → "mehg"), or NULL. */
const char *food_screen_target_of(const char *total_code);
/* The text of a limit_basis code ("brown_rice" → "以糙米计"), or the code. */
const char *food_basis_text(const char *code, int zh);

enum { FOOD_TRACE_VARS = 16 };
/* A result's trace as read (column read_sql: its form, then its own spans)
 * rendered whole; NULL when it was stored whole (food_results.c). */
char *food_trace_render(const char *t);
/* The id of the form (stored once: food_trace_forms) of a trace's form text
 * (len bytes) and the limit's texts ("" / NULL = none); 0 on a database
 * failure (ctx_internal). In the caller's write transaction. */
int64_t food_trace_form_id(zj_ctx *c, const char *form, size_t len, const char *limit_text, const char *standard_ref,
			   const char *limit_basis);
/* A trace stored whole (before 034) cut into its form (appended to form,
 * closed by \x1e) and its own spans (args): 0, or -1 when it is not a trace
 * this can cut so that it renders back byte for byte (then it stays whole). */
int food_trace_split_stored(const char *trace, strbuf *form, strbuf *args);
/* A result's derived text as read by SQL on alias r: stored on the row
 * (before 034) or its form's (food_results.c, "storage"). */
#define FOOD_RESULT_TEXT(r, col) \
	"COALESCE(" r "." col ", (SELECT ff." col " FROM food_trace_forms ff WHERE ff.id = " r ".trace_form))"
typedef struct food_judgement {
	int verdict;        /* enum food_verdict_kind, over every specification */
	int needs_decision; /* no limit, undecidable, or a failure resting on an unverified row */
	int input_error;    /* enum food_input_error: the result cannot be judged as entered */
	char error_zh[512], error_en[512];
	char limit_text[160];              /* national limit with unit: "≤0.2 mg/kg" */
	char standard_ref[160];            /* "GB 2762-2022 4.1 表1" */
	char judged_value[DEC_STRMAX + 8]; /* value in the limit's unit, rounded when so judged */
	int64_t limit_id;                  /* 0 when none */
	int screening;                     /* 1: a total judged against the speciated limit (GB 2762 4.3/4.4 注a) */
	const char *limit_basis;           /* the limit row's basis as shown ("以糙米计"; static text), or NULL */
	char *trace;                       /* owned JSON text; see food_verdict.c */
	size_t trace_len;
	/* Spans of the trace that are the row's own (the value, the detection
	 * limit, the compared and rounded values, the comparison ...): the rest is
	 * the trace's form, stored once for every row judged alike (food_results.c). */
	int nvars;
	size_t var_at[FOOD_TRACE_VARS], var_len[FOOD_TRACE_VARS];
} food_judgement;
/* The form of a judgement (its trace, its texts with limit_basis as the row
 * shows it) stored or found; its own spans appended to args. 0 on failure. */
int64_t food_judgement_form(zj_ctx *c, const food_judgement *j, const char *limit_basis, strbuf *args);

/* Judges one measured item of a sample: the national limit found by lookup
 * (may be NULL with its lookup outcome) and each further specification.
 * A specification may make the verdict stricter, never looser: without an
 * applicable national limit the item waits for a person whatever the
 * specifications say. With `screen` (the lookup of the speciated item when
 * `an` is a total with no limit of its own, GB 2762-2022 4.3 表3 注a, 4.4 表4
 * 注a) the total is judged against the speciated limit: not above it passes,
 * above it the speciated result is required (undecidable, no person may
 * decide it instead).
 * Fills j (free it with food_judgement_free). Returns 0, or -1 on an input
 * error (j->input_error names the field; nothing to free). */
int food_judge_item(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *lk,
		    const food_item_input *in, const food_spec *specs, int nspecs, food_judgement *j);
int food_judge_screen(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *screen,
		      const food_item_input *in, food_judgement *j);
void food_judgement_free(food_judgement *j);

/* ---- seeding (food_seed.c) ---- */

/* Inserts the area's dictionaries, categories, analytes, limits, test-item
 * templates, deadline rules and the lab list; idempotent (ON CONFLICT DO
 * NOTHING). Runs inside the caller's transaction when one is open. */
int food_seed(zj_ctx *c);
/* Results stored whole (before 034) moved to forms where they render back
 * byte for byte (food_seed.c; run by food_seed and after the demo data). */
int food_compact_results(zj_ctx *c, long *converted);

/* ---- helpers (food_util.c) ---- */

/* Beijing date (UTC+8) of a UTC instant "YYYY-MM-DDTHH:MM:SSZ". 0 ok. */
int food_local_date(const char *instant, char out[11]);
/* A deadline rule (food_deadline_rules, editable; falls back to the shipped
 * table): n and unit. 0 ok, -1 unknown code. */
int food_rule(db *d, const char *code, int *n, deadline_unit *unit);
/* Due date of rule `code` counted from `start` (the start day not counted). */
int food_rule_due(db *d, const char *code, const char *start, char due[11], int *uncovered);
/* Opens a deadline row for a record (kind, the state whose leaving closes it)
 * counted from `start` by rule `code`. Inside the caller's transaction. */
int food_open_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *state, const char *rule,
		       const char *start, char due_out[11]);
/* Closes open deadlines of a record of the given kind (NULL = every kind). */
int food_close_deadlines(zj_ctx *c, const char *entity, int64_t id, const char *kind);
/* Moves a related record to state `to` inside the caller's transaction
 * (history, audit, deadlines of the old state closed); used when one step
 * settles another record, e.g. a conforming 复检 cancels the disposals. */
int food_force_state(zj_ctx *c, const entity_def *e, int64_t id, const char *to, const char *transition,
		     const char *note);
int64_t food_id_of(const json_t *row, const char *field);
const char *food_str(const json_t *row, const char *field);
/* Copies src into dst[n], cut at a character boundary if it does not fit. */
void food_copy(char *dst, size_t n, const char *src);
int64_t food_query_int(db *d, const char *sql, int64_t a, int64_t dflt);
/* Thread-local cached refset of the database, reloaded when the reference
 * tables change (count, max id and version sum). Not to be freed. */
const food_refset *food_refset_current(db *d);

/* ---- entities and registration ---- */

extern const entity_def ent_food_categories, ent_food_analytes, ent_food_limits, ent_test_templates,
	ent_food_deadline_rules, ent_food_labs, ent_food_budgets, ent_food_plans, ent_plan_items, ent_sampling_tasks,
	ent_samples, ent_sample_specs, ent_results, ent_retests, ent_objections, ent_disposals, ent_publications;

/* Disposal tasks for a failed sample (food_disposals.c), inside the caller's transaction. */
int food_open_disposals(zj_ctx *c, int64_t sample_id, const json_t *sample);
/* Sample conclusion from its results (food_results.c): 0 pass, 1 fail (any
 * item fails), 2 pending (an item missing or waiting for a person), -1 on
 * error; *summary lists failed, pending and missing items. rejudge_rows:
 * judge every result again against the current tables first (inside a
 * write transaction only). */
int food_sample_conclusion(zj_ctx *c, int64_t sample_id, int rejudge_rows, json_t **summary);

/* After a limit row of `analyte` (and `old_analyte`, when it changed) was
 * added or changed: every result of it (or screened by it) that waits for a
 * person or was decided by one is judged again. A person's decision the new
 * limit contradicts is withdrawn (action "reopen", the note says why); an
 * undecided item a limit now decides takes its verdict ("rejudge"). */
int food_rejudge_for_limit(zj_ctx *c, int64_t analyte, int64_t old_analyte);

extern const public_endpoint *const food_publics[]; /* food_publish.c */
extern const widget_def food_widgets[];
json_t *food_kpi_widget(zj_ctx *c); /* food_kpi.c */
/* `zhijian limit` (food_cli.c) */
int cmd_limit(int argc, char **argv);
int food_demo_data(zj_ctx *c, FILE *report);

/* The published announcements as the portal's notices (food_publish.c). */
json_t *food_public_notices(zj_ctx *c);

/* ---- printed forms (food_docs.c) ---- */
/* Issues (freezes) the form `kind` of a sample in the caller's transaction. */
int food_freeze_document(zj_ctx *c, int64_t sample_id, const char *kind, const char *event);
/* GET /samples/{id}/actions/document[?kind=&version=]. */
int food_act_document(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

#endif
