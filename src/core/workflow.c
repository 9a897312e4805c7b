/* workflow.c — the transition function (see workflow.h). */
#include "core/workflow.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "lib/xalloc.h"
#include "core/crud.h"
#include "lib/clist.h"
#include "core/privacy.h"
#include "core/tally.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *workflow_initial(const workflow_def *w)
{
	return w->initial;
}

int workflow_stores_state(const entity_def *e)
{
	return e->workflow && !e->workflow->unstored;
}

const char *workflow_state_sql(const entity_def *e, char *buf, size_t n)
{
	if (workflow_stores_state(e))
		snprintf(buf, n, "t.state");
	else /* a declared name, never input */
		snprintf(buf, n, "'%s'", e->workflow ? e->workflow->initial : "");
	return buf;
}

const wf_transition *workflow_find(const workflow_def *w, const char *name)
{
	for (int i = 0; i < w->ntransitions; i++)
		if (!strcmp(w->transitions[i].name, name))
			return &w->transitions[i];
	return NULL;
}

static const wf_state *find_state(const workflow_def *w, const char *name)
{
	for (int i = 0; i < w->nstates; i++)
		if (name && !strcmp(w->states[i].name, name))
			return &w->states[i];
	return NULL;
}

/* A 409 names the rule it applied: for a step taken from the wrong state,
 * the workflow's own rule — the states the step may be taken from. */
static int refuse_state(zj_ctx *c, const entity_def *e, const wf_transition *t, const char *from)
{
	const workflow_def *w = e->workflow;
	const wf_state *st = find_state(w, from);
	int rc =
		ctx_problemf(c, PROB_STATE, c->en ? "'%s' cannot be taken from state '%s'" : "“%s”不能在“%s”状态下执行",
			     TR(c, t->label_zh, t->label_en),
			     st ? TR(c, st->label_zh, st->label_en) : (from ? from : "-"));
	char rule[512], states[384] = "";
	size_t n = 0;
	if (!strcmp(t->from, "*"))
		snprintf(states, sizeof states, "%s", TR(c, "任一未办结状态", "any state that is not final"));
	else {
		char buf[256];
		snprintf(buf, sizeof buf, "%s", t->from);
		for (char *sv, *f = strtok_r(buf, ",", &sv); f && n < sizeof states - 1; f = strtok_r(NULL, ",", &sv)) {
			const wf_state *fs = find_state(w, f);
			int k = snprintf(states + n, sizeof states - n, "%s%s", n ? TR(c, "、", ", ") : "",
					 fs ? TR(c, fs->label_zh, fs->label_en) : f);
			n = k < 0 ? n : (n + (size_t)k < sizeof states ? n + (size_t)k : sizeof states - 1);
		}
	}
	snprintf(rule, sizeof rule,
		 c->en ? "workflow of %s: '%s' is taken only from %s" : "%s办理流程：“%s”只能在%s状态下执行",
		 TR(c, e->label_zh, e->label_en), TR(c, t->label_zh, t->label_en), states);
	json_object_set_new(c->problem, "rule", json_string(rule));
	return rc;
}

int workflow_is_final(const workflow_def *w, const char *state)
{
	const wf_state *s = find_state(w, state);
	return s && s->final;
}

const char *workflow_state_label(const workflow_def *w, const char *state, int en)
{
	const wf_state *s = find_state(w, state);
	return s ? (en ? s->label_en : s->label_zh) : state;
}

int workflow_allows(const workflow_def *w, const wf_transition *t, const char *state)
{
	if (!state)
		return 0;
	if (!strcmp(t->from, "*")) {
		const wf_state *s = find_state(w, state);
		return s && !s->final;
	}
	return clist_has(t->from, state);
}

const char *workflow_perm(const entity_def *e, const wf_transition *t, char *buf, size_t n)
{
	if (t->perm)
		return t->perm;
	snprintf(buf, n, "%s.t.%s", e->name, t->name);
	return buf;
}

int workflow_open_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *state,
			   const char *start, int n, deadline_unit unit, char due_out[11])
{
	char due[11];
	int uncovered = 0;
	if (calendar_due(c->db, start, n, unit, due, &uncovered) != 0)
		return DB_ERR;
	char idt[24], nt[16], ut[4];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	snprintf(nt, sizeof nt, "%d", n);
	snprintf(ut, sizeof ut, "%d", (int)unit);
	const char *p[] = {entity, idt, kind, state, start, due, nt, ut, uncovered ? "1" : "0", c->now};
	if (due_out)
		memcpy(due_out, due, 11);
	return db_run(
		c->db,
		"INSERT INTO deadlines (entity, entity_id, kind, state, started, due, n, unit, uncovered, created_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?)",
		10, p);
}

