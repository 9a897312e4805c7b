/* util.c — small helpers of the enforcement area: reading row values,
 * child-record checks and data scope, HTML escaping, yuan formatting and
 * refusals that cite the rule they apply. */
#include "core/audit.h"
#include "modules/cases/cases.h"
#include "lib/num.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_str(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

int64_t cs_int(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

int cs_bool(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

int cs_date(const json_t *row, const char *k, date_days *d)
{
	const char *s = cs_str(row, k);
	return s && date_parse(s, d) == DATE_OK;
}

const char *cs_query(const void *kvlist, const char *k)
{
	const kv_list *q = kvlist;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v;
	return NULL;
}

char *cs_joined(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	if (json_is_string(v))
		return strdup(json_string_value(v));
	strbuf b;
	sb_init(&b);
	size_t i;
	json_t *it;
	json_array_foreach (v, i, it) {
		if (i)
			sb_addc(&b, ',');
		sb_add(&b, json_string_value(it) ? json_string_value(it) : "");
	}
	return sb_take(&b);
}

void cs_child_check(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t cid = cs_int(row, "case_id");
	if (cid <= 0)
		return; /* the required-field check reports it */
	if (old && cs_int(old, "case_id") != cid) {
		crud_field_error(c, errors, "case_id", FE_CHECK, "不能把记录移到另一案件",
				 "cannot be moved to another case");
		return;
	}
	json_t *cs = crud_load(c, &cs_ent_cases, cid);
	if (!cs) {
		crud_field_error(c, errors, "case_id", FE_REF, "案件不存在", "no such case");
		return;
	}
	if (c->user && !crud_in_scope(c, &cs_ent_cases, "read", cid))
		crud_field_error(c, errors, "case_id", FE_SCOPE, "该案件不在您的数据范围内",
				 "the case is outside your data scope");
	else if (cs_case_is_final(cs_str(cs, "state")))
		crud_field_error(c, errors, "case_id", FE_CLOSED, "案件已办结或已移送，卷宗不能再改动",
				 "the case is closed or transferred; its dossier cannot change");
	json_decref(cs);
}

void cs_child_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	int64_t j = crud_row_juris(c->db, &cs_ent_cases, cs_int(row, "case_id"));
	if (j > 0)
		json_object_set_new(row, "jurisdiction_id", json_integer(j));
}

void cs_assigned_child(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.case_id IN (SELECT r.case_id FROM case_referrals r WHERE r.unit_id = ? AND r.deleted = 0)");
	json_array_append_new(params, json_integer(c->user ? c->user->unit_id : 0));
}

void cs_assigned_case(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.id IN (SELECT r.case_id FROM case_referrals r WHERE r.unit_id = ? AND r.deleted = 0)");
	json_array_append_new(params, json_integer(c->user ? c->user->unit_id : 0));
}

void cs_yuan(int64_t fen, char *buf, size_t n)
{
	num_yuan(fen, buf, n);
}

int cs_refuse(zj_ctx *c, const char *basis, const char *zh, const char *en)
{
	ctx_problemf(c, PROB_RULE_OF_PROCEDURE, c->en ? "%s (%s)" : "%s（%s）", TR(c, zh, en), basis);
	json_object_set_new(c->problem, "rule", json_string(basis));
	return 409;
}

int cs_refusef(zj_ctx *c, const char *basis, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return cs_refuse(c, basis, msg, msg);
}
