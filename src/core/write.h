/* write.h — the writes a module asks of the core inside a step it is
 * already taking (a workflow hook, an action's transaction): set fields of a
 * record, add a record, replace a record's links. Each one bumps the
 * version, stamps updated_at/by and appends its audit record (masked by
 * core/privacy.h) in the caller's transaction, so that every write leaves
 * its trace (DESIGN.md §6) and shows in the record's history. Modules issue
 * no INSERT, UPDATE or DELETE of their own (scripts/check-module-writes.sh). */
#ifndef ZJ_WRITE_H
#define ZJ_WRITE_H

#include "core/ctx.h"
#include "core/entity.h"

/* Sets the declared fields of record id of e (not `state`: a step changes
 * it) under audit action `action`: the audit record holds {"field":[old,new]}
 * for every field that changed. Inside the caller's transaction. DB_OK, or
 * DB_ERR for an undeclared field or an absent record. */
int crud_set_fields(zj_ctx *c, const entity_def *e, int64_t id, const json_t *fields, const char *action);
/* The same when the caller holds the row as it stands (saves a read). */
int crud_set_fields_old(zj_ctx *c, const entity_def *e, int64_t id, const json_t *old, const json_t *fields,
			const char *action);
/* One field; the value is stolen (NULL → null). */
int crud_set1(zj_ctx *c, const entity_def *e, int64_t id, const char *action, const char *field, json_t *value);

/* Inserts a validated row of e and audits it as "create", in the caller's
 * transaction. The entity's hooks do not run: the caller computed the row
 * (a disposal's dates from the day the result was received, not today). */
int crud_add(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id);
/* The same, as if a person had created it: e's prepare hook fills the
 * derived fields first and its after_write hook runs after (a case's
 * classification and its clocks), for a record one area makes in another's
 * (a draft case from the equipment scan, a case from a report).
 * DB_OK, DB_ERR, or CTX_REFUSED when a hook refused (problem set). */
int crud_add_as_created(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id);

/* Inserts one row of a table that is not a declared entity (a frozen
 * document, a link) from {"column": value}; column names must be plain
 * identifiers. The caller's transaction; the caller audits the step it is
 * part of. *id gets the new id when the table has one (id may be NULL). */
int crud_insert_plain(zj_ctx *c, const char *table, const json_t *cols, int64_t *id);
/* Content-addressed rows of a plain table (a derived text stored once and
 * referenced by id, e.g. the forms of the food verdict traces): *id gets the
 * id of the row whose key_col (a unique column) equals cols[key_col],
 * inserted from cols when there is none. A concurrent insert of the same key
 * is not an error (ON CONFLICT DO NOTHING). The caller's transaction; rows
 * are never changed, so they need no audit of their own. */
int crud_intern_plain(zj_ctx *c, const char *table, const char *key_col, const json_t *cols, int64_t *id);

/* Replaces the link rows (owner_col = owner) of link table `table` with one
 * per code in codes, target_col being the id of the live row of
 * target_table whose `code` it is (e.g. user_roles from a user's role codes). */
int crud_replace_links(db *d, const char *table, const char *owner_col, int64_t owner, const char *target_col,
		       const char *target_table, const json_t *codes);

/* Whether an audit payload is a change list {"field":[old,new], ...}. */
int crud_is_change_list(const json_t *after);

#endif
