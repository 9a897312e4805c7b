/* grants.c — the support ledger (经费、土地、仪器、人员): what a government
 * (the city, a district, banner or county, a park's committee) grants the
 * bureau or one of its units. One record per grant, of one kind:
 *   funds       an amount in fen (经费);
 *   land        an area with its unit (亩, 公顷 or 平方米), and its value in
 *               fen where the grant states one (划拨土地);
 *   floor       floor space in 平方米 (办公用房);
 *   instrument  instruments and their value in fen (仪器设备);
 *   staff       posts seconded (抽调人员): how many, from where, from when to
 *               when, and who pays them.
 * The report (report.c) sums the values in fen; areas and posts are counted
 * beside them, never turned into money. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"
#include "lib/decimal.h"

#include <stdlib.h>
#include <string.h>

/* ---- row helpers ---- */

const char *lg_str(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

int64_t lg_int(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	if (json_is_true(v))
		return 1;
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

const char *lg_query(const void *kvlist, const char *k)
{
	const kv_list *q = kvlist;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v;
	return NULL;
}

int lg_query_year(zj_ctx *c, const void *kvlist, int *year)
{
	const char *ys = lg_query(kvlist, "year");
	char *end = NULL;
	long y = ys ? strtol(ys, &end, 10) : strtol(c->today, NULL, 10);
	if (ys && (!*ys || *end || y < 1990 || y > 2100)) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "year", FE_QUERY, "年度应为 1990～2100 之间的整数",
				 "the year must be a whole number from 1990 to 2100");
		ctx_fail_fields(c, errs);
		return -1;
	}
	*year = (int)y;
	return 0;
}

void lg_yuan(int64_t fen, char *buf, size_t n)
{
	dec d;
	if (dec_from_int(&d, fen, 2) != DEC_OK || dec_format(&d, buf, n) != DEC_OK)
		snprintf(buf, n, "?");
}

/* ---- the grant ---- */

static void grant_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	(void)c, (void)old;
	const char *on = lg_str(row, "granted_on");
	if (!json_is_integer(json_object_get(row, "budget_year")) && on && strlen(on) >= 4)
		json_object_set_new(row, "budget_year", json_integer(strtol(on, NULL, 10)));
}

static int has(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	return v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v));
}

static void need(zj_ctx *c, const json_t *row, json_t *errors, const char *k, const char *zh, const char *en)
{
	if (!has(row, k))
		crud_field_error(c, errors, k, FE_REQUIRED, zh, en);
}

static void grant_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	(void)old;
	const char *kind = lg_str(row, "kind");
	if (!kind)
		return;
	if (!strcmp(kind, "funds"))
		need(c, row, errors, "amount_fen", "拨付经费须填写金额（分）",
		     "a grant of funds needs its amount (fen)");
	if (!strcmp(kind, "instrument")) {
		need(c, row, errors, "amount_fen", "仪器设备须填写价值（分）", "instruments need their value (fen)");
		need(c, row, errors, "item", "仪器设备须填写名称", "instruments need a description");
	}
	if (!strcmp(kind, "land") || !strcmp(kind, "floor"))
		need(c, row, errors, "area", "土地、用房须填写面积", "land and floor space need their area");
	/* an area means nothing without its unit: 20 亩 is not 20 平方米 */
	if (has(row, "area") && !has(row, "area_unit"))
		crud_field_error(c, errors, "area_unit", FE_REQUIRED, "填写面积时须选择计量单位（亩、公顷或平方米）",
				 "an area needs its unit (mu, hectares or square metres)");
	const char *unit = lg_str(row, "area_unit");
	if (!strcmp(kind, "floor") && unit && strcmp(unit, "sqm"))
		crud_field_error(c, errors, "area_unit", FE_UNIT, "办公用房面积以平方米计",
				 "floor space is measured in square metres");
	dec a;
	const char *area = lg_str(row, "area");
	if (area && dec_parse(&a, area) == DEC_OK && dec_sign(&a) <= 0)
		crud_field_error(c, errors, "area", FE_RANGE, "面积应大于零", "the area must be above zero");
	if (!strcmp(kind, "staff")) {
		need(c, row, errors, "staff_count", "抽调人员须填写人数", "seconded staff need their number");
		need(c, row, errors, "staff_paid_by", "抽调人员须写明经费来源", "seconded staff need who pays them");
	} else if (has(row, "staff_count"))
		crud_field_error(c, errors, "staff_count", FE_CHECK, "人数仅适用于抽调人员",
				 "a number of posts applies to seconded staff only");
	const char *from = lg_str(row, "staff_from"), *to = lg_str(row, "staff_to");
	if (from && to && strcmp(to, from) < 0)
		crud_field_error(c, errors, "staff_to", FE_ORDER, "借调截止日期不能早于起始日期",
				 "the secondment cannot end before it starts");
	if (has(row, "food_budget_id") && strcmp(kind, "funds"))
		crud_field_error(c, errors, "food_budget_id", FE_CHECK, "只有经费可关联抽检预算",
				 "only funds can be linked to a sampling budget");
	const char *on = lg_str(row, "granted_on");
	int64_t year = lg_int(row, "budget_year");
	if (on && year && (year < strtol(on, NULL, 10) - 1 || year > strtol(on, NULL, 10) + 1))
		crud_field_error(c, errors, "budget_year", FE_CHECK, "预算年度与拨付日期相差超过一年",
				 "the budget year is more than a year from the date granted");
}

