/* workflow.h — a workflow is a table: states, transitions (from → to), the
 * permission each needs, the fields it requires, the deadline entering the
 * target state starts (calendar days, working days or months on the one
 * calendar) and hooks. workflow_transition is the one function through which
 * every state change passes: it checks, writes, records history, audits and
 * opens/closes deadlines in one transaction. */
#ifndef ZJ_WORKFLOW_H
#define ZJ_WORKFLOW_H

#include "core/ctx.h"
#include "core/entity.h"

/* DL_DAYS_ROLL: calendar days whose last day, when a rest day, moves to the
 * next working day (民法典 Art. 203; core/calendar.h cal_add_days_roll). */
typedef enum { DL_NONE = 0, DL_CALENDAR_DAYS, DL_WORKING_DAYS, DL_MONTHS, DL_DAYS_ROLL } deadline_unit;

/* The target of an in-place step (extending a disposal, deciding an item):
 * the record keeps its state, and the step has its own permission, guard,
 * fields, history and audit like any other; the deadlines of the state run on. */
#define WF_STAY "="

typedef struct wf_state {
	const char *name, *label_zh, *label_en;
	int final;
} wf_state;

typedef struct wf_transition {
	const char *name, *label_zh, *label_en;
	const char *from;     /* comma-separated source states, "*" = any non-final */
	const char *to;       /* WF_STAY: a step that changes fields, not the state */
	const char *perm;     /* NULL → "<entity>.t.<name>" */
	const char *requires; /* comma-separated entity fields the body must supply (non-empty) */
	/* deadline started on entering `to` (closed when the record leaves it) */
	const char *deadline; /* kind, e.g. "report_due"; NULL = none */
	deadline_unit dl_unit;
	int dl_n;
	/* Extra rule; return 0, or a status after ctx_problem (e.g. 409 citing the rule). */
	int (*guard)(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body);
	/* Runs after the state is written, inside the transaction. Non-zero aborts. */
	int (*on_enter)(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body);
	/* the deadline counts from this date field of the record (e.g. "received_on"); NULL = today */
	const char *dl_from;
	/* What the step will do, for its confirmation (e.g. "公布 37 个抽样结果"):
	 * {"zh","en"[,"count"]}, or NULL. Read-only; called by workflow_options. */
	json_t *(*effect)(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row);
	/* An exceptional way out (transfer to another authority, cancel, a
	 * decision not to proceed): never listed as a to-do (core/todo.c) — a
	 * record waits for the step that carries it forward, not for every
	 * step its state allows. Steps from "*" and in-place steps are never
	 * to-dos either. */
	unsigned aside : 1;
	/* Fields the server sets with the step (who decided, and when), added to
	 * the fields given before the checks; a client may not give them. */
	void (*fill)(zj_ctx *c, const entity_def *e, int64_t id, json_t *given);
	/* 1: an in-place step that writes only its own fields (a person's
	 * decision on a result): they are coerced to their types and the guard
	 * decides; the record's validation hook, which checks the record's own
	 * input, is not run again. */
	int own_fields;
} wf_transition;

typedef struct workflow_def {
	const char *initial;
	const wf_state *states;
	int nstates;
	const wf_transition *transitions;
	int ntransitions;
	/* 1: the table has no state column — a workflow of in-place steps only
	 * (deciding a result): the record is always in `initial`, served as
	 * `state`, and the steps still have their permission, guard, history and
	 * audit. */
	int unstored;
} workflow_def;

const char *workflow_initial(const workflow_def *w);
/* Whether the entity's table has a `state` column (a workflow, not unstored). */
int workflow_stores_state(const entity_def *e);
/* The SQL for the state of the row aliased t: "t.state", or the initial
 * state as a literal for an unstored workflow, into buf. */
const char *workflow_state_sql(const entity_def *e, char *buf, size_t n);
const wf_transition *workflow_find(const workflow_def *w, const char *name);
/* Whether t may leave `state`. */
int workflow_allows(const workflow_def *w, const wf_transition *t, const char *state);
/* Whether state is a final state of w; its label (state name when unknown). */
int workflow_is_final(const workflow_def *w, const char *state);
const char *workflow_state_label(const workflow_def *w, const char *state, int en);
/* Permission name of a transition into buf. */
const char *workflow_perm(const entity_def *e, const wf_transition *t, char *buf, size_t n);
int workflow_transition(zj_ctx *c, const entity_def *e, int64_t id, const char *name, int64_t version, json_t *body,
			json_t **out);
/* An entity action that is a step (POST /disposals/{id}/actions/extend):
 * takes step `name` with the fields `step` (stolen) as workflow_transition
 * does and answers with the row. */
int workflow_step_action(zj_ctx *c, const entity_def *e, int64_t id, const char *name, json_t *step,
			 action_result *out);
/* A step taken by a rule, not a user (e.g. a conforming re-test cancels its
 * disposals): no permission check — the step that triggered it was checked —
 * but the same state check and the same bookkeeping (fields, state,
 * deadlines, history, on_enter, audit), inside the caller's transaction.
 * Returns 0 or a status with the problem set. */
int workflow_apply(zj_ctx *c, const entity_def *e, int64_t id, const char *name, json_t *fields, const char *note);
/* Deadlines a module computes itself (spans from its own editable rules). */
int workflow_open_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *state,
			   const char *start, int n, deadline_unit unit, char due_out[11]);
int workflow_close_deadlines(zj_ctx *c, const char *entity, int64_t id, const char *kind /* NULL = all */);
/* Moves the due day of the open deadline `kind` of a record (an approved extension). */
int workflow_move_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *due);
/* A deadline a module's own clocks keep (e.g. the case clocks of 行政处罚法). */
typedef struct wf_deadline {
	const char *kind, *start, *due;
	int n;
	deadline_unit unit;
	int uncovered;
} wf_deadline;
/* Makes the open deadlines of a record those of want[0..n): an open row with
 * no wanted (kind, due) is closed, a wanted one with no open row is opened
 * (with no state: the clocks, not the steps, end it). final: close them all. */
int workflow_mirror_deadlines(zj_ctx *c, const char *entity, int64_t id, const wf_deadline *want, int n, int final);
/* The state a step leads to from `from` (from itself for WF_STAY). */
const char *workflow_target(const wf_transition *t, const char *from);
/* The dry run of every step of the record for this user: the same checks
 * as workflow_transition (permission, scope, state, validation, guard) in a
 * transaction rolled back, without the fields the step's form will ask for.
 * {"state","final","items":[{"name","label","to","from_here","allowed",
 * "reason": the problem the step would answer, "effect": what it will do}]}. */
int workflow_options(zj_ctx *c, const entity_def *e, int64_t id, json_t **out);
/* The stage (state name) a field belongs to: field_def.stage, else the
 * target of the first step that asks for it, else the initial state. NULL
 * without a workflow. */
const char *workflow_field_stage(const entity_def *e, const field_def *f);
/* {"states":[...{"step": steps from the initial state}],"transitions":[...]} for /meta. */
json_t *workflow_meta(const entity_def *e);

#endif