int workflow_close_deadlines(zj_ctx *c, const char *entity, int64_t id, const char *kind)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {c->now, entity, idt, kind};
	return db_run(
		c->db,
		kind ? "UPDATE deadlines SET closed_at = ? WHERE entity = ? AND entity_id = ? AND kind = ? AND closed_at IS NULL"
		     : "UPDATE deadlines SET closed_at = ? WHERE entity = ? AND entity_id = ? AND closed_at IS NULL",
		kind ? 4 : 3, p);
}

int workflow_move_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *due)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {due, entity, idt, kind};
	return db_run(
		c->db,
		"UPDATE deadlines SET due = ? WHERE entity = ? AND entity_id = ? AND kind = ? AND closed_at IS NULL", 4,
		p);
}

int workflow_mirror_deadlines(zj_ctx *c, const char *entity, int64_t id, const wf_deadline *want, int n, int final)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_stmt *s;
	int rc = db_prepare(
		c->db, "SELECT id, kind, due FROM deadlines WHERE entity = ? AND entity_id = ? AND closed_at IS NULL",
		&s);
	if (rc != DB_OK)
		return rc;
	db_bind_text(s, 1, entity), db_bind_text(s, 2, idt);
	char kept[n > 0 ? n : 1];
	memset(kept, 0, sizeof kept);
	int64_t *stale = NULL;
	size_t nstale = 0, cap = 0;
	while (db_step(s) == DB_ROW) {
		int match = 0;
		for (int i = 0; !final && i < n && !match; i++)
			if (!kept[i] && !strcmp(want[i].kind, db_col_text(s, 1)) &&
			    !strcmp(want[i].due, db_col_text(s, 2)))
				kept[i] = match = 1;
		if (!match) {
			if (nstale == cap) {
				cap = cap ? cap * 2 : 16;
				stale = xrealloc(stale, sizeof *stale * cap);
			}
			stale[nstale++] = db_col_int(s, 0);
		}
	}
	db_finalize(s);
	for (size_t i = 0; rc == DB_OK && i < nstale; i++) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)stale[i]);
		const char *p[] = {c->now, sid};
		rc = db_run(c->db, "UPDATE deadlines SET closed_at = ? WHERE id = ?", 2, p);
	}
	free(stale);
	for (int i = 0; rc == DB_OK && !final && i < n; i++) {
		if (kept[i])
			continue;
		char nt[16], ut[4];
		snprintf(nt, sizeof nt, "%d", want[i].n);
		snprintf(ut, sizeof ut, "%d", (int)want[i].unit);
		const char *p[] = {entity,      idt, want[i].kind, want[i].start,
				   want[i].due, nt,  ut,           want[i].uncovered ? "1" : "0",
				   c->now};
		rc = db_run(
			c->db,
			"INSERT INTO deadlines (entity, entity_id, kind, state, started, due, n, unit, uncovered, created_at)"
			" VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
			9, p);
	}
	return rc;
}

const char *workflow_target(const wf_transition *t, const char *from)
{
	return strcmp(t->to, WF_STAY) ? t->to : from;
}

/* The deadline a step starts: counted from the record's own date field when
 * the step names one (e.g. the receipt date), else from today. */
static int open_deadline(zj_ctx *c, const entity_def *e, int64_t id, const wf_transition *t, const char *to,
			 const json_t *row)
{
	if (!t->deadline || t->dl_unit == DL_NONE)
		return DB_OK;
	char start[11];
	const char *from = t->dl_from ? json_string_value(json_object_get(row, t->dl_from)) : NULL;
	snprintf(start, sizeof start, "%.10s", from && strlen(from) >= 10 ? from : c->today);
	return workflow_open_deadline(c, e->name, id, t->deadline, to, start, t->dl_n, t->dl_unit, NULL);
}

/* Writes a step that has passed its checks: fields and state, the deadlines
 * of the state left and entered, history, on_enter, audit. Inside the
 * caller's transaction. Returns DB_OK, CTX_REFUSED when a hook refused (problem
 * set), or a DB error. */
