/* openapi.c — the OpenAPI 3.1 document of the HTTP API, generated from the
 * same declarations the server runs on (entities, fields, dictionaries,
 * workflows, module actions, public endpoints), so that integrators (the
 * provincial platform, 12315, data-sharing exchanges) generate clients from
 * it instead of reading prose. Built once per process: it depends on the
 * declarations only, never on the reader. Served at GET /api/v1/openapi.json. */
#include "web/openapi.h"
#include "core/entity.h"
#include "core/workflow.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static json_t *ref(const char *name)
{
	return json_pack("{s:s}", "$ref", name);
}

static json_t *schema_ref(const char *name)
{
	char b[256];
	snprintf(b, sizeof b, "#/components/schemas/%s", name);
	return ref(b);
}

static json_t *problem_response(const char *why)
{
	return json_pack("{s:s, s:{s:{s:o}}}", "description", why, "content", "application/problem+json", "schema",
			 ref("#/components/schemas/Problem"));
}

/* The error answers every authenticated route may give (DESIGN.md §4). */
static void add_errors(json_t *responses, int writes)
{
	json_object_set_new(responses, "400", problem_response("bad syntax"));
	json_object_set_new(responses, "401", problem_response("not signed in"));
	json_object_set_new(responses, "403", problem_response("not allowed or outside jurisdiction"));
	json_object_set_new(responses, "404", problem_response("not found"));
	json_object_set_new(responses, "429", problem_response("rate limited"));
	json_object_set_new(responses, "503", problem_response("busy: retry after the Retry-After header"));
	if (writes) {
		json_object_set_new(responses, "409",
				    problem_response("conflict or illegal transition; the detail names the rule"));
		json_object_set_new(responses, "412", problem_response("stale version (If-Match)"));
		json_object_set_new(responses, "413", problem_response("body too large"));
		json_object_set_new(responses, "428", problem_response("If-Match (the version read) is required"));
		json_object_set_new(responses, "422",
				    problem_response("invalid field values; errors[] names each field"));
	}
}

static json_t *json_ok(json_t *schema, const char *why)
{
	return json_pack("{s:s, s:{s:{s:o}}}", "description", why, "content", "application/json", "schema", schema);
}

/* An answer of a module's own endpoint: JSON (object or array), or a
 * printable document / CSV as text. */
static json_t *any_answer(const char *why)
{
	return json_pack("{s:s, s:{s:{s:{s:[s,s]}}, s:{s:{s:s}}, s:{s:{s:s}}}}", "description", why, "content",
			 "application/json", "schema", "type", "object", "array", "text/html", "schema", "type",
			 "string", "text/csv", "schema", "type", "string");
}

static json_t *op(const char *summary, const char *tag, json_t *responses)
{
	json_t *o = json_pack("{s:s, s:[s], s:o}", "summary", summary, "tags", tag, "responses", responses);
	return o;
}

static void add_op(json_t *paths, const char *path, const char *method, json_t *o)
{
	json_t *p = json_object_get(paths, path);
	if (!p)
		json_object_set_new(paths, path, p = json_object());
	char m[8];
	size_t i = 0;
	for (; method[i] && i < sizeof m - 1; i++)
		m[i] = (char)(method[i] | 0x20);
	m[i] = 0;
	json_object_set_new(p, m, o);
}

static json_t *param(const char *name, const char *in, int required, json_t *schema, const char *desc)
{
	json_t *p = json_pack("{s:s, s:s, s:b, s:o}", "name", name, "in", in, "required", required, "schema", schema);
	if (desc)
		json_object_set_new(p, "description", json_string(desc));
	return p;
}

/* One field as a JSON Schema. Values the server returns as text (dates,
 * decimals, dictionary codes) are strings; money is integer fen. */
