/* portal.c — what the public portal (/portal/, no sign-in) shows besides the
 * areas' own pages: the notices (公告, 消费提示) and the bureau's identity.
 *   notices   an entity written by the business areas' officers and made
 *             public by a step (draft → published → withdrawn; a published
 *             notice is not edited, it is withdrawn with a reason)
 *   GET /api/v1/public/notices[?kind=]  the published notices, with what each
 *             area publishes on its own (module_def.public_notices: the food
 *             area's sampling announcements), newest first
 *   GET /api/v1/public/site  the bureau's and the city's names (the footer)
 * 政府信息公开条例 Art. 19–20: information to be made public on the
 * government's own initiative; 食品安全法 Art. 118: food-safety information. */
#include "core/crud.h"
#include "core/workflow.h"
#include "core/write.h"
#include "modules/modules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int publish_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return crud_set1(c, e, id, "publish", "published_on", json_string(c->today)) == DB_OK ? 0 : -1;
}

/* Published words are changed only by withdrawing them (the public saw
 * them); the steps still set their own fields (published_on, the reason). */
static void notice_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	static const char *const fixed[] = {"kind", "title", "body", "issuer", "area", "jurisdiction_id"};
	const char *st = old ? str(old, "state") : NULL;
	if (!st || !strcmp(st, "draft"))
		return;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		json_t *a = json_object_get(row, fixed[i]), *b = json_object_get(old, fixed[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			crud_field_error(c, errors, fixed[i], FE_CLOSED, "已发布的公告不能修改，请撤回后重新发布",
					 "a published notice cannot change: withdraw it and publish anew");
	}
}

static const wf_state notice_states[] = {
	{"draft", "草稿", "Draft"},
	{"published", "已发布", "Published"},
	{"withdrawn", "已撤回", "Withdrawn", 1},
};
static const wf_transition notice_transitions[] = {
	{"publish", "发布", "Publish", "draft", "published", .on_enter = publish_enter},
	{"withdraw", "撤回", "Withdraw", "published", "withdrawn", .requires = "withdraw_reason"},
};
static const workflow_def notice_wf = {"draft", notice_states, ZJ_COUNT(notice_states), notice_transitions,
				       ZJ_COUNT(notice_transitions)};

static const field_def notice_fields[] = {
	{"kind", FT_DICT, "类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "notice_kind"},
	{"title", FT_TEXT, "标题", "Title", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"body", FT_TEXT, "正文", "Text", F_REQUIRED, 2, 20000},
	{"issuer", FT_TEXT, "发布机关", "Issued by", F_LIST, 0, 100},
	{"area", FT_DICT, "业务领域", "Area", F_LIST | F_FILTER, .dict = "notice_area"},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"published_on", FT_DATE, "发布日期", "Published on", F_READONLY | F_LIST | F_FILTER},
	{"withdraw_reason", FT_TEXT, "撤回原因", "Reason for withdrawal", F_READONLY, 0, 500},
};
static const entity_hooks notice_hooks = {.validate = notice_validate};

const entity_def ent_notices = {
	.name = "notices",
	.table = "notices",
	.label_zh = "公告与消费提示",
	.label_en = "Notices",
	.menu = "portal",
	.fields = notice_fields,
	.nfields = ZJ_COUNT(notice_fields),
	.label_field = "title",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &notice_wf,
	.first_columns = "title,kind,state,published_on,jurisdiction_id",
	.hooks = &notice_hooks,
	.no_delete = 1,
};

/* ---- public endpoints ---- */

static const char *qget(const void *query, const char *name)
{
	const kv_list *q = query;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, name))
			return q->items[i].v ? q->items[i].v : "";
	return NULL;
}

static json_t *col_or_null(db_stmt *s, int i)
{
	return db_col_text(s, i) ? json_string(db_col_text(s, i)) : json_null();
}

static int newest_first(const void *a, const void *b)
{
	const char *x = str(*(json_t *const *)a, "published_on"), *y = str(*(json_t *const *)b, "published_on");
	return strcmp(y ? y : "", x ? x : "");
}

enum { NOTICES_MAX = 100 };

