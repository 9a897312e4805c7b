/* enterprises.c — regulated entities (监管对象). The credit code is checked
 * to GB 32100 (with the embedded GB 11714 check); the jurisdiction defaults
 * from the code's registration division (positions 3–8) when not given. */
#include "core/crud.h"
#include "lib/uscc.h"
#include "modules/modules.h"
#include <stdio.h>
#include <string.h>

static const field_msg *check_uscc(const char *code)
{
	static _Thread_local field_msg m;
	static _Thread_local char zh[160], en[160];
	struct uscc_error r;
	if (uscc_check(code, &r) == 0)
		return NULL;
	snprintf(zh, sizeof zh, "统一社会信用代码无效：%s", r.zh);
	snprintf(en, sizeof en, "invalid credit code: %s", r.en);
	m.zh = zh, m.en = en;
	return &m;
}

static void enterprise_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const char *code = json_string_value(json_object_get(row, "uscc"));
	json_t *j = json_object_get(row, "jurisdiction_id");
	if (!code || strlen(code) != 18 || (j && !json_is_null(j)))
		return;
	/* Default: the registration division, else its prefecture (1502xx → 150200). */
	char div[7], pref[7];
	memcpy(div, code + 2, 6), div[6] = 0;
	memcpy(pref, div, 4), pref[4] = '0', pref[5] = '0', pref[6] = 0;
	const char *p[] = {div, pref};
	int64_t id = db_query_int(
		c->db,
		"SELECT id FROM jurisdictions WHERE code IN (?, ?) AND deleted = 0 ORDER BY length(path) DESC LIMIT 1",
		2, p, 0);
	if (id > 0)
		json_object_set_new(row, "jurisdiction_id", json_integer(id));
}

static void enterprise_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	/* Optional in the form (derived from the credit code), required in the record. */
	json_t *j = json_object_get(row, "jurisdiction_id");
	if ((!j || json_is_null(j)) && json_is_string(json_object_get(row, "uscc")))
		crud_field_error(c, errors, "jurisdiction_id", FE_REQUIRED,
				 "信用代码中的登记机关不在本系统辖区内，请选择所属区划",
				 "the credit code's registration division is not one of ours: choose the jurisdiction");
	const char *to = json_string_value(json_object_get(row, "licence_valid_to"));
	const char *no = json_string_value(json_object_get(row, "licence_no"));
	if (to && !no)
		crud_field_error(c, errors, "licence_no", FE_REQUIRED, "填写了许可证有效期时须填写许可证编号",
				 "is required when a licence expiry date is given");
}

static const entity_hooks enterprise_hooks = {.prepare = enterprise_prepare, .validate = enterprise_validate};

static const field_def enterprise_fields[] = {
	{"name", FT_TEXT, "企业名称", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 2, 100},
	{"uscc", FT_TEXT, "统一社会信用代码", "Unified social credit code",
	 F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_FILTER, 18, 18, 0, 0, "^[0-9A-HJ-NPQRTUWXY]{18}$",
	 .check = check_uscc, .help_zh = "18 位，GB 32100，不含 I O Z S V",
	 .help_en = "18 characters per GB 32100; no I, O, Z, S, V"},
	{"legal_rep", FT_TEXT, "法定代表人", "Legal representative", F_LIST | F_SEARCH, 0, 50},
	{"legal_rep_id", FT_TEXT, "法定代表人身份证号", "Legal representative ID no.", F_PERSONAL, 0, 18, 0, 0,
	 "^[0-9]{17}[0-9X]$"},
	{"phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL | F_LIST, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"address", FT_TEXT, "地址", "Address", F_LIST, 0, 200},
	{"jurisdiction_id", FT_REF, "所属区划", "Jurisdiction", F_LIST | F_FILTER, .ref = "jurisdictions",
	 .help_zh = "不填则按信用代码中的登记机关区划", .help_en = "defaults to the division in the credit code"},
	{"kinds", FT_DICT, "主体类型", "Kinds", F_REQUIRED | F_LIST | F_FILTER | F_MULTI, .dict = "enterprise_kind"},
	{"size", FT_DICT, "企业规模", "Size", F_LIST | F_FILTER, .dict = "enterprise_size"},
	{"park", FT_TEXT, "所在园区", "Industrial park", F_LIST | F_FILTER | F_SEARCH, 0, 100},
	{"licence_no", FT_TEXT, "许可证编号", "Licence no.", F_SEARCH, 0, 40},
	{"licence_kind", FT_DICT, "许可证类别", "Licence kind", F_FILTER, .dict = "licence_kind"},
	{"licence_valid_to", FT_DATE, "许可证有效期至", "Licence valid to", F_LIST | F_FILTER},
};

const entity_def ent_enterprises = {
	.name = "enterprises",
	.table = "enterprises",
	.label_zh = "企业",
	.label_en = "Enterprises",
	.menu = "base",
	.fields = enterprise_fields,
	.nfields = ZJ_COUNT(enterprise_fields),
	.label_field = "name",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.hooks = &enterprise_hooks,
};

/* Regulated entities sit in the platform's 基础数据 group; their demo rows
 * are part of the platform demo (demo.c). */
static const entity_def *const enterprise_entities[] = {&ent_enterprises, NULL};
const module_def mod_enterprises = {
	.name = "enterprises",
	.entities = enterprise_entities,
};