static const entity_hooks grant_hooks = {.prepare = grant_prepare, .validate = grant_validate};

/* clang-format off */
static const field_def grant_fields[] = {
	{"granted_on", FT_DATE, "拨付日期", "Granted on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"budget_year", FT_INT, "预算年度", "Budget year", F_FILLED | F_LIST | F_FILTER | F_SORT, .min = 1990, .max = 2100,
	 .help_zh = "默认为拨付日期所在年度", .help_en = "the year of the date granted unless given"},
	{"level", FT_DICT, "拨付政府层级", "Granting level", F_REQUIRED | F_LIST | F_FILTER, .dict = "ledger_level"},
	{"grantor", FT_TEXT, "拨付单位", "Granted by", F_REQUIRED | F_LIST | F_SEARCH, 2, 100,
	 .help_zh = "如：包头市人民政府、青山区人民政府、稀土高新区管委会", .help_en = "e.g. the city government, a district government, a park committee"},
	{"grantor_juris_id", FT_REF, "拨付政府所在区划", "Grantor's jurisdiction", F_FILTER, .ref = "jurisdictions"},
	{"recipient_id", FT_REF, "受援单位", "Recipient", F_REQUIRED | F_LIST | F_FILTER, .ref = "units"},
	{"kind", FT_DICT, "支持类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "ledger_kind"},
	{"purpose", FT_DICT, "用途", "Purpose", F_REQUIRED | F_LIST | F_FILTER, .dict = "ledger_purpose"},
	{"amount_fen", FT_MONEY, "金额或价值", "Amount or value", F_LIST, .min = 0, .max = 100000000000000LL,
	 .help_zh = "经费金额；仪器设备、土地、用房为其价值（如有）", .help_en = "the funds; the value of instruments, land or floor space where stated"},
	{"area", FT_DECIMAL, "面积", "Area", F_LIST, 0, 20, .help_zh = "土地或用房面积，须同时选择计量单位",
	 .help_en = "of land or floor space, with its unit"},
	{"area_unit", FT_DICT, "面积单位", "Area unit", 0, .dict = "ledger_area_unit"},
	{"item", FT_TEXT, "仪器设备名称", "Instruments", F_SEARCH, 0, 200},
	{"staff_count", FT_INT, "抽调人数", "Posts seconded", 0, .min = 1, .max = 1000, .unit = "人"},
	{"staff_source", FT_TEXT, "人员来源", "Seconded from", 0, 0, 200,
	 .help_zh = "如：当地考录的事业编制人员", .help_en = "e.g. the local public-service establishment"},
	{"staff_from", FT_DATE, "借调起始日期", "Seconded from (date)", 0},
	{"staff_to", FT_DATE, "借调截止日期", "Seconded until", 0},
	{"staff_paid_by", FT_TEXT, "人员经费承担", "Paid by", 0, 0, 100},
	{"doc_ref", FT_TEXT, "文件文号", "Document reference", F_SEARCH, 0, 100},
	{"project", FT_TEXT, "项目", "Project", F_SEARCH, 0, 200},
	{"food_budget_id", FT_REF, "对应抽检预算", "Sampling budget", F_FILTER, .ref = "food_budgets",
	 .help_zh = "检验经费由哪项食品抽检预算使用（用于经费执行进度）", .help_en = "the food sampling budget that spends this testing grant (burn-down)"},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 1000},
};
/* clang-format on */

static const entity_action grant_actions[] = {
	{"report", "GET", "ledger_grants.read", 0, lg_grants_report, .read_only = 1},
	{"burn", "GET", "ledger_grants.read", 1, lg_grants_burn},
};

const entity_def lg_ent_grants = {
	.name = "ledger_grants",
	.table = "ledger_grants",
	.label_zh = "支持台账",
	.label_en = "Support ledger",
	.menu = "ledger",
	.fields = grant_fields,
	.nfields = ZJ_COUNT(grant_fields),
	.label_field = "grantor",
	.default_sort = "-granted_on",
	.hooks = &grant_hooks,
	.actions = grant_actions,
	.nactions = ZJ_COUNT(grant_actions),
	.first_columns = "granted_on,level,grantor,kind,amount_fen,recipient_id",
};
