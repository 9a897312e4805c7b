/* food_entities.c — the reference data as entities (versioned by the core's
 * row version and audit history, editable by an admin, importable and
 * exportable): the food classification tree, analytes, limits with their
 * standard, edition, in-force period and exclusions, test-item templates per
 * category, the sampling deadline rules (DOMAIN.md §11.3, the [U] ones kept
 * editable) and the list of labs (the 复检 list of 食品安全法 Art. 88). */
#include "core/write.h"
#include "modules/food/food.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared checks ---- */

static const field_msg *check_unit(const char *v)
{
	static const field_msg m = {"无法识别的单位（如 mg/kg、μg/kg、g/kg、mg/L）",
				    "unknown unit (e.g. mg/kg, μg/kg, g/kg, mg/L)"};
	food_unit u;
	return food_unit_parse(v, &u) == 0 ? NULL : &m;
}

static const field_msg *check_interval(const char *v)
{
	static const field_msg m = {"修约间隔应为 1、2 或 5 乘以 10 的整数次幂",
				    "must be 1, 2 or 5 times a power of ten"};
	struct gbt_interval iv;
	return gbt_parse_interval(v, &iv, NULL) == 0 ? NULL : &m;
}

/* ---- classification tree ---- */

static void category_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const char *code = food_str(row, "code");
	int64_t parent = food_id_of(row, "parent_id");
	char path[512] = "/";
	if (parent) {
		db_stmt *s;
		int rc = db_prepare(c->db, "SELECT path FROM food_categories WHERE id = ?", &s);
		if (rc == DB_OK) {
			db_bind_int(s, 1, parent);
			rc = db_step(s);
			if (rc == DB_ROW && db_col_text(s, 0))
				snprintf(path, sizeof path, "%s", db_col_text(s, 0));
			db_finalize(s);
		}
		if (rc != DB_ROW && rc != DB_DONE) /* the write answers 500 (crud.c) */
			ctx_internal(c, "category path", db_errmsg(c->db));
	}
	size_t n = strlen(path);
	snprintf(path + n, sizeof path - n, "%s/", code ? code : "?");
	json_object_set_new(row, "path", json_string(path));
}

static void category_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *level = food_str(row, "level"), *code = food_str(row, "code"), *path = food_str(row, "path");
	int64_t parent = food_id_of(row, "parent_id");
	if (level && strcmp(level, "root") && !parent)
		crud_field_error(c, errors, "parent_id", FE_REQUIRED, "食品必须归入一个类别（填写上级类别）",
				 "a food must belong to a category: give its parent");
	/* the new path lists the code once: a second time means a cycle */
	if (code && path) {
		char needle[80];
		snprintf(needle, sizeof needle, "/%s/", code);
		const char *first = strstr(path, needle);
		if (first && strstr(first + 1, needle))
			crud_field_error(c, errors, "parent_id", FE_CHECK, "上级类别不能是自身或其下级",
					 "the parent cannot be the category itself or below it");
	}
}

static int category_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	/* moving a node re-roots the paths below it */
	const char *op = old ? food_str(old, "path") : NULL, *np = food_str(row, "path");
	if (!op || !np || !strcmp(op, np))
		return 0;
	char like[520];
	snprintf(like, sizeof like, "%s%%", op);
	db_stmt *s;
	json_t *below = json_array();
	if (db_prepare(c->db,
		       "SELECT id, path FROM food_categories WHERE path LIKE ? AND deleted = 0 AND id <> ? ORDER BY id",
		       &s) != DB_OK) {
		json_decref(below);
		return -1;
	}
	db_bind_text(s, 1, like), db_bind_int(s, 2, id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
		json_array_append_new(below, json_pack("[I, s]", (json_int_t)db_col_int(s, 0), db_col_text(s, 1)));
	db_finalize(s);
	/* each node below is written (and audited) by the core with its new path */
	rc = rc == DB_DONE ? DB_OK : rc;
	size_t i;
	json_t *r;
	json_array_foreach (below, i, r) {
		if (rc != DB_OK)
			break;
		const char *path = json_string_value(json_array_get(r, 1));
		char *moved = NULL;
		if (asprintf(&moved, "%s%s", np, path + strlen(op)) < 0)
			abort();
		rc = crud_set1(c, &ent_food_categories, json_integer_value(json_array_get(r, 0)), "move", "path",
			       json_string(moved));
		free(moved);
	}
	json_decref(below);
	return rc == DB_OK ? 0 : -1;
}

static const entity_hooks category_hooks = {.prepare = category_prepare,
					    .validate = category_validate,
					    .after_write = category_after_write};