static int write_step(zj_ctx *c, const entity_def *e, int64_t id, const wf_transition *t, const char *from,
		      json_t *given, const json_t *merged, const json_t *body, const char *note)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *to = workflow_target(t, from);
	int stay = !strcmp(to, from);
	strbuf q;
	sb_init(&q);
	int col = workflow_stores_state(e);
	sb_printf(&q, "UPDATE %s SET %sversion = version + 1, updated_at = ?, updated_by = ?", e->table,
		  col ? "state = ?, " : "");
	const char *k;
	json_t *v;
	json_object_foreach (given, k, v)
		sb_printf(&q, ", %s = ?", k);
	sb_add(&q, " WHERE id = ? AND deleted = 0");
	json_t *params = col ? json_pack("[s, s]", to, c->now) : json_pack("[s]", c->now);
	json_array_append_new(params, c->user ? json_integer(c->user->id) : json_null());
	json_object_foreach (given, k, v)
		json_array_append(params, v); /* crud_bind_json converts */
	json_array_append_new(params, json_integer(id));
	db_stmt *s;
	int drc = tally_row(c, e, id, -1); /* the key the step replaces */
	if (drc == DB_OK)
		drc = db_prepare(c->db, q.s, &s);
	if (drc == DB_OK) {
		crud_bind_params(s, params, 1);
		drc = db_step(s);
		db_finalize(s);
		drc = drc == DB_DONE ? DB_OK : drc;
	}
	if (drc == DB_OK)
		drc = tally_row(c, e, id, 1);
	json_decref(params), sb_free(&q);
	if (drc == DB_OK && !stay) { /* an in-place step leaves the state's deadlines running */
		const char *p[] = {c->now, e->name, idt, from};
		drc = db_run(
			c->db,
			"UPDATE deadlines SET closed_at = ? WHERE entity = ? AND entity_id = ? AND state = ? AND closed_at IS NULL",
			4, p);
	}
	if (drc == DB_OK)
		drc = open_deadline(c, e, id, t, to, merged);
	if (drc == DB_OK) {
		const char *p[] = {e->name, idt, t->name, from, to, c->now, c->user ? c->user->username : "system",
				   note};
		drc = db_run(
			c->db,
			"INSERT INTO workflow_history (entity, entity_id, transition, from_state, to_state, at, username, note)"
			" VALUES (?,?,?,?,?,?,?,?)",
			8, p);
	}
	if (drc == DB_OK && t->on_enter && t->on_enter(c, e, id, merged, body))
		drc = CTX_REFUSED;
	if (drc == DB_OK) {
		json_t *after = json_pack("{s:s, s:s, s:s, s:O}", "transition", t->name, "from", from, "to", to,
					  "fields", given);
		if (note)
			json_object_set_new(after, "note", json_string(note));
		drc = privacy_audit(c, "transition", e, id, NULL, after);
		json_decref(after);
	}
	return drc;
}

int workflow_apply(zj_ctx *c, const entity_def *e, int64_t id, const char *name, json_t *fields, const char *note)
{
	const wf_transition *t = e->workflow ? workflow_find(e->workflow, name) : NULL;
	if (!t)
		return ctx_problemf(c, PROB_NO_SUCH_STEP, "%s", name);
	json_t *row = crud_load(c, e, id);
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	char from[64];
	snprintf(from, sizeof from, "%s",
		 json_string_value(json_object_get(row, "state")) ? json_string_value(json_object_get(row, "state"))
								  : "");
	if (!workflow_allows(e->workflow, t, from)) {
		json_decref(row);
		return refuse_state(c, e, t, from);
	}
	json_t *given = fields ? json_deep_copy(fields) : json_object();
	json_object_update(row, given);
	json_object_set_new(row, "state", json_string(workflow_target(t, from)));
	int rc = write_step(c, e, id, t, from, given, row, NULL, note);
	json_decref(row), json_decref(given);
	if (rc == CTX_REFUSED)
		return c->status ? c->status : ctx_problem(c, PROB_STEP_FAILED, NULL);
	return rc == DB_OK ? 0 : ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
}

/* The user's permission for the step, and the record in its scope. */
static int may_take(zj_ctx *c, const entity_def *e, const wf_transition *t, int64_t id)
{
	char pbuf[160];
	const char *perm = workflow_perm(e, t, pbuf, sizeof pbuf);
	if (!ctx_can(c, perm))
		return ctx_problemf(c, PROB_FORBIDDEN, c->en ? "you may not perform '%s'" : "您没有执行“%s”的权限",
				    TR(c, t->label_zh, t->label_en));
	/* The record must exist and lie in the scope of the transition's permission. */
	return crud_check_access(c, e, perm, id);
}