static int public_notices(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	const char *kind = qget(query, "kind");
	if (kind && strcmp(kind, "announcement") && strcmp(kind, "consumer_tip")) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "kind", FE_DICT, "应为 announcement（公告）或 consumer_tip（消费提示）",
				 "must be announcement or consumer_tip");
		return ctx_fail_fields(c, errs);
	}
	json_t *items = json_array();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id, kind, title, body, issuer, area, published_on FROM notices WHERE state = 'published'"
		       " AND deleted = 0 AND (? = '' OR kind = ?) ORDER BY published_on DESC, id DESC LIMIT 100",
		       &s) == DB_OK) {
		db_bind_text(s, 1, kind ? kind : ""), db_bind_text(s, 2, kind ? kind : "");
		while (db_step(s) == DB_ROW)
			json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
							       (json_int_t)db_col_int(s, 0), "kind", col_or_null(s, 1),
							       "title", col_or_null(s, 2), "body", col_or_null(s, 3),
							       "issuer", col_or_null(s, 4), "area", col_or_null(s, 5),
							       "published_on", col_or_null(s, 6)));
		db_finalize(s);
	}
	/* what the areas publish on their own (announcements of sampling results ...) */
	for (int m = 0; zj_modules[m]; m++) {
		json_t *more = zj_modules[m]->public_notices ? zj_modules[m]->public_notices(c) : NULL;
		size_t i;
		json_t *it;
		json_array_foreach (more, i, it)
			if (!kind || !strcmp(str(it, "kind") ? str(it, "kind") : "", kind))
				json_array_append(items, it);
		json_decref(more);
	}
	size_t n = json_array_size(items);
	json_t **v = calloc(n ? n : 1, sizeof *v);
	if (!v) {
		json_decref(items);
		return ctx_internal(c, "notices", "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(items, i);
	qsort(v, n, sizeof *v, newest_first);
	json_t *sorted = json_array();
	for (size_t i = 0; i < n && i < NOTICES_MAX; i++)
		json_array_append(sorted, v[i]);
	free(v);
	json_decref(items);
	out->json = json_pack("{s:o}", "items", sorted);
	return 200;
}

/* The bureau (the city's top unit) and its city, for the portal's footer. */
static int public_site(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	db_stmt *s;
	out->json = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}, s:s}", "bureau", "zh", "", "en", "", "city", "zh", "", "en",
			      "", "hotline", "12315");
	if (db_prepare(c->db,
		       "SELECT u.name, u.name_en, j.name, j.name_en FROM units u JOIN jurisdictions j"
		       " ON j.id = u.jurisdiction_id WHERE u.kind = 'bureau' AND u.deleted = 0 ORDER BY u.id LIMIT 1",
		       &s) == DB_OK) {
		if (db_step(s) == DB_ROW) {
			json_object_set_new(out->json, "bureau",
					    json_pack("{s:o, s:o}", "zh", col_or_null(s, 0), "en", col_or_null(s, 1)));
			json_object_set_new(out->json, "city",
					    json_pack("{s:o, s:o}", "zh", col_or_null(s, 2), "en", col_or_null(s, 3)));
		}
		db_finalize(s);
	}
	return 200;
}

static const public_endpoint pub_notices = {"notices", "GET", public_notices};
static const public_endpoint pub_site = {"site", "GET", public_site};
static const public_endpoint *const portal_publics[] = {&pub_notices, &pub_site, NULL};

static const entity_def *const portal_entities[] = {&ent_notices, NULL};

static const menu_group portal_menus[] = {
	{"portal", "公众服务", "Public service", "Promotion", 80},
	{NULL},
};

static const dict_seed portal_dicts[] = {
	{"notice_kind", "announcement", "公告", "Announcement"},
	{"notice_kind", "consumer_tip", "消费提示", "Consumer tip"},
	{"notice_area", "food", "食品抽检", "Food sampling"},
	{"notice_area", "cases", "执法办案", "Enforcement"},
	{"notice_area", "complaints", "投诉举报", "Complaints"},
	{"notice_area", "general", "综合", "General"},
	{NULL},
};

#define NOTICE_GRANTS(scope) \
	"notices.read:" scope " notices.create:" scope " notices.update:" scope " notices.t.publish:" scope \
	" notices.t.withdraw:" scope
static const role_grant_seed portal_grants[] = {
	{"director", NOTICE_GRANTS("all")},
	{"food_supervisor", NOTICE_GRANTS("juris")},
	{"service_desk", NOTICE_GRANTS("juris")},
	{NULL},
};

const module_def mod_portal = {
	.name = "portal",
	.menus = portal_menus,
	.entities = portal_entities,
	.grants = portal_grants,
	.dicts = portal_dicts,
	.publics = portal_publics,
};