static const field_def category_fields[] = {
	{"code", FT_TEXT, "分类代码", "Code", F_REQUIRED | F_UNIQUE | F_CODE | F_SEARCH | F_SORT, 1, 40, 0, 0,
	 "^[a-z][a-z0-9_]*$"},
	{"name", FT_TEXT, "名称", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 1, 60},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 100},
	{"level", FT_DICT, "层级", "Level", F_REQUIRED | F_LIST | F_FILTER, .dict = "food_level",
	 .help_zh = "大类/亚类/次亚类/细类/食品", .help_en = "category / sub-category / minor / fine / food"},
	{"parent_id", FT_REF, "上级类别", "Parent", F_LIST | F_FILTER, .ref = "food_categories"},
	{"aliases", FT_TEXT, "别名", "Aliases", F_LIST | F_SEARCH, 0, 300, .help_zh = "逗号分隔，如 小白菜,小油菜",
	 .help_en = "comma-separated"},
	{"path", FT_TEXT, "路径", "Path", F_READONLY, 0, 500},
	{"source", FT_TEXT, "依据", "Source", 0, 0, 200},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 500},
};
const entity_def ent_food_categories = {
	.name = "food_categories",
	.table = "food_categories",
	.label_zh = "食品分类",
	.label_en = "Food classification",
	.menu = "food",
	.fields = category_fields,
	.nfields = ZJ_COUNT(category_fields),
	.label_field = "name",
	.default_sort = "code",
	.hooks = &category_hooks,
};

/* ---- analytes ---- */

static const field_def analyte_fields[] = {
	{"code", FT_TEXT, "项目代码", "Code", F_REQUIRED | F_UNIQUE | F_CODE | F_SEARCH | F_SORT, 1, 40, 0, 0,
	 "^[a-z][a-z0-9_]*$"},
	{"name", FT_TEXT, "检验项目", "Test item", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 1, 80},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 120},
	{"aliases", FT_TEXT, "别名", "Aliases", F_LIST | F_SEARCH, 0, 300, .help_zh = "逗号分隔，如 Pb,铅(以Pb计)",
	 .help_en = "comma-separated"},
	{"kind", FT_DICT, "类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "analyte_kind"},
	{"microbial", FT_BOOL, "微生物指标", "Microbiological", F_LIST | F_FILTER,
	 .help_zh = "微生物指标不合格不予复检（办法第31条）",
	 .help_en = "no re-test when a microbiological item fails (Art. 31)"},
	{"unit", FT_TEXT, "常用单位", "Usual unit", F_LIST, 0, 20, .check = check_unit},
	{"method", FT_TEXT, "检验方法", "Test method", F_LIST, 0, 100},
};
const entity_def ent_food_analytes = {
	.name = "food_analytes",
	.table = "food_analytes",
	.label_zh = "检验项目",
	.label_en = "Test items",
	.menu = "food",
	.fields = analyte_fields,
	.nfields = ZJ_COUNT(analyte_fields),
	.label_field = "name",
	.default_sort = "code",
};

/* ---- limits ---- */

static void limit_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!json_is_string(json_object_get(row, "method")))
		json_object_set_new(row, "method", json_string("full"));
	const char *std = food_str(row, "standard"), *ed = food_str(row, "edition");
	/* Every row names its source: the standard, edition and clause unless given. */
	const char *src = food_str(row, "source_ref");
	if ((!src || !*src) && std && ed) {
		const char *cl = food_str(row, "clause");
		char ref[240];
		snprintf(ref, sizeof ref, "%s-%s%s%s", std, ed, cl && *cl ? " " : "", cl && *cl ? cl : "");
		json_object_set_new(row, "source_ref", json_string(ref));
	}
	/* A row nobody has checked against the standard's text is unverified. */
	if (!json_is_string(json_object_get(row, "status")))
		json_object_set_new(row, "status", json_string("U"));
	if (json_is_string(json_object_get(row, "code")))
		return;
	int64_t cat = food_id_of(row, "category_id"), an = food_id_of(row, "analyte_id");
	if (!std || !ed || !cat || !an)
		return;
	char code[240], cc[64] = "?", ac[64] = "?";
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"SELECT (SELECT code FROM food_categories WHERE id = ?), (SELECT code FROM food_analytes WHERE id = ?)",
		&s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, cat), db_bind_int(s, 2, an);
		rc = db_step(s);
		if (rc == DB_ROW) {
			snprintf(cc, sizeof cc, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "?");
			snprintf(ac, sizeof ac, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "?");
		}
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) /* the write answers 500 (crud.c) */
		ctx_internal(c, "limit code", db_errmsg(c->db));
	snprintf(code, sizeof code, "%s-%s/%s/%s", std, ed, cc, ac);
	json_object_set_new(row, "code", json_string(code));
}