/* Whether every field error of the problem names a field the step asks for. */
static int only_form_fields(zj_ctx *c, const wf_transition *t)
{
	json_t *errs = c->problem ? json_object_get(c->problem, "errors") : NULL;
	if (c->status != 422 || !json_array_size(errs))
		return 0;
	size_t i;
	json_t *x;
	json_array_foreach (errs, i, x)
		if (!clist_has(t->requires, json_string_value(json_object_get(x, "field"))))
			return 0;
	return 1;
}

/* The rules of a step on the loaded row, the same for the step and its dry
 * run (workflow_options): the state it leaves, the record's validation with
 * the step's fields, the step's guard. dry: the form has not been filled
 * yet, so a refusal that names only fields the step asks for is not a
 * refusal of the step. *merged_out (the row as the step would leave it) is
 * set when not NULL. */
static int step_checks(zj_ctx *c, const entity_def *e, const wf_transition *t, int64_t id, const json_t *row,
		       const json_t *given, const json_t *body, int dry, json_t **merged_out)
{
	const char *from = json_string_value(json_object_get(row, "state"));
	if (!workflow_allows(e->workflow, t, from))
		return refuse_state(c, e, t, from);
	json_t *merged = json_deep_copy(row);
	json_object_update(merged, (json_t *)given);
	json_object_set_new(merged, "state", json_string(workflow_target(t, from)));
	*merged_out = merged;
	json_t *verr = json_array();
	if (!t->own_fields)
		crud_validate(c, e, merged, row, id, verr);
	int rc = 0;
	if (json_array_size(verr)) {
		rc = ctx_fail_fields(c, verr);
		if (dry && only_form_fields(c, t))
			ctx_clear(c), rc = 0;
	} else
		json_decref(verr);
	if (!rc && t->guard) {
		rc = t->guard(c, e, id, merged, body);
		if (rc && dry && only_form_fields(c, t))
			ctx_clear(c), rc = 0;
	}
	return rc;
}

/* The fields a step carries, coerced: only those the transition requires
 * may ride along with it, and each of those must be given. Problems go to
 * errors; returns the fields given (an object, never NULL). */
static json_t *step_given(zj_ctx *c, const entity_def *e, const wf_transition *t, json_t *body, json_t *errors)
{
	json_t *given = json_object();
	if (body) {
		const char *k;
		json_t *v;
		json_object_foreach (body, k, v) {
			if (!strcmp(k, "version") || !strcmp(k, "note"))
				continue;
			const field_def *f = entity_field(e, k);
			int required = clist_has(t->requires, k);
			if (!f || !required) {
				crud_field_error(c, errors, k, FE_UNKNOWN, "此步骤不接受该字段",
						 "is not accepted by this step");
				continue;
			}
			fe_code code;
			char msg[256];
			json_t *cv = field_coerce(c, e, f, v, 0, &code, msg, sizeof msg);
			if (!cv)
				json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", k, "message", msg,
									"code", fe_name(code)));
			else
				json_object_set_new(given, k, cv);
		}
	}
	if (t->requires) {
		char *dup = xstrdup(t->requires), *save = NULL;
		for (char *f = strtok_r(dup, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
			json_t *v = json_object_get(given, f);
			int bad = !v || json_is_null(v);
			for (size_t i = 0; i < json_array_size(errors); i++)
				if (!strcmp(json_string_value(json_object_get(json_array_get(errors, i), "field")), f))
					bad = 0; /* already reported */
			if (bad)
				crud_field_error(c, errors, f, FE_REQUIRED, "此步骤必须填写",
						 "is required by this step");
		}
		free(dup);
	}
	return given;
}

