/* org.c — the organisation: jurisdictions (GB/T 2260 divisions), units,
 * users, roles with permission × scope grants, dictionaries and the
 * holiday calendar. Declarations only, plus the rules of separation of
 * duties for role assignment. */
#include "core/crud.h"
#include "core/entity.h"
#include "core/write.h"
#include "lib/strbuf.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field_def jurisdiction_fields[] = {
	{"code", FT_TEXT, "区划代码", "Division code", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER | F_SEARCH | F_SORT, 6,
	 6, 0, 0, "^[0-9]{6}$"},
	{"name", FT_TEXT, "名称", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 1, 64},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 128},
	{"level", FT_DICT, "级别", "Level", F_REQUIRED | F_LIST | F_FILTER, .dict = "juris_level"},
	{"parent_id", FT_REF, "上级区划", "Parent", F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"path", FT_TEXT, "路径", "Path", F_READONLY, 0, 250},
	{"statistical", FT_BOOL, "统计用区划", "Statistical unit only", F_LIST},
};

/* The path (/150000/150200/150203/) makes "this jurisdiction and below" one LIKE. */
static void jurisdiction_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const char *code = json_string_value(json_object_get(row, "code"));
	json_t *parent = json_object_get(row, "parent_id");
	char path[256] = "/";
	if (json_is_integer(parent)) {
		char idt[24];
		snprintf(idt, sizeof idt, "%lld", (long long)json_integer_value(parent));
		db_stmt *s;
		int rc = db_prepare(c->db, "SELECT path FROM jurisdictions WHERE id = ?", &s);
		if (rc == DB_OK) {
			db_bind_text(s, 1, idt);
			rc = db_step(s);
			if (rc == DB_ROW)
				snprintf(path, sizeof path, "%s", db_col_text(s, 0));
			db_finalize(s);
		}
		if (rc != DB_ROW && rc != DB_DONE) /* the write answers 500 (crud.c) */
			ctx_internal(c, "jurisdiction path", db_errmsg(c->db));
	}
	if (code) {
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "%s/", code);
	}
	json_object_set_new(row, "path", json_string(path));
}
static const entity_hooks jurisdiction_hooks = {.prepare = jurisdiction_prepare};

const entity_def ent_jurisdictions = {
	.name = "jurisdictions",
	.table = "jurisdictions",
	.label_zh = "行政区划",
	.label_en = "Jurisdictions",
	.menu = "admin",
	.fields = jurisdiction_fields,
	.nfields = ZJ_COUNT(jurisdiction_fields),
	.label_field = "name",
	.default_sort = "code",
	.hooks = &jurisdiction_hooks,
	.no_delete = 1,
};

static const field_def unit_fields[] = {
	{"code", FT_TEXT, "单位编码", "Unit code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 1, 32, 0, 0,
	 "^[A-Za-z0-9_-]+$"},
	{"name", FT_TEXT, "单位名称", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 1, 100},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 200},
	{"kind", FT_DICT, "单位类型", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "unit_kind"},
	{"jurisdiction_id", FT_REF, "所属区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"parent_id", FT_REF, "上级单位", "Parent unit", F_LIST | F_FILTER, .ref = "units"},
	{"phone", FT_TEXT, "电话", "Phone", 0, 0, 32},
	{"address", FT_TEXT, "地址", "Address", 0, 0, 200},
};
const entity_def ent_units = {
	.name = "units",
	.table = "units",
	.label_zh = "单位",
	.label_en = "Units",
	.menu = "admin",
	.fields = unit_fields,
	.nfields = ZJ_COUNT(unit_fields),
	.label_field = "name",
	.juris_field = "jurisdiction_id",
	.default_sort = "code",
};

/* Roles of a user: the rules of separation of duties (duties.c) decide who
 * may change them and which sets an account may hold; the join table
 * user_roles is what decides membership. */
static int roles_changed(const json_t *row, const json_t *old)
{
	json_t *nr = json_object_get(row, "roles"), *orl = old ? json_object_get(old, "roles") : NULL;
	return old ? !json_equal(nr ? nr : json_null(), orl ? orl : json_null())
		   : (json_is_array(nr) && json_array_size(nr) > 0);
}

static void user_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!roles_changed(row, old))
		return;
	duty_check_roles(c, old ? json_integer_value(json_object_get(old, "id")) : 0,
			 old ? json_object_get(old, "roles") : NULL, json_object_get(row, "roles"), errors);
}

static int user_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (!roles_changed(row, old))
		return 0;
	return duty_store_roles(c->db, id, json_object_get(row, "roles")) == DB_OK ? 0 : -1;
}
static const entity_hooks user_hooks = {.validate = user_validate, .after_write = user_after_write};

