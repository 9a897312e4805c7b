/* crud.h — the generic operations every declared entity gets: list (keyset
 * pages, filters, search, sort, data scope, masking), get, create, update
 * (version check), soft delete, history; plus the validation and the row
 * codec that import/export and workflows reuse. Every write is one
 * transaction that also appends its audit record. */
#ifndef ZJ_CRUD_H
#define ZJ_CRUD_H

#include "core/ctx.h"
#include "core/entity.h"
#include "lib/strbuf.h"

typedef struct kv {
	const char *k, *v;
} kv;

typedef struct kv_list {
	int n;
	kv *items;
} kv_list;

enum { CRUD_MAX_LIMIT = 500, CRUD_DEFAULT_LIMIT = 50 };

int crud_list(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out);
/* The same list written as JSON text into out (the server's fast path). */
int crud_list_raw(zj_ctx *c, const entity_def *e, const kv_list *q, strbuf *out);
int crud_count(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out);
int crud_get(zj_ctx *c, const entity_def *e, int64_t id, json_t **out);
int crud_create(zj_ctx *c, const entity_def *e, json_t *body, json_t **out);
/* version < 0: none given (428). */
int crud_update(zj_ctx *c, const entity_def *e, int64_t id, int64_t version, json_t *body, json_t **out);
int crud_delete(zj_ctx *c, const entity_def *e, int64_t id, int64_t version);
int crud_history(zj_ctx *c, const entity_def *e, int64_t id, json_t **out);

/* ---- building blocks shared with import/export/workflow ---- */

/* Coerces one incoming value to the field's JSON form. from_text: the value
 * came from a CSV/XLSX cell (strings accepted for numbers, refs by label).
 * Returns NULL and sets code and msg on failure. json null = empty. */
json_t *field_coerce(zj_ctx *c, const entity_def *e, const field_def *f, json_t *v, int from_text, fe_code *code,
		     char *msg, size_t msglen);
/* Validates a full row (after coercion), appending {field,message,code,value} to errors. */
void crud_validate(zj_ctx *c, const entity_def *e, json_t *row, const json_t *old, int64_t self_id, json_t *errors);
/* Appends {field, message (zh or en by the request), code} to errors; code is one of core/problems.h. */
void crud_field_error(zj_ctx *c, json_t *errors, const char *field, fe_code code, const char *zh, const char *en);
/* Parses a body object into a row of declared fields; unknown keys → errors. */
json_t *crud_row_from_body(zj_ctx *c, const entity_def *e, json_t *body, int from_text, json_t *errors);
/* Inserts a validated row (no transaction, no audit). Returns DB_OK and the new id. */
int crud_insert(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id);

/* Loads one row (no scope check) as JSON; NULL when absent or deleted. */
json_t *crud_load(zj_ctx *c, const entity_def *e, int64_t id);
/* The id of the live row of table whose code is code; 0 when none. The one
 * lookup by code (references typed as codes, seeds, modules, the CLI). */
int64_t crud_id_by_code(db *d, const char *table, const char *code);
/* The jurisdiction (e->juris_field) of live row id of e; 0 when none. */
int64_t crud_row_juris(db *d, const entity_def *e, int64_t id);
/* Whether the acting user may act on row id under perm ("read", "update" ...); 1 yes, 0 no/absent. */
int crud_in_scope(zj_ctx *c, const entity_def *e, const char *op, int64_t id);
int crud_in_scope_perm(zj_ctx *c, const entity_def *e, const char *perm, int64_t id);
/* The one access check on a record: 403 without perm, 404 when absent or
 * deleted, 403 outside the scope perm carries. 0 when allowed (problem set otherwise). */
int crud_check_access(zj_ctx *c, const entity_def *e, const char *perm, int64_t id);
/* Appends " AND (<scope>)" to sql with params for the user's scope of perm. */
void crud_scope_sql(zj_ctx *c, const entity_def *e, unsigned scope, strbuf *sql, json_t *params);
/* SELECT list and FROM/JOIN clause for rows of e (alias t). */
void crud_select_sql(const entity_def *e, strbuf *sql);
/* Builds a row JSON from a statement positioned by crud_select_sql; mask personal fields when asked. */
json_t *crud_row_json(const entity_def *e, db_stmt *s, int mask);
void crud_row_write(const entity_def *e, db_stmt *s, int mask, strbuf *out);
/* Filter/search/sort WHERE building for lists and exports. Returns 0 or an HTTP status (problem set). */
typedef struct list_query {
	strbuf where;          /* " AND ..." clauses */
	json_t *params;        /* array of strings/ints/null */
	const field_def *sort; /* NULL = id */
	int desc;
	int limit;
	const char *cursor;
} list_query;
int crud_parse_query(zj_ctx *c, const entity_def *e, const kv_list *q, list_query *lq);
void list_query_free(list_query *lq);
void crud_bind_params(db_stmt *s, json_t *params, int start);
void crud_bind_json(db_stmt *s, int idx, json_t *v);
/* Whether a new/changed row lies inside the user's scope for that operation. */
int crud_row_in_scope(zj_ctx *c, const entity_def *e, unsigned scope, json_t *row);
/* Masks a personal value: keeps a little at each end. */
char *mask_value(const char *v);

#endif