static json_t *field_schema(const field_def *f)
{
	json_t *s;
	switch (f->type) {
	case FT_INT:
	case FT_MONEY:
	case FT_REF:
		s = json_pack("{s:s}", "type", "integer");
		if (f->min < f->max) {
			json_object_set_new(s, "minimum", json_integer(f->min));
			json_object_set_new(s, "maximum", json_integer(f->max));
		}
		if (f->type == FT_MONEY)
			json_object_set_new(s, "description", json_string("integer fen (分)"));
		if (f->type == FT_REF) {
			char d[160];
			snprintf(d, sizeof d, "id of a record of %s", f->ref);
			json_object_set_new(s, "description", json_string(d));
		}
		break;
	case FT_BOOL: s = json_pack("{s:[s,s]}", "type", "boolean", "integer"); break;
	case FT_DECIMAL:
		s = json_pack("{s:s, s:s, s:s}", "type", "string", "pattern", "^-?[0-9]+(\\.[0-9]+)?$", "description",
			      "decimal string, never a binary float");
		break;
	case FT_DATE: s = json_pack("{s:s, s:s}", "type", "string", "format", "date"); break;
	case FT_DATETIME: s = json_pack("{s:s, s:s}", "type", "string", "format", "date-time"); break;
	case FT_FILE:
		s = json_pack(
			"{s:s, s:{s:{s:s, s:s}, s:{s:s}, s:{s:s}, s:{s:s}}, s:[s], s:s}", "type", "object",
			"properties", "sha256", "type", "string", "pattern", "^[0-9a-f]{64}$", "name", "type", "string",
			"size", "type", "integer", "mime", "type", "string", "required", "sha256", "description",
			"a stored file: upload with POST /api/v1/files, then send {sha256, name}; size and mime are the server's");
		break;
	case FT_DICT: {
		char d[160];
		snprintf(d, sizeof d, "code%s of dictionary %s (labels: GET /api/v1/meta)",
			 f->flags & F_MULTI ? "s, comma-separated," : "", f->dict);
		s = f->flags & F_MULTI ? json_pack("{s:[s,s], s:{s:s}, s:s}", "type", "array", "string", "items",
						   "type", "string", "description", d)
				       : json_pack("{s:s, s:s}", "type", "string", "description", d);
		break;
	}
	default:
		s = json_pack("{s:s}", "type", "string");
		if (f->min_len)
			json_object_set_new(s, "minLength", json_integer(f->min_len));
		if (f->max_len)
			json_object_set_new(s, "maxLength", json_integer(f->max_len));
		if (f->pattern)
			json_object_set_new(s, "pattern", json_string(f->pattern));
	}
	json_object_set_new(s, "title", json_string(f->label_zh));
	if (f->flags & F_READONLY)
		json_object_set_new(s, "readOnly", json_true());
	if (f->flags & F_PERSONAL)
		json_object_set_new(s, "x-personal", json_true());
	return s;
}

/* Rows as the server answers them: declared fields (nullable unless
 * required), their __label companions, and the system columns. */
static json_t *row_schema(const entity_def *e)
{
	json_t *props = json_object(), *req = json_array();
	for (int i = 0; i < entity_nsys_columns; i++) {
		const sys_column *sc = &entity_sys_columns[i];
		if (sc->in_row)
			json_object_set_new(props, sc->name,
					    json_pack("{s:[s,s], s:b}", "type",
						      sc->type == FT_DATETIME ? "string" : "integer", "null",
						      "readOnly", 1));
	}
	json_array_append_new(req, json_string("id"));
	if (e->workflow)
		json_object_set_new(props, "state",
				    json_pack("{s:[s,s], s:b}", "type", "string", "null", "readOnly", 1));
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (f->type == FT_SECRET)
			continue;
		json_t *s = field_schema(f);
		/* masked personal values and server-derived fields may be any text or null */
		json_t *t = json_object_get(s, "type");
		if (json_is_string(t))
			json_object_set_new(s, "type", json_pack("[s,s]", json_string_value(t), "null"));
		else if (json_is_array(t))
			json_array_append_new(t, json_string("null"));
		if (f->flags & F_PERSONAL) {
			json_object_del(s, "pattern");
			json_object_del(s, "minLength");
		}
		json_object_set_new(props, f->name, s);
		if (f->type == FT_REF || f->type == FT_DICT) {
			char k[128];
			snprintf(k, sizeof k, "%s__label", f->name);
			json_object_set_new(props, k,
					    json_pack("{s:[s,s], s:b}", "type", "string", "null", "readOnly", 1));
			if (f->type == FT_REF) { /* the English label, where the referenced entity has one */
				snprintf(k, sizeof k, "%s__label_en", f->name);
				json_object_set_new(props, k,
						    json_pack("{s:[s,s], s:b}", "type", "string", "null", "readOnly",
							      1));
			}
		}
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:b}", "type", "object", "title", e->label_zh, "properties", props,
			 "required", req, "additionalProperties", 1);
}