int workflow_transition(zj_ctx *c, const entity_def *e, int64_t id, const char *name, int64_t version, json_t *body,
			json_t **out)
{
	const workflow_def *w = e->workflow;
	if (!w)
		return ctx_problem(c, PROB_NO_WORKFLOW, NULL);
	const wf_transition *t = workflow_find(w, name);
	if (!t)
		return ctx_problemf(c, PROB_NO_SUCH_STEP, "%s", name);
	int arc = may_take(c, e, t, id);
	if (arc)
		return arc;
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	if (body && !json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	if (version < 0 && body && json_is_integer(json_object_get(body, "version")))
		version = json_integer_value(json_object_get(body, "version"));

	json_t *errors = json_array();
	json_t *given = step_given(c, e, t, body, errors);
	if (t->fill && !json_array_size(errors))
		t->fill(c, e, id, given);
	if (json_array_size(errors)) {
		json_decref(given);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	if (db_begin(c->db) != DB_OK) {
		json_decref(given);
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	}
	json_t *row = crud_load(c, e, id);
	int rc = 0;
	const char *from = row ? json_string_value(json_object_get(row, "state")) : NULL;
	if (!row)
		rc = ctx_problem(c, PROB_NOT_FOUND, NULL);
	else if (version >= 0 && json_integer_value(json_object_get(row, "version")) != version) {
		rc = ctx_problem(c, PROB_STALE_VERSION, NULL);
		json_object_set(c->problem, "current", row);
	}
	json_t *merged = NULL;
	if (!rc)
		rc = step_checks(c, e, t, id, row, given, body, 0, &merged);
	if (!rc) {
		const char *note = body ? json_string_value(json_object_get(body, "note")) : NULL;
		int drc = write_step(c, e, id, t, from, given, merged, body, note);
		if (drc == CTX_REFUSED)
			rc = c->status ? c->status : ctx_problem(c, PROB_STEP_FAILED, NULL);
		else if (drc != DB_OK)
			rc = ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	json_decref(given);
	json_decref(row);
	json_decref(merged);
	if (!rc && ctx_failed(c)) /* a guard's or hook's query failed (ctx_internal) */
		rc = c->status;
	if (rc) {
		db_rollback(c->db);
		return rc;
	}
	if (db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	*out = crud_load(c, e, id);
	return 200;
}

int workflow_step_action(zj_ctx *c, const entity_def *e, int64_t id, const char *name, json_t *step, action_result *out)
{
	json_t *row = NULL;
	int st = workflow_transition(c, e, id, name, -1, step, &row);
	json_decref(step);
	if (st != 200)
		return st;
	out->json = row;
	return 200;
}

static int state_step(const workflow_def *w, const char *state);

json_t *workflow_meta(const entity_def *e)
{
	const workflow_def *w = e->workflow;
	json_t *states = json_array(), *trs = json_array();
	for (int i = 0; i < w->nstates; i++)
		json_array_append_new(states,
				      json_pack("{s:s, s:{s:s, s:s}, s:b, s:i}", "name", w->states[i].name, "label",
						"zh", w->states[i].label_zh, "en", w->states[i].label_en, "final",
						w->states[i].final, "step", state_step(w, w->states[i].name)));
	for (int i = 0; i < w->ntransitions; i++) {
		const wf_transition *t = &w->transitions[i];
		char pbuf[160];
		json_t *from = json_array(), *req = json_array();
		char *dup = xstrdup(t->from), *save = NULL;
		for (char *s = strtok_r(dup, ",", &save); s; s = strtok_r(NULL, ",", &save))
			json_array_append_new(from, json_string(s));
		free(dup);
		if (!strcmp(t->from, "*")) {
			json_array_clear(from);
			for (int j = 0; j < w->nstates; j++)
				if (!w->states[j].final)
					json_array_append_new(from, json_string(w->states[j].name));
		}
		if (t->requires) {
			dup = xstrdup(t->requires), save = NULL;
			for (char *s = strtok_r(dup, ",", &save); s; s = strtok_r(NULL, ",", &save))
				json_array_append_new(req, json_string(s));
			free(dup);
		}
		json_array_append_new(trs,
				      json_pack("{s:s, s:{s:s, s:s}, s:o, s:s, s:s, s:o, s:b, s:b}", "name", t->name,
						"label", "zh", t->label_zh, "en", t->label_en, "from", from, "to",
						t->to, "perm", workflow_perm(e, t, pbuf, sizeof pbuf), "requires", req,
						"aside", t->aside, "any_state", !strcmp(t->from, "*")));
	}
	return json_pack("{s:s, s:o, s:o}", "initial", w->initial, "states", states, "transitions", trs);
}

int workflow_options(zj_ctx *c, const entity_def *e, int64_t id, json_t **out)
{
	const workflow_def *w = e->workflow;
	if (!w)
		return ctx_problem(c, PROB_NO_WORKFLOW, NULL);
	char rperm[128];
	snprintf(rperm, sizeof rperm, "%s.read", e->name);
	int rc = crud_check_access(c, e, rperm, id);
	if (rc)
		return rc;
	/* Guards may read (and a few write) inside the step's transaction: the
	 * dry run opens one and rolls it back, so nothing it does stays. */
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	json_t *row = crud_load(c, e, id);
	if (!row) {
		db_rollback(c->db);
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	}
	const char *state = json_string_value(json_object_get(row, "state"));
	json_t *items = json_array(), *given = json_object(), *body = json_object();
	for (int i = 0; i < w->ntransitions; i++) {
		const wf_transition *t = &w->transitions[i];
		json_t *merged = NULL;
		ctx_clear(c);
		int st = may_take(c, e, t, id);
		if (!st)
			st = step_checks(c, e, t, id, row, given, body, 1, &merged);
		json_decref(merged);
		json_t *it = json_pack("{s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", t->name, "label", "zh",
				       t->label_zh, "en", t->label_en, "to", workflow_target(t, state ? state : ""),
				       "from_here", workflow_allows(w, t, state), "allowed", !st);
		if (!st && t->effect) {
			json_t *fx = t->effect(c, e, id, row);
			if (fx)
				json_object_set_new(it, "effect", fx);
		}
		if (st) {
			json_t *why = c->problem ? json_deep_copy(c->problem) : json_pack("{s:i}", "status", st);
			json_object_del(why, "current");
			json_object_set_new(it, "reason", why);
		}
		json_array_append_new(items, it);
	}
	ctx_clear(c);
	db_rollback(c->db);
	json_t *r = json_pack("{s:s, s:b, s:o}", "state", state ? state : "", "final", workflow_is_final(w, state),
			      "items", items);
	json_decref(row), json_decref(given), json_decref(body);
	*out = r;
	return 200;
}

/* The step of each state: the longest path to it from the initial state
 * once the edges back (a return for more investigation, a new notice) are
 * left out, so a state comes after every state that can lead to it. */
static int state_index(const workflow_def *w, const char *name)
{
	for (int i = 0; i < w->nstates; i++)
		if (name && !strcmp(w->states[i].name, name))
			return i;
	return -1;
}

static void mark_back(const workflow_def *w, int n, char edge[n][n], char *color, int i)
{
	color[i] = 1; /* on the path */
	for (int j = 0; j < n; j++)
		if (edge[i][j] && color[j] == 1)
			edge[i][j] = 0; /* back to a state on the path */
		else if (edge[i][j] && !color[j])
			mark_back(w, n, edge, color, j);
	color[i] = 2;
}

static int state_step(const workflow_def *w, const char *state)
{
	int n = w->nstates, start = state_index(w, w->initial), at = state_index(w, state);
	if (start < 0 || at < 0)
		return -1;
	char edge[n][n], color[n];
	int depth[n];
	memset(edge, 0, sizeof edge), memset(color, 0, sizeof color);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < w->ntransitions; k++) {
			const wf_transition *t = &w->transitions[k];
			int j = state_index(w, t->to);
			if (j >= 0 && j != i && !w->states[i].final && workflow_allows(w, t, w->states[i].name))
				edge[i][j] = 1;
		}
	mark_back(w, n, edge, color, start);
	for (int i = 0; i < n; i++)
		depth[i] = i == start ? 0 : -1;
	for (int round = 0; round < n; round++)
		for (int i = 0; i < n; i++)
			for (int j = 0; depth[i] >= 0 && j < n; j++)
				if (edge[i][j] && depth[j] < depth[i] + 1)
					depth[j] = depth[i] + 1;
	return depth[at];
}

const char *workflow_field_stage(const entity_def *e, const field_def *f)
{
	const workflow_def *w = e->workflow;
	if (f->stage || !w)
		return f->stage;
	/* The first step that asks for the field: its target state (for an
	 * in-place step, the first state it is taken from). */
	char buf[64];
	for (int i = 0; i < w->ntransitions; i++) {
		const wf_transition *t = &w->transitions[i];
		if (!clist_has(t->requires, f->name))
			continue;
		if (strcmp(t->to, WF_STAY))
			return t->to;
		if (!strcmp(t->from, "*"))
			return w->initial;
		snprintf(buf, sizeof buf, "%.*s", (int)strcspn(t->from, ","), t->from);
		for (int j = 0; j < w->nstates; j++)
			if (!strcmp(w->states[j].name, buf))
				return w->states[j].name;
		return w->initial;
	}
	return w->initial;
}