static void check_exclusions(zj_ctx *c, const char *list, json_t *errors)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", list);
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		const char *p[] = {t};
		if (db_query_int(c->db, "SELECT 1 FROM food_categories WHERE code = ? AND deleted = 0", 1, p, 0) != 1) {
			char zh[160], en[160];
			snprintf(zh, sizeof zh, "除外类别“%s”不存在（应为食品分类代码，逗号分隔）", t);
			snprintf(en, sizeof en,
				 "excluded category '%s' does not exist (category codes, comma-separated)", t);
			crud_field_error(c, errors, "exclusions", FE_REF, zh, en);
			return;
		}
	}
}

static void limit_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *cmp = food_str(row, "comparator"), *from = food_str(row, "effective_from"),
		   *to = food_str(row, "effective_to");
	int two = cmp && (!strcmp(cmp, "range") || !strcmp(cmp, "range_excl") || !strcmp(cmp, "tol"));
	if (cmp && strcmp(cmp, "nd") && !food_str(row, "value"))
		crud_field_error(c, errors, "value", FE_REQUIRED, "此比较方式须填写限量值",
				 "is required for this comparator");
	if (two && !food_str(row, "value_hi"))
		crud_field_error(c, errors, "value_hi", FE_REQUIRED, "范围或允差须填写上限/允差",
				 "is required for a range or tolerance");
	if (from && to && strcmp(to, from) < 0)
		crud_field_error(c, errors, "effective_to", FE_CHECK, "失效日期不能早于实施日期",
				 "cannot be before the effective date");
	if (food_str(row, "exclusions"))
		check_exclusions(c, food_str(row, "exclusions"), errors);
	if (json_array_size(errors))
		return;
	food_limit l = {.comparator = (char *)cmp,
			.value = (char *)food_str(row, "value"),
			.value_hi = (char *)food_str(row, "value_hi")};
	char expr[96];
	struct gbt_limit gl;
	if (cmp && (food_limit_expr(&l, expr, sizeof expr) != 0 || gbt_parse_limit(expr, &gl, NULL) != 0)) {
		crud_field_error(c, errors, "value", FE_CHECK, "限量值与比较方式不能构成有效的限量",
				 "the values do not form a valid limit with this comparator");
		return;
	}
	/* GB/T 8170-2008 4.3.2: rounded to the limit's own place */
	const char *ivs = food_str(row, "rounding_interval"), *m = food_str(row, "method");
	struct gbt_interval iv;
	if (cmp && ivs && m && !strcmp(m, "rounded") && gbt_parse_interval(ivs, &iv, NULL) == 0 &&
	    gbt_interval_fits(&iv, &gl) != 0)
		crud_field_error(
			c, errors, "rounding_interval", FE_CHECK,
			"修约间隔比限量值的末位更粗，无法区分限量（GB/T 8170-2008 4.3.2）",
			"the rounding interval is coarser than the limit's last digit: the limit could not be told apart (GB/T 8170-2008 4.3.2)");
}

/* A row added or changed: the items it may now decide are judged again
 * (food_results.c), in this transaction. */
static int limit_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return food_rejudge_for_limit(c, food_id_of(row, "analyte_id"), old ? food_id_of(old, "analyte_id") : 0) ==
			       DB_OK
		       ? 0
		       : -1;
}

static const entity_hooks limit_hooks = {.prepare = limit_prepare,
					 .validate = limit_validate,
					 .after_write = limit_after_write};

static const field_def limit_fields[] = {
	{"code", FT_TEXT, "限量编码", "Code", F_UNIQUE | F_FILLED | F_CODE | F_SEARCH, 0, 200,
	 .help_zh = "不填则按 标准-版本/类别/项目 生成", .help_en = "defaults to standard-edition/category/item"},
	{"standard", FT_TEXT, "标准", "Standard", F_REQUIRED | F_LIST | F_FILTER | F_SEARCH | F_SORT, 1, 80},
	{"edition", FT_TEXT, "版本", "Edition", F_REQUIRED | F_LIST | F_FILTER, 1, 40},
	{"clause", FT_TEXT, "条款", "Clause", F_LIST, 0, 80},
	{"effective_from", FT_DATE, "实施日期", "In force from", F_REQUIRED | F_LIST | F_FILTER},
	{"effective_to", FT_DATE, "失效日期", "In force to", F_LIST | F_FILTER, .help_zh = "最后有效日（含）",
	 .help_en = "last day in force (inclusive)"},
	{"category_id", FT_REF, "食品/类别", "Food or category", F_REQUIRED | F_LIST | F_FILTER,
	 .ref = "food_categories"},
	{"analyte_id", FT_REF, "检验项目", "Test item", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_analytes"},
	{"comparator", FT_DICT, "比较方式", "Comparator", F_REQUIRED | F_LIST, .dict = "limit_cmp"},
	{"value", FT_DECIMAL, "限量值", "Value", F_LIST, .help_zh = "十进制文本，如 0.2",
	 .help_en = "decimal text, e.g. 0.2"},
	{"value_hi", FT_DECIMAL, "上限/允差", "Upper value / tolerance", 0},
	{"unit", FT_TEXT, "单位", "Unit", F_REQUIRED | F_LIST, 1, 20, .check = check_unit},
	{"basis", FT_DICT, "计算基础", "Basis", F_LIST, .dict = "limit_basis"},
	{"method", FT_DICT, "判定方法", "Judgement method", F_LIST, .dict = "judge_method",
	 .help_zh = "标准未规定时为全数值比较法（GB/T 8170 §4.3）",
	 .help_en = "full-value comparison unless the standard says otherwise (GB/T 8170 §4.3)"},
	{"rounding_interval", FT_TEXT, "修约间隔", "Rounding interval", 0, 0, 20, .check = check_interval},
	{"exclusions", FT_TEXT, "除外", "Exclusions", F_LIST, 0, 500, .help_zh = "除外的食品分类代码，逗号分隔",
	 .help_en = "excluded category codes, comma-separated"},
	{"status", FT_DICT, "核实状态", "Verification", F_LIST | F_FILTER, .dict = "verification"},
	{"source_ref", FT_TEXT, "来源", "Source", 0, 0, 200},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 500},
};
const entity_def ent_food_limits = {
	.name = "food_limits",
	.table = "food_limits",
	.label_zh = "限量标准",
	.label_en = "Limits",
	.menu = "food",
	.fields = limit_fields,
	.nfields = ZJ_COUNT(limit_fields),
	.label_field = "code",
	.default_sort = "standard",
	.hooks = &limit_hooks,
};