/* What a client may send: writable fields, required ones required. */
static json_t *input_schema(const entity_def *e, int create)
{
	json_t *props = json_object(), *req = json_array();
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (f->flags & F_READONLY)
			continue;
		json_t *s = field_schema(f);
		if (f->type == FT_SECRET)
			json_object_set_new(s, "writeOnly", json_true());
		json_object_set_new(props, f->name, s);
		if (create && (f->flags & F_REQUIRED))
			json_array_append_new(req, json_string(f->name));
	}
	if (!create)
		json_object_set_new(props, "version",
				    json_pack("{s:s, s:s}", "type", "integer", "description", "or If-Match"));
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props, "required", req,
			 "additionalProperties", 0);
}

static json_t *list_schema(const char *item)
{
	/* deadlines: the nearest open deadline of each row of the page, by id */
	json_t *dl = json_pack("{s:s, s:{s:s, s:{s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s, s:[s,s]}, s:{s:s}}}}", "type",
			       "object", "additionalProperties", "type", "object", "properties", "kind", "type",
			       "string", "due", "type", "string", "format", "date", "left", "type", "integer", "unit",
			       "type", "string", "enum", "working_days", "days", "overdue", "type", "boolean");
	return json_pack("{s:s, s:{s:{s:s, s:o}, s:{s:[s,s]}, s:o}, s:[s,s]}", "type", "object", "properties", "items",
			 "type", "array", "items", schema_ref(item), "next", "type", "string", "null", "deadlines", dl,
			 "required", "items", "next");
}

static json_t *list_params(const entity_def *e)
{
	json_t *ps = json_array();
	json_array_append_new(ps, param("limit", "query", 0,
					json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1, "maximum", 500),
					"page size"));
	json_array_append_new(ps, param("cursor", "query", 0, json_pack("{s:s}", "type", "string"),
					"the `next` of the previous page"));
	json_array_append_new(ps, param("q", "query", 0, json_pack("{s:s}", "type", "string"),
					"search in the searchable fields"));
	json_array_append_new(ps, param("sort", "query", 0, json_pack("{s:s}", "type", "string"),
					"a sortable field, '-' for descending"));
	json_array_append_new(ps,
			      param("offset", "query", 0,
				    json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 0, "maximum", 100000),
				    "a page jump: skip this many rows (ignored with a cursor; `next` pages on)"));
	json_array_append_new(ps, param("id", "query", 0, json_pack("{s:s}", "type", "integer"),
					"these records only (repeat for a set: a selection)"));
	json_array_append_new(ps, param("owner_unit_id", "query", 0, json_pack("{s:s}", "type", "integer"),
					"owning unit (repeat for a set)"));
	json_array_append_new(ps, param("owner_unit_id.under", "query", 0, json_pack("{s:s}", "type", "integer"),
					"owning unit or any of its sub-units"));
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (!(f->flags & F_FILTER))
			continue;
		json_array_append_new(ps, param(f->name, "query", 0, json_pack("{s:s}", "type", "string"),
						"equals (repeat for a set)"));
		if (f->type == FT_REF) {
			char k[128];
			snprintf(k, sizeof k, "%s.under", f->name);
			json_array_append_new(
				ps,
				param(k, "query", 0, json_pack("{s:s}", "type", "integer"),
				      "this node or any below it, for a reference to a tree (administrative divisions by "
				      "their GB/T 2260 path, units by parent); repeat for several subtrees"));
		}
		if (f->type == FT_DATE || f->type == FT_DATETIME || f->type == FT_INT || f->type == FT_MONEY ||
		    f->type == FT_DECIMAL) {
			char k[128];
			snprintf(k, sizeof k, "%s.from", f->name);
			json_array_append_new(ps,
					      param(k, "query", 0, json_pack("{s:s}", "type", "string"), "at least"));
			snprintf(k, sizeof k, "%s.to", f->name);
			json_array_append_new(ps,
					      param(k, "query", 0, json_pack("{s:s}", "type", "string"), "at most"));
		}
	}
	if (e->workflow)
		json_array_append_new(ps, param("state", "query", 0, json_pack("{s:s}", "type", "string"),
						"workflow state"));
	if (!entity_field(e, "overdue"))
		json_array_append_new(ps, param("overdue", "query", 0, json_pack("{s:s}", "type", "boolean"),
						"true: only the records with an open deadline past due"));
	return ps;
}