static const field_def user_fields[] = {
	{"username", FT_TEXT, "用户名", "User name", F_REQUIRED | F_UNIQUE | F_LIST | F_CODE | F_SEARCH | F_SORT, 2, 32,
	 0, 0, "^[a-z][a-z0-9_.-]*$", .help_zh = "小写字母开头，可含数字、点、下划线、短横",
	 .help_en = "lower case letter first; digits . _ - allowed"},
	{"name", FT_TEXT, "姓名", "Full name", F_REQUIRED | F_LIST | F_SEARCH, 1, 64},
	{"unit_id", FT_REF, "所属单位", "Unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "units"},
	{"jurisdiction_id", FT_REF, "所属区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"roles", FT_DICT, "角色", "Roles", F_LIST | F_FILTER | F_MULTI, .dict = "@roles"},
	{"phone", FT_TEXT, "手机号", "Mobile", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"email", FT_TEXT, "电子邮箱", "Email", 0, 0, 100, 0, 0, "^[^@ ]+@[^@ ]+$"},
	{"locked", FT_BOOL, "停用", "Disabled", F_LIST | F_FILTER},
	{"must_change_password", FT_BOOL, "须修改密码", "Must change password", F_READONLY | F_LIST},
	{"password_hash", FT_SECRET, "密码", "Password", F_READONLY | F_NOIMPORT},
};
const entity_def ent_users = {
	.name = "users",
	.table = "users",
	.label_zh = "用户",
	.label_en = "Users",
	.menu = "admin",
	.fields = user_fields,
	.nfields = ZJ_COUNT(user_fields),
	.label_field = "username",
	.juris_field = "jurisdiction_id",
	.default_sort = "username",
	.hooks = &user_hooks,
	/* sign-in lockout, password age and a one-time password's expiry (core/auth.c) */
	.internal = "failed_count,failed_since,locked_until,password_changed_at,password_expires_at",
};

static const field_def role_fields[] = {
	{"code", FT_TEXT, "角色编码", "Role code", F_REQUIRED | F_UNIQUE | F_CODE | F_SEARCH | F_SORT, 2, 32, 0, 0,
	 "^[a-z][a-z0-9_]*$"},
	{"name", FT_TEXT, "角色名称", "Name", F_REQUIRED | F_LIST | F_SEARCH, 1, 64},
	{"name_en", FT_TEXT, "英文名称", "English name", F_LIST, 0, 100},
	{"duty", FT_DICT, "职责类别", "Duty", F_REQUIRED | F_LIST | F_FILTER, .dict = "duty"},
	{"description", FT_TEXT, "说明", "Description", 0, 0, 500},
};
/* A role's duty is fixed when it is made: turning the auditor's role into a
 * business one would hand its holder business permissions. Nobody edits a
 * role they hold. */
static void role_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!old)
		return;
	const char *od = json_string_value(json_object_get(old, "duty")),
		   *nd = json_string_value(json_object_get(row, "duty"));
	if (od && nd && strcmp(od, nd))
		crud_field_error(c, errors, "duty", FE_DUTY, "角色的职责类别创建后不能修改",
				 "a role's duty cannot change once it is made");
	if (c->user && duty_holds_role(c->db, c->user->id, json_integer_value(json_object_get(old, "id"))))
		crud_field_error(c, errors, "code", FE_DUTY, "不能修改自己所持的角色",
				 "you cannot change a role you hold");
}

/* A renamed role keeps its holders (they hold it by id); the list of codes
 * the console shows follows the new name. */
static int role_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	const char *oc = old ? json_string_value(json_object_get(old, "code")) : NULL,
		   *nc = json_string_value(json_object_get(row, "code"));
	if (!oc || !nc || !strcmp(oc, nc))
		return 0;
	db_stmt *s;
	json_t *rows = json_array();
	if (db_prepare(c->db,
		       "SELECT u.id, u.roles FROM users u JOIN user_roles ur ON ur.user_id = u.id WHERE ur.role_id = ?",
		       &s) != DB_OK) {
		json_decref(rows);
		return -1;
	}
	db_bind_int(s, 1, id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
		json_array_append_new(rows, json_pack("[I, s]", (json_int_t)db_col_int(s, 0),
						      db_col_text(s, 1) ? db_col_text(s, 1) : ""));
	db_finalize(s);
	if (rc != DB_DONE) {
		json_decref(rows);
		ctx_internal(c, "role users", db_errmsg(c->db));
		return -1;
	}
	rc = 0;
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		/* the users' role lists name the new code (written and audited by the core) */
		json_t *codes = json_array();
		char *dup = xstrdup(json_string_value(json_array_get(r, 1))), *save = NULL;
		for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save))
			json_array_append_new(codes, json_string(strcmp(t, oc) ? t : nc));
		free(dup);
		if (crud_set1(c, &ent_users, json_integer_value(json_array_get(r, 0)), "role_renamed", "roles",
			      codes) != DB_OK)
			rc = -1;
	}
	json_decref(rows);
	return rc;
}
static const entity_hooks role_hooks = {.validate = role_validate, .after_write = role_after_write};

const entity_def ent_roles = {
	.name = "roles",
	.table = "roles",
	.label_zh = "角色",
	.label_en = "Roles",
	.menu = "admin",
	.fields = role_fields,
	.nfields = ZJ_COUNT(role_fields),
	.label_field = "code",
	.default_sort = "code",
	.hooks = &role_hooks,
};

