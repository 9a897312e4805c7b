/* criteria.c — the GB/T 19580-2012 卓越绩效评价准则 categories (4.1–4.7) and
 * their items with points (total 1000), kept as data (seed.c seeds them;
 * the award office may correct a point value, the sum is checked when a
 * round opens). Process items (4.1–4.6) are scored on 方法-展开-学习-整合,
 * result items (4.7) on 水平-趋势-对比-整合 (GB/Z 19579-2012). */
#include "modules/award/award.h"
#include "modules/modules.h"

/* clang-format off */
static const field_def criteria_fields[] = {
	{"code", FT_TEXT, "条款", "Clause", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT | F_CODE, 3, 10, 0, 0, "^4\\.[1-7]\\.[0-9]+$"},
	{"category", FT_DICT, "类目", "Category", F_REQUIRED | F_LIST | F_FILTER, .dict = "aw_category"},
	{"name", FT_TEXT, "评分条款", "Item", F_REQUIRED | F_LIST | F_SEARCH, 2, 60},
	{"name_en", FT_TEXT, "评分条款（英文）", "Item (English)", 0, 0, 120},
	{"points", FT_INT, "分值", "Points", F_REQUIRED | F_LIST, .min = 1, .max = 400, .unit = "分"},
	{"kind", FT_DICT, "评分维度", "Scored on", F_REQUIRED | F_LIST | F_FILTER, .dict = "aw_item_kind"},
	{"edition", FT_TEXT, "标准版本", "Edition", F_REQUIRED | F_LIST, 2, 40},
	{"sort", FT_INT, "排序", "Order", 0, .min = 0, .max = 1000},
};
/* clang-format on */

const entity_def aw_ent_criteria = {
	.name = "award_criteria",
	.table = "aw_criteria",
	.label_zh = "评分条款（GB/T 19580）",
	.label_en = "Award criteria (GB/T 19580)",
	.menu = "award",
	.fields = criteria_fields,
	.nfields = ZJ_COUNT(criteria_fields),
	.label_field = "name",
	.default_sort = "code",
	.no_delete = 1,
	.first_columns = "code,name,category,points,kind",
};