/* ---- test-item templates ---- */

static const field_def template_fields[] = {
	{"category_id", FT_REF, "食品/类别", "Food or category", F_REQUIRED | F_LIST | F_FILTER,
	 .ref = "food_categories"},
	{"analyte_id", FT_REF, "检验项目", "Test item", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_analytes"},
	{"method", FT_TEXT, "检验方法", "Test method", F_LIST, 0, 100},
	{"lod", FT_DECIMAL, "检出限", "Detection limit", F_LIST},
	{"unit", FT_TEXT, "单位", "Unit", F_LIST, 0, 20, .check = check_unit},
	{"sort_order", FT_INT, "排序", "Order", F_LIST, .min = 0, .max = 9999},
};
const entity_def ent_test_templates = {
	.name = "test_templates",
	.table = "test_templates",
	.label_zh = "检验项目模板",
	.label_en = "Test-item templates",
	.menu = "food",
	.fields = template_fields,
	.nfields = ZJ_COUNT(template_fields),
	.label_field = "id",
};

/* ---- deadline rules ---- */

static const field_def rule_fields[] = {
	{"code", FT_TEXT, "时限代码", "Code", F_REQUIRED | F_UNIQUE | F_CODE | F_SORT, 1, 40, 0, 0,
	 "^[a-z][a-z0-9_]*$"},
	{"name", FT_TEXT, "事项", "Step", F_REQUIRED | F_LIST | F_SEARCH, 1, 80},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 120},
	{"n", FT_INT, "时限", "Period", F_REQUIRED | F_LIST, .min = 0, .max = 3650},
	{"unit", FT_DICT, "单位", "Unit", F_REQUIRED | F_LIST, .dict = "deadline_unit"},
	{"article", FT_TEXT, "依据", "Legal basis", F_LIST, 0, 120},
	{"status", FT_DICT, "核实状态", "Verification", F_LIST | F_FILTER, .dict = "verification",
	 .help_zh = "未核实的时限可按本地规定修改", .help_en = "unverified periods may be set to the local rule"},
	{"note", FT_TEXT, "备注", "Note", F_LIST, 0, 300},
};
const entity_def ent_food_deadline_rules = {
	.name = "food_deadline_rules",
	.table = "food_deadline_rules",
	.label_zh = "抽检时限",
	.label_en = "Sampling deadlines",
	.menu = "food",
	.fields = rule_fields,
	.nfields = ZJ_COUNT(rule_fields),
	.label_field = "name",
	.default_sort = "code",
};

/* ---- labs ---- */

static const field_def lab_fields[] = {
	{"unit_id", FT_REF, "检验机构", "Laboratory", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER, .ref = "units"},
	{"retest_listed", FT_BOOL, "列入复检机构名录", "On the re-test list", F_LIST | F_FILTER},
	{"active", FT_BOOL, "启用", "Active", F_LIST | F_FILTER},
	{"scope", FT_TEXT, "检验能力范围", "Scope", F_LIST, 0, 300},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 300},
};
const entity_def ent_food_labs = {
	.name = "food_labs",
	.table = "food_labs",
	.label_zh = "检验机构名录",
	.label_en = "Laboratories",
	.menu = "food",
	.fields = lab_fields,
	.nfields = ZJ_COUNT(lab_fields),
	.label_field = "id",
};