/* 三员分立: nobody edits the grants of a role they hold (the role a grant
 * moves from counts too), and a role only receives the permissions its duty
 * allows (duties.c): no business or audit permission for the system or
 * security administrator, no administrator's permission for a business role. */
static void grant_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *rid = json_object_get(row, "role_id");
	if (!json_is_integer(rid))
		return;
	if (c->user) {
		int64_t orid = old ? json_integer_value(json_object_get(old, "role_id")) : 0;
		if (duty_holds_role(c->db, c->user->id, json_integer_value(rid)) ||
		    (orid && duty_holds_role(c->db, c->user->id, orid))) {
			crud_field_error(c, errors, "role_id", FE_DUTY, "不能修改自己所持角色的权限",
					 "you cannot change the grants of a role you hold");
			return;
		}
	}
	const char *perm = json_string_value(json_object_get(row, "perm"));
	char duty[16] = "";
	db_stmt *s;
	int rc = db_prepare(c->db, "SELECT duty FROM roles WHERE id = ? AND deleted = 0", &s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, json_integer_value(rid));
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(duty, sizeof duty, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) { /* a check not made is not passed */
		ctx_internal(c, "grant duty", db_errmsg(c->db));
		return;
	}
	if (perm && duty[0] && !duty_perm_allowed(duty, perm))
		crud_field_error(c, errors, "perm", FE_DUTY, "三员分立：该权限不属于此角色的职责类别",
				 "separation of duties: this permission does not belong to the role's duty");
}
static const entity_hooks grant_hooks = {.validate = grant_validate};

static const field_def grant_fields[] = {
	{"role_id", FT_REF, "角色", "Role", F_REQUIRED | F_LIST | F_FILTER, .ref = "roles"},
	{"perm", FT_TEXT, "权限", "Permission", F_REQUIRED | F_LIST | F_SEARCH | F_FILTER | F_SORT, 3, 100, 0, 0,
	 "^[a-z_]+\\.[a-z_.]+$"},
	{"scope", FT_DICT, "数据范围", "Data scope", F_REQUIRED | F_LIST | F_FILTER, .dict = "data_scope"},
};
const entity_def ent_role_grants = {
	.name = "role_grants",
	.table = "role_grants",
	.label_zh = "角色授权",
	.label_en = "Role grants",
	.menu = "admin",
	.fields = grant_fields,
	.nfields = ZJ_COUNT(grant_fields),
	.label_field = "perm",
	.hooks = &grant_hooks,
};

static const field_def dict_fields[] = {
	{"dict", FT_TEXT, "字典", "Dictionary", F_REQUIRED | F_LIST | F_CODE | F_FILTER | F_SEARCH | F_SORT, 1, 40, 0,
	 0, "^[a-z_]+$"},
	{"code", FT_TEXT, "代码", "Code", F_REQUIRED | F_CODE | F_SEARCH, 1, 40, 0, 0, "^[A-Za-z0-9_.-]+$"},
	{"label_zh", FT_TEXT, "中文名称", "Chinese label", F_REQUIRED | F_LIST | F_SEARCH, 1, 100},
	{"label_en", FT_TEXT, "英文名称", "English label", F_REQUIRED | F_LIST | F_SEARCH, 1, 100},
	{"sort_order", FT_INT, "排序", "Order", F_LIST, .min = 0, .max = 9999},
	{"active", FT_BOOL, "启用", "Active", F_LIST | F_FILTER},
};
const entity_def ent_dict_items = {
	.name = "dict_items",
	.table = "dict_items",
	.label_zh = "数据字典",
	.label_en = "Dictionaries",
	.menu = "admin",
	.fields = dict_fields,
	.nfields = ZJ_COUNT(dict_fields),
	.label_field = "label_zh",
	.default_sort = "dict",
};

static const field_def holiday_fields[] = {
	{"day", FT_DATE, "日期", "Date", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER | F_SORT},
	{"kind", FT_DICT, "类型", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "holiday_kind"},
	{"name", FT_TEXT, "节日", "Holiday", F_LIST | F_SEARCH, 0, 40},
};
const entity_def ent_holidays = {
	.name = "holidays",
	.table = "holidays",
	.label_zh = "节假日安排",
	.label_en = "Holiday schedule",
	.menu = "admin",
	.fields = holiday_fields,
	.nfields = ZJ_COUNT(holiday_fields),
	.label_field = "day",
	.default_sort = "-day",
};

/* The platform's area: the organisation, its menu groups (基础数据 is also
 * where an entity without a group goes), roles and dictionaries (seed.c). */
static const entity_def *const org_entities[] = {
	&ent_jurisdictions, &ent_units, &ent_users, &ent_roles, &ent_role_grants, &ent_dict_items, &ent_holidays, NULL,
};
static const menu_group org_menus[] = {
	{"base", "基础数据", "Registry", "OfficeBuilding", 10},
	{"admin", "系统管理", "Administration", "Setting", 90},
	{NULL},
};
const module_def mod_org = {
	.name = "org",
	.menus = org_menus,
	.entities = org_entities,
	.roles = org_roles,
	.dicts = org_dicts,
};