static json_t *id_param(void)
{
	return param("id", "path", 1, json_pack("{s:s, s:i}", "type", "integer", "minimum", 1), NULL);
}

static json_t *body_of(json_t *schema)
{
	return json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema", schema);
}

static void entity_paths(json_t *paths, json_t *schemas, const entity_def *e)
{
	char base[160], rec[200], name[160], p[320];
	snprintf(base, sizeof base, "/api/v1/%s", e->name);
	snprintf(rec, sizeof rec, "%s/{id}", base);
	json_object_set_new(schemas, e->name, row_schema(e));
	snprintf(name, sizeof name, "%s.create", e->name);
	json_object_set_new(schemas, name, input_schema(e, 1));
	snprintf(name, sizeof name, "%s.update", e->name);
	json_object_set_new(schemas, name, input_schema(e, 0));
	const char *tag = e->name;

	json_t *r = json_object(), *o;
	json_object_set_new(r, "200", json_ok(list_schema(e->name), "a page, keyset-paginated"));
	add_errors(r, 0);
	o = op(e->label_en, tag, r);
	json_object_set_new(o, "parameters", list_params(e));
	add_op(paths, base, "GET", o);

	if (!e->no_create) {
		r = json_object();
		json_object_set_new(r, "201", json_ok(schema_ref(e->name), "created"));
		add_errors(r, 1);
		o = op("create", tag, r);
		snprintf(name, sizeof name, "%s.create", e->name);
		json_object_set_new(o, "requestBody", body_of(schema_ref(name)));
		add_op(paths, base, "POST", o);
	}

	r = json_object();
	json_object_set_new(
		r, "200",
		json_ok(json_pack("{s:s, s:{s:{s:s}, s:{s:s, s:{s:s}}, s:{s:s}}}", "type", "object", "properties",
				  "count", "type", "integer", "states", "type", "object", "additionalProperties",
				  "type", "integer", "overdue", "type", "integer"),
			"how many records match the same filters as the list; with group=state also how many in each "
			"workflow state and how many have an open deadline past due"));
	add_errors(r, 0);
	o = op("count", tag, r);
	json_t *cps = list_params(e);
	json_array_append_new(cps,
			      param("group", "query", 0, json_pack("{s:s, s:[s]}", "type", "string", "enum", "state"),
				    "state: add the counts per state (`states`) and `overdue`"));
	json_object_set_new(o, "parameters", cps);
	snprintf(p, sizeof p, "%s/count", base);
	add_op(paths, p, "GET", o);

	r = json_object();
	json_object_set_new(r, "200",
			    json_pack("{s:s, s:{s:{}, s:{}, s:{s:{s:[s,s]}}}}", "description",
				      "the filtered list as a file", "content", "text/csv",
				      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				      "application/json", "schema", "type", "array", "object"));
	add_errors(r, 0);
	o = op("export", tag, r);
	json_t *ps = list_params(e);
	json_array_append_new(ps, param("format", "query", 0,
					json_pack("{s:s, s:[s,s,s]}", "type", "string", "enum", "csv", "xlsx", "json"),
					NULL));
	json_object_set_new(o, "parameters", ps);
	snprintf(p, sizeof p, "%s/export", base);
	add_op(paths, p, "GET", o);

	if (!e->no_delete || e->workflow) {
		r = json_object();
		json_object_set_new(
			r, "200",
			json_ok(json_pack(
					"{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}}}}}}",
					"type", "object", "properties", "done", "type", "integer", "failed", "type",
					"integer", "items", "type", "array", "items", "type", "object", "properties",
					"id", "type", "integer", "status", "type", "integer", "ok", "type", "boolean"),
				"each item's outcome: every item runs the single request's path (permission, scope, "
				"state, guard, audit) in its own transaction"));
		add_errors(r, 1);
		o = op("batch delete or workflow step {op, transition, ids, body}", tag, r);
		json_object_set_new(
			o, "requestBody",
			body_of(json_pack(
				"{s:s, s:[s,s], s:{s:{s:s, s:[s,s]}, s:{s:s}, s:{s:s, s:i, s:i, s:{s:s}}, s:{s:s}}}",
				"type", "object", "required", "op", "ids", "properties", "op", "type", "string", "enum",
				"delete", "transition", "transition", "type", "string", "ids", "type", "array",
				"minItems", 1, "maxItems", 200, "items", "description",
				"a record id, or {id, version} (the version read; a delete needs it)", "body", "type",
				"object")));
		snprintf(p, sizeof p, "%s/batch", base);
		add_op(paths, p, "POST", o);
	}

	if (!e->no_import && !e->no_create) {
		r = json_object();
		json_object_set_new(r, "200",
				    json_pack("{s:s, s:{s:{}, s:{}}}", "description", "an empty import template",
					      "content", "text/csv",
					      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		add_errors(r, 0);
		snprintf(p, sizeof p, "%s/template", base);
		add_op(paths, p, "GET", op("import template", tag, r));

		r = json_object();
		json_object_set_new(r, "202",
				    json_ok(json_pack("{s:s}", "type", "object"),
					    "an import job (GET /api/v1/jobs/{id})"));
		json_object_set_new(r, "200",
				    json_ok(json_pack("{s:s}", "type", "object"), "a validation report (dry run)"));
		add_errors(r, 1);
		o = op("import CSV or XLSX (all or nothing)", tag, r);
		json_object_set_new(o, "requestBody",
				    json_pack("{s:b, s:{s:{}, s:{}}}", "required", 1, "content", "text/csv",
					      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		json_object_set_new(o, "parameters",
				    json_pack("[o]", param("dry_run", "query", 0, json_pack("{s:s}", "type", "string"),
							   "validate only")));
		snprintf(p, sizeof p, "%s/import", base);
		add_op(paths, p, "POST", o);
	}

	r = json_object();
	json_object_set_new(r, "200", json_ok(schema_ref(e->name), "the record (ETag: its version)"));
	add_errors(r, 0);
	o = op("get", tag, r);
	json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
	add_op(paths, rec, "GET", o);

	if (!e->no_update) {
		snprintf(name, sizeof name, "%s.update", e->name);
		for (int k = 0; k < 2; k++) {
			r = json_object();
			json_object_set_new(r, "200", json_ok(schema_ref(e->name), "updated"));
			add_errors(r, 1);
			o = op("update (If-Match: version)", tag, r);
			json_object_set_new(o, "parameters",
					    json_pack("[o,o]", id_param(),
						      param("If-Match", "header", 0,
							    json_pack("{s:s}", "type", "string"), "the version read")));
			json_object_set_new(o, "requestBody", body_of(schema_ref(name)));
			add_op(paths, rec, k ? "PUT" : "PATCH", o);
		}
	}
	if (!e->no_delete) {
		r = json_object();
		json_object_set_new(r, "200", json_ok(json_pack("{s:s}", "type", "object"), "soft-deleted"));
		add_errors(r, 1);
		o = op("soft-delete", tag, r);
		json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
		add_op(paths, rec, "DELETE", o);
	}

	r = json_object();
	json_object_set_new(r, "200", json_ok(json_pack("{s:s}", "type", "object"), "the record's writes and steps"));
	add_errors(r, 0);
	o = op("history", tag, r);
	json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
	snprintf(p, sizeof p, "%s/history", rec);
	add_op(paths, p, "GET", o);

	for (int i = 0; i < e->nfields; i++) {
		if (e->fields[i].type != FT_FILE)
			continue;
		r = json_object();
		json_object_set_new(r, "200",
				    json_pack("{s:s, s:{s:{s:{s:s, s:s}}}}", "description",
					      "the file's bytes (inline; ?download=1: attachment)", "content", "*/*",
					      "schema", "type", "string", "format", "binary"));
		add_errors(r, 0);
		char sum[200];
		snprintf(sum, sizeof sum, "the stored file of field %s (read permission and scope, audited)",
			 e->fields[i].name);
		o = op(sum, tag, r);
		json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
		snprintf(p, sizeof p, "%s/files/%s", rec, e->fields[i].name);
		add_op(paths, p, "GET", o);
	}

	if (e->workflow) {
		const workflow_def *w = e->workflow;
		r = json_object();
		json_object_set_new(
			r, "200",
			json_ok(json_pack("{s:s}", "type", "object"),
				"each step: allowed now for this user, else the problem the step would answer (a dry run)"));
		add_errors(r, 0);
		o = op("the steps possible now and why not", tag, r);
		json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
		snprintf(p, sizeof p, "%s/transitions", rec);
		add_op(paths, p, "GET", o);
		for (int i = 0; i < w->ntransitions; i++) {
			const wf_transition *t = &w->transitions[i];
			r = json_object();
			json_object_set_new(r, "200", json_ok(schema_ref(e->name), "the record in its new state"));
			add_errors(r, 1);
			char sum[256];
			snprintf(sum, sizeof sum, "%s (%s → %s)", t->label_en ? t->label_en : t->name, t->from, t->to);
			o = op(sum, tag, r);
			json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
			json_t *props = json_pack("{s:{s:s}}", "version", "type", "integer"), *req = json_array();
			if (t->requires) {
				char buf[256];
				snprintf(buf, sizeof buf, "%s", t->requires);
				for (char *sv, *f = strtok_r(buf, ",", &sv); f; f = strtok_r(NULL, ",", &sv)) {
					const field_def *fd = entity_field(e, f);
					json_object_set_new(props, f, fd ? field_schema(fd) : json_object());
					json_array_append_new(req, json_string(f));
				}
			}
			json_object_set_new(o, "requestBody",
					    json_pack("{s:b, s:{s:{s:{s:s, s:o, s:o}}}}", "required", 0, "content",
						      "application/json", "schema", "type", "object", "properties",
						      props, "required", req));
			snprintf(p, sizeof p, "%s/transitions/%s", rec, t->name);
			add_op(paths, p, "POST", o);
		}
	}
	for (int i = 0; i < e->nactions; i++) {
		const entity_action *a = &e->actions[i];
		r = json_object();
		json_object_set_new(r, "200", any_answer("the action's answer"));
		if (strcmp(a->method, "GET"))
			json_object_set_new(r, "201", any_answer("created"));
		add_errors(r, 1); /* even a GET action may answer 409 (e.g. a document its case cannot have yet) */
		char sum[200];
		snprintf(sum, sizeof sum, "action %s", a->name);
		o = op(sum, tag, r);
		if (a->on_record)
			json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
		if (strcmp(a->method, "GET"))
			json_object_set_new(o, "requestBody",
					    json_pack("{s:b, s:{s:{s:{s:s}}}}", "required", 0, "content",
						      "application/json", "schema", "type", "object"));
		snprintf(p, sizeof p, "%s/actions/%s", a->on_record ? rec : base, a->name);
		add_op(paths, p, a->method, o);
	}
}

/* The platform's own routes (session, tokens, meta, audit, jobs, calendar). */
static void platform_paths(json_t *paths)
{
	json_t *obj = json_pack("{s:s}", "type", "object");
	struct {
		const char *method, *path, *summary;
		int writes, status;
	} fixed[] = {
		{"POST", "/api/v1/session", "sign in {username, password}: cookie + {token, csrf, user}", 1, 201},
		{"GET", "/api/v1/session", "the signed-in user", 0, 200},
		{"DELETE", "/api/v1/session", "sign out", 0, 200},
		{"POST", "/api/v1/session/password", "change own password {old, new}", 1, 200},
		{"GET", "/api/v1/sessions", "own sessions", 0, 200},
		{"DELETE", "/api/v1/sessions/{id}", "revoke one of own sessions", 1, 200},
		{"POST", "/api/v1/tokens", "create an API token {name, perms, days}", 1, 201},
		{"GET", "/api/v1/meta", "entities, fields, dictionaries and menu as this user may see them", 0, 200},
		{"GET", "/api/v1/openapi.json", "this document", 0, 200},
		{"GET", "/api/v1/dashboard", "dashboard: {todo, widgets for this user's role, place}", 0, 200},
		{"GET", "/api/v1/todo", "my to-do: records awaiting a step I may take, oldest deadline first", 0, 200},
		{"GET", "/api/v1/notifications", "my notifications (?unread=true, ?limit=): {items, unread}", 0, 200},
		{"POST", "/api/v1/notifications/read", "mark all my notifications read", 1, 200},
		{"POST", "/api/v1/notifications/{id}/read", "mark one of my notifications read", 1, 200},
		{"GET", "/api/v1/audit_log", "audit records (audit administrator)", 0, 200},
		{"GET", "/api/v1/permissions",
		 "every permission with its object and action in words (role administrators)", 0, 200},
		{"GET", "/api/v1/jobs", "own jobs (imports)", 0, 200},
		{"GET", "/api/v1/jobs/{id}", "one job with progress and report", 0, 200},
		{"POST", "/api/v1/files",
		 "store a file (raw body; Content-Type, X-File-Name): {sha256, name, size, mime}, hashed and typed by the server",
		 1, 201},
		{"GET", "/api/v1/calendar/workdays", "working-day arithmetic: add=DATE&n=N or from=DATE&to=DATE", 0,
		 200},
		{"POST", "/api/v1/users/{id}/password",
		 "administrator's password reset: a one-time password shown once (202: awaits a second administrator)",
		 1, 200},
		{"POST", "/api/v1/users/{id}/password/approve",
		 "a second administrator approves a pending reset of an administrator's account", 1, 200},
	};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
		json_t *r = json_object();
		char st[8];
		snprintf(st, sizeof st, "%d", fixed[i].status);
		json_object_set_new(r, st, json_ok(json_incref(obj), "ok"));
		if (strstr(fixed[i].path, "/users/{id}/password")) {
			json_object_set_new(r, "201",
					    json_ok(json_incref(obj), "a one-time password, shown this once"));
			json_object_set_new(r, "202",
					    json_ok(json_incref(obj), "accepted: waits for a second administrator"));
		}
		add_errors(r, fixed[i].writes);
		if (!strcmp(fixed[i].path, "/api/v1/files"))
			json_object_set_new(
				r, "415",
				problem_response(
					"a type the store does not accept, or one the content does not bear out"));
		json_t *o = op(fixed[i].summary, "platform", r);
		if (strstr(fixed[i].path, "{id}"))
			json_object_set_new(o, "parameters", json_pack("[o]", id_param()));
		if (!strcmp(fixed[i].path, "/api/v1/session") && !strcmp(fixed[i].method, "POST"))
			json_object_set_new(o, "security", json_array());
		add_op(paths, fixed[i].path, fixed[i].method, o);
	}
	json_decref(obj);
	for (int i = 0; i < registry_public_count(); i++) {
		const public_endpoint *pe = registry_public_at(i);
		json_t *r = json_object();
		json_object_set_new(r, "200", any_answer("the public answer"));
		if (strcmp(pe->method, "GET"))
			json_object_set_new(r, "201", any_answer("accepted"));
		add_errors(r, strcmp(pe->method, "GET") != 0);
		/* a public search names a bad filter too (GET /public/notices?kind=) */
		json_object_set_new(r, "422", problem_response("invalid field values; errors[] names each field"));
		json_t *o = op("public (no sign-in)", "public", r);
		json_object_set_new(o, "security", json_array());
		char p[200];
		snprintf(p, sizeof p, "/api/v1/public/%s", pe->name);
		add_op(paths, p, pe->method, o);
	}
	json_t *r = json_object();
	json_object_set_new(r, "200", json_pack("{s:s, s:{s:{}}}", "description", "ok", "content", "application/json"));
	json_t *o = op("liveness (no sign-in)", "platform", r);
	json_object_set_new(o, "security", json_array());
	add_op(paths, "/healthz", "GET", o);

	/* the audit log as a file (audit.export): the list's filters, newest first */
	r = json_object();
	json_object_set_new(r, "200",
			    json_pack("{s:s, s:{s:{}, s:{}}}", "description",
				      "CSV or XLSX in words: local time, user, address, action, record type and number",
				      "content", "text/csv; charset=utf-8",
				      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	add_errors(r, 0);
	json_object_set_new(r, "422", problem_response("a bad date; errors[] names the parameter"));
	o = op("export the audit log (audit administrator)", "platform", r);
	json_t *aps = json_array();
	json_array_append_new(aps, param("format", "query", 0,
					 json_pack("{s:s, s:[s,s]}", "type", "string", "enum", "csv", "xlsx"), NULL));
	const char *af[] = {"username", "action", "entity", "entity_id", "at.from", "at.to"};
	for (size_t i = 0; i < sizeof af / sizeof *af; i++)
		json_array_append_new(aps, param(af[i], "query", 0, json_pack("{s:s}", "type", "string"), NULL));
	json_object_set_new(o, "parameters", aps);
	add_op(paths, "/api/v1/audit_log/export", "GET", o);
}

static json_t *problem_schema(void)
{
	return json_pack(
		"{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}}}}}, s:[s,s,s]}",
		"type", "object", "properties", "type", "type", "string", "title", "type", "string", "status", "type",
		"integer", "detail", "type", "string", "errors", "type", "array", "items", "type", "object",
		"properties", "field", "type", "string", "message", "type", "string", "code", "type", "string",
		"required", "type", "title", "status");
}

/* The error vocabulary (core/problems.h): Problem.type is one of the
 * stable type URIs and errors[].code one of the field-error codes; the
 * titles and texts of both in zh-CN and en as x-problem-types and
 * x-field-error-codes, so an integrator can key on them. */
static void problem_vocabulary(json_t *problem)
{
	json_t *types = json_array(), *list = json_array(), *codes = json_array(), *clist = json_array();
	for (int i = 0; i < PROB_COUNT_; i++) {
		const problem_def *p = &problem_defs[i];
		json_array_append_new(types, json_string(p->type));
		json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:{s:s, s:s}}", "type", p->type, "slug", p->slug,
						      "status", p->status, "title", "zh", p->zh, "en", p->en));
	}
	for (int i = 0; i < FE_COUNT_; i++) {
		const field_err_def *f = &field_err_defs[i];
		json_array_append_new(codes, json_string(f->code));
		json_array_append_new(clist, json_pack("{s:s, s:{s:s, s:s}}", "code", f->code, "text", "zh", f->zh,
						       "en", f->en));
	}
	json_t *props = json_object_get(problem, "properties");
	json_object_set_new(json_object_get(props, "type"), "enum", types);
	json_t *items = json_object_get(json_object_get(props, "errors"), "items");
	json_object_set_new(json_object_get(json_object_get(items, "properties"), "code"), "enum", codes);
	json_object_set_new(problem, "x-problem-types", list);
	json_object_set_new(problem, "x-field-error-codes", clist);
}

static json_t *build(void)
{
	json_t *paths = json_object(), *schemas = json_object();
	json_t *problem = problem_schema();
	problem_vocabulary(problem);
	json_object_set_new(schemas, "Problem", problem);
	platform_paths(paths);
	for (int i = 0; i < registry_count(); i++)
		entity_paths(paths, schemas, registry_at(i));
	json_t *doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}}, s:[{s:[]}, {s:[]}]}",
		"openapi", "3.1.0", "info", "title", "质监 Zhijian API", "version", "1", "description",
		"Generated from the entity, workflow and endpoint declarations. Errors are RFC 9457 problem+json. Writes "
		"with the session cookie need X-CSRF-Token; updates need If-Match.",
		"servers", "url", "/", "paths", paths, "components", "schemas", schemas, "securitySchemes", "cookie",
		"type", "apiKey", "in", "cookie", "name", "zj_session", "bearer", "type", "http", "scheme", "bearer",
		"security", "cookie", "bearer");
	return doc;
}

static char *doc_text;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void make_doc(void)
{
	json_t *d = build();
	doc_text = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(d);
}

const char *openapi_text(void)
{
	pthread_once(&once, make_doc);
	return doc_text;
}
