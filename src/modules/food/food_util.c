/* food_util.c — helpers the food area's records share: Beijing dates of UTC
 * instants, the sampling deadlines (DOMAIN.md §11.3) read from the editable
 * food_deadline_rules table and counted on the one working-day calendar
 * (core/calendar.h), deadline rows started from a record's own date (the
 * core's transitions start them "today"), state changes of related records
 * inside an open transaction, and the cached reference set. */
#include "core/privacy.h"
#include "modules/food/food.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int food_local_date(const char *instant, char out[11])
{
	date_days d;
	char day[11];
	if (!instant || strlen(instant) < 19)
		return -1;
	memcpy(day, instant, 10), day[10] = 0;
	if (date_parse(day, &d) != DATE_OK)
		return -1;
	int hour = (instant[11] - '0') * 10 + (instant[12] - '0');
	if (hour < 0 || hour > 23)
		return -1;
	if (hour + 8 >= 24 && date_add_days(d, 1, &d) != DATE_OK)
		return -1;
	date_format(d, out);
	return 0;
}

static deadline_unit unit_of(const char *u)
{
	if (u && !strcmp(u, "days"))
		return DL_CALENDAR_DAYS;
	if (u && !strcmp(u, "days_roll"))
		return DL_DAYS_ROLL;
	if (u && !strcmp(u, "months"))
		return DL_MONTHS;
	return DL_WORKING_DAYS;
}

int food_rule(db *d, const char *code, int *n, deadline_unit *unit)
{
	db_stmt *s;
	int found = 0;
	if (d) {
		int rc = db_prepare(d, "SELECT n, unit FROM food_deadline_rules WHERE code = ? AND deleted = 0", &s);
		if (rc == DB_OK) {
			db_bind_text(s, 1, code);
			rc = db_step(s);
			if (rc == DB_ROW) {
				*n = (int)db_col_int(s, 0);
				*unit = unit_of(db_col_text(s, 1));
				found = 1;
			}
			db_finalize(s);
		}
		if (rc != DB_ROW && rc != DB_DONE)
			return -1; /* not the shipped default: the editable rule could not be read */
	}
	for (int i = 0; !found && i < food_ndeadline_seeds; i++)
		if (!strcmp(food_deadline_seeds[i].code, code)) {
			*n = food_deadline_seeds[i].n;
			*unit = unit_of(food_deadline_seeds[i].unit);
			found = 1;
		}
	return found ? 0 : -1;
}

int food_rule_due(db *d, const char *code, const char *start, char due[11], int *uncovered)
{
	int n;
	deadline_unit u;
	int unc = 0;
	if (food_rule(d, code, &n, &u) != 0 || calendar_due(d, start, n, u, due, &unc) != 0)
		return -1;
	if (uncovered)
		*uncovered = unc;
	return 0;
}

int food_open_deadline(zj_ctx *c, const char *entity, int64_t id, const char *kind, const char *state, const char *rule,
		       const char *start, char due_out[11])
{
	int n;
	deadline_unit u;
	if (food_rule(c->db, rule, &n, &u) != 0)
		return DB_ERR;
	return workflow_open_deadline(c, entity, id, kind, state, start, n, u, due_out);
}

int food_close_deadlines(zj_ctx *c, const char *entity, int64_t id, const char *kind)
{
	return workflow_close_deadlines(c, entity, id, kind);
}

int food_force_state(zj_ctx *c, const entity_def *e, int64_t id, const char *to, const char *transition,
		     const char *note)
{
	(void)to; /* the transition's own target */
	json_t *fields = NULL;
	if (e == &ent_disposals)
		fields = json_pack("{s:s}", "cancel_reason", note ? note : "");
	int rc = workflow_apply(c, e, id, transition, fields, note);
	json_decref(fields);
	return rc == 0 ? DB_OK : DB_ERR;
}

int64_t food_id_of(const json_t *row, const char *field)
{
	json_t *v = json_object_get(row, field);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

const char *food_str(const json_t *row, const char *field)
{
	return json_string_value(json_object_get(row, field));
}

void food_copy(char *dst, size_t n, const char *src)
{
	if (!n)
		return;
	size_t len = strlen(src);
	if (len >= n) {
		len = n - 1;
		while (len && ((unsigned char)src[len] & 0xC0) == 0x80) /* not inside a character */
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = 0;
}

int64_t food_query_int(db *d, const char *sql, int64_t a, int64_t dflt)
{
	return db_query_int_ids(d, sql, 1, &a, dflt);
}

/* ---- cached reference set ---- */

static _Thread_local food_refset *cached;
static _Thread_local db *cached_db;
static _Thread_local char cached_key[160];

/* Changes to any reference row change its table's count, max id or version
 * sum. -1 when a query failed (the set is then not used). */
static int refset_key(db *d, char *key, size_t n)
{
	static const char *const tables[] = {"food_categories", "food_analytes", "food_limits"};
	size_t w = 0;
	key[0] = 0;
	for (size_t i = 0; i < 3; i++) {
		char sql[160];
		snprintf(sql, sizeof sql,
			 "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(version + deleted), 0) FROM %s",
			 tables[i]);
		db_stmt *s;
		long long a = -1, b = -1, cc = -1;
		if (db_prepare(d, sql, &s) != DB_OK)
			return -1;
		int rc = db_step(s);
		if (rc == DB_ROW)
			a = db_col_int(s, 0), b = db_col_int(s, 1), cc = db_col_int(s, 2);
		db_finalize(s);
		if (rc != DB_ROW)
			return -1;
		w += (size_t)snprintf(key + w, n > w ? n - w : 0, "%lld:%lld:%lld;", a, b, cc);
	}
	return 0;
}

static _Thread_local unsigned long cached_tx;

const food_refset *food_refset_current(db *d)
{
	/* Inside one write transaction (an import judging thousands of rows) the
	 * reference tables cannot change under us: check them once per transaction. */
	if (cached && cached_db == d && d->in_tx && cached_tx == d->tx_seq)
		return cached;
	char key[160];
	if (refset_key(d, key, sizeof key) != 0)
		return NULL;
	cached_tx = d->in_tx ? d->tx_seq : 0;
	if (cached && cached_db == d && !strcmp(key, cached_key))
		return cached;
	food_refset *rs = food_refset_load(d);
	if (!rs)
		return NULL;
	food_refset_free(cached);
	cached = rs, cached_db = d;
	snprintf(cached_key, sizeof cached_key, "%s", key);
	return cached;
}
