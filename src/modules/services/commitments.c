/* commitments.c — the bureau's published service measures (服务承诺): each
 * measure (for steady growth, for small and micro enterprises, for parks)
 * with the time limit it promises in working days where it promises one
 * and the kind of service request it governs. A measure is drafted,
 * published — then the portal lists it and a new request of its kind takes
 * its time limit — and withdrawn with a reason; a published measure is not
 * edited (the public saw it). 政府信息公开条例第二十条: information to be
 * made public on the government's own initiative. */
#include "core/dict.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdlib.h>
#include <string.h>

static int publish_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return crud_set1(c, e, id, "publish", "published_on", json_string(c->today)) == DB_OK ? 0 : -1;
}

static void cm_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	static const char *const fixed[] = {"code", "title", "measure", "content", "time_limit_days", "request_kind"};
	const char *st = old ? svc_str(old, "state") : NULL;
	if (!st || !strcmp(st, "draft"))
		return;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		json_t *a = json_object_get(row, fixed[i]), *b = json_object_get(old, fixed[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			crud_field_error(c, errors, fixed[i], FE_CLOSED, "已公开的承诺不能修改，请撤回后重新发布",
					 "a published commitment cannot change: withdraw it and publish anew");
	}
}

static const entity_hooks cm_hooks = {.validate = cm_validate};

static const wf_state cm_states[] = {
	{"draft", "草稿", "Draft"},
	{"published", "已公开", "Published"},
	{"withdrawn", "已撤回", "Withdrawn", 1},
};
static const wf_transition cm_steps[] = {
	{"publish", "公开承诺", "Publish", "draft", "published", .on_enter = publish_enter},
	{"withdraw", "撤回", "Withdraw", "published", "withdrawn", .requires = "withdraw_reason", .aside = 1},
};
static const workflow_def cm_workflow = {"draft", cm_states, ZJ_COUNT(cm_states), cm_steps, ZJ_COUNT(cm_steps)};

/* clang-format off */
static const field_def cm_fields[] = {
	{"code", FT_TEXT, "承诺编号", "Code", F_REQUIRED | F_UNIQUE | F_SEARCH | F_SORT | F_CODE, 2, 20, 0, 0, "^[A-Z0-9-]{2,20}$"},
	{"title", FT_TEXT, "承诺事项", "Commitment", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"measure", FT_DICT, "服务措施", "Measure", F_REQUIRED | F_LIST | F_FILTER, .dict = "svc_measure"},
	{"content", FT_TEXT, "承诺内容", "What is promised", F_REQUIRED, 2, 4000},
	{"time_limit_days", FT_INT, "承诺时限", "Time limit", F_LIST, 0, 0, 1, 60,
	 .help_zh = "自受理次日起计算的工作日数；不承诺时限的留空", .help_en = "working days from the day after receipt; empty when none is promised",
	 .unit = "个工作日"},
	{"request_kind", FT_DICT, "适用服务类别", "Service kind", F_LIST | F_FILTER, .dict = "svc_kind"},
	{"basis", FT_TEXT, "发布文件", "Published in", 0, 0, 300},
	{"published_on", FT_DATE, "公开日期", "Published on", F_READONLY | F_LIST | F_FILTER},
	{"withdraw_reason", FT_TEXT, "撤回原因", "Reason for withdrawal", F_READONLY, 0, 500},
};
/* clang-format on */

const entity_def svc_ent_commitments = {
	.name = "service_commitments",
	.table = "svc_commitments",
	.label_zh = "服务承诺",
	.label_en = "Service commitments",
	.menu = "services",
	.fields = cm_fields,
	.nfields = ZJ_COUNT(cm_fields),
	.label_field = "title",
	.default_sort = "code",
	.workflow = &cm_workflow,
	.hooks = &cm_hooks,
	.no_delete = 1,
	.first_columns = "title,state,measure,time_limit_days,request_kind,published_on",
};

/* A dictionary label in the caller's language (the portal shows no codes). */
static json_t *label_of(zj_ctx *c, const char *dict, const char *code)
{
	char *l = code ? dict_label(c, dict, code) : NULL;
	json_t *v = l ? json_string(l) : json_null();
	free(l);
	return v;
}

/* GET /api/v1/public/service_commitments: the published measures, by code. */
static int public_commitments(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT code, title, measure, content, time_limit_days, request_kind, basis, published_on"
		       " FROM svc_commitments WHERE state = 'published' AND deleted = 0 ORDER BY code LIMIT 200",
		       &s) != DB_OK)
		return ctx_internal(c, "svc public", db_errmsg(c->db));
	json_t *items = json_array();
	static const char *const keys[] = {"code", "title", "measure", "content"};
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		json_t *o = json_object();
		for (int i = 0; i < 4; i++)
			json_object_set_new(o, keys[i], json_string(db_col_text(s, i) ? db_col_text(s, i) : ""));
		json_object_set_new(o, "time_limit_days",
				    db_col_text(s, 4) ? json_integer(db_col_int(s, 4)) : json_null());
		json_object_set_new(o, "request_kind",
				    db_col_text(s, 5) ? json_string(db_col_text(s, 5)) : json_null());
		json_object_set_new(o, "basis", db_col_text(s, 6) ? json_string(db_col_text(s, 6)) : json_null());
		json_object_set_new(o, "published_on",
				    db_col_text(s, 7) ? json_string(db_col_text(s, 7)) : json_null());
		json_object_set_new(o, "measure_label", label_of(c, "svc_measure", db_col_text(s, 2)));
		json_object_set_new(o, "kind_label", label_of(c, "svc_kind", db_col_text(s, 5)));
		json_array_append_new(items, o);
	}
	db_finalize(s);
	if (rc != DB_DONE)
		return json_decref(items), ctx_internal(c, "svc public", db_errmsg(c->db));
	out->json = json_pack("{s:o, s:s}", "items", items, "hotline", "12345");
	return 200;
}

const public_endpoint svc_public_commitments = {"service_commitments", "GET", public_commitments};
