/* seed.c — reference data every installation starts with: the platform's
 * dictionaries and built-in roles with their permission × scope grants
 * (三员分立: the three administrators hold no business permission), Inner
 * Mongolia's and Baotou's divisions (GB/T 2260) and the Baotou
 * units; and the seeder, which walks the list of areas (core/module.h) for
 * their dictionaries, roles, grants and reference data. */
#include "core/audit.h"
#include "core/calendar.h"
#include "core/crud.h"
#include "modules/modules.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const dict_seed org_dicts[] = {
	{"juris_level", "province", "省级", "Province"},
	{"juris_level", "prefecture", "地级", "Prefecture"},
	{"juris_level", "district", "市辖区", "District"},
	{"juris_level", "banner", "旗", "Banner"},
	{"juris_level", "county", "县", "County"},
	{"juris_level", "statistical", "统计用区划", "Statistical unit"},
	{"unit_kind", "bureau", "市局", "City bureau"},
	{"unit_kind", "branch", "分局", "Branch"},
	{"unit_kind", "institute", "检验机构", "Inspection institute"},
	{"unit_kind", "lab", "实验室", "Laboratory"},
	{"unit_kind", "agency", "会商单位", "Partner agency"},
	{"duty", "system", "系统管理", "System administration"},
	{"duty", "security", "安全管理", "Security administration"},
	{"duty", "audit", "安全审计", "Audit"},
	{"duty", "business", "业务", "Business"},
	{"data_scope", "all", "全部", "All"},
	{"data_scope", "juris", "本辖区及以下", "Own jurisdiction and below"},
	{"data_scope", "unit", "本单位", "Own unit"},
	{"data_scope", "own", "本人", "Own records"},
	{"data_scope", "assigned", "分派给本人/本单位", "Assigned to me or my unit"},
	{"holiday_kind", "off", "放假", "Day off"},
	{"holiday_kind", "work", "调休上班", "Make-up working day"},
	{"enterprise_kind", "producer", "生产者", "Producer"},
	{"enterprise_kind", "distributor", "经营者", "Distributor"},
	{"enterprise_kind", "caterer", "餐饮服务", "Caterer"},
	{"enterprise_kind", "equipment_user", "特种设备使用单位", "Equipment user"},
	{"enterprise_kind", "manufacturer", "工业产品生产者", "Manufacturer"},
	{"enterprise_kind", "installer", "安装维保单位", "Installer / maintainer"},
	{"enterprise_kind", "online", "网络食品经营者", "Online seller"},
	{"enterprise_size", "large", "大型", "Large"},
	{"enterprise_size", "medium", "中型", "Medium"},
	{"enterprise_size", "small", "小型", "Small"},
	{"enterprise_size", "micro", "微型", "Micro"},
	{"licence_kind", "sc", "食品生产许可证", "Food production licence"},
	{"licence_kind", "jy", "食品经营许可证", "Food business licence"},
	{"licence_kind", "xk", "工业产品生产许可证", "Industrial product licence"},
	{"licence_kind", "tz", "特种设备许可", "Special equipment licence"},
	{NULL, NULL, NULL, NULL},
};

#define CRUD_ALL(e) e ".read:all " e ".create:all " e ".update:all " e ".delete:all " e ".import:all " e ".export:all "
#define READ_ALL(e) e ".read:all " e ".export:all "
const role_seed org_roles[] = {
	{"sysadmin", "系统管理员", "System administrator", "system",
	 CRUD_ALL("users") CRUD_ALL("units") CRUD_ALL("jurisdictions") CRUD_ALL("dict_items") CRUD_ALL(
		 "holidays") "jobs.read:all sessions.revoke_any:all roles.read:all users.reset_password:all users.approve_reset:all"},
	{"secadmin", "安全管理员", "Security administrator", "security",
	 CRUD_ALL("roles") CRUD_ALL(
		 "role_grants") "users.read:all users.update:all users.assign_roles:all users.approve_reset:all sessions.revoke_any:all units.read:all jurisdictions.read:all"},
	{"auditor", "审计管理员", "Audit administrator", "audit", "audit.read:all audit.export:all users.read:all"},
	{"director", "局长", "Director", "business",
	 CRUD_ALL("enterprises") "enterprises.personal:all " READ_ALL("units")
		 READ_ALL("jurisdictions") "users.read:all jobs.read:own"},
	{"equipment_registrar", "特种设备登记员", "Equipment registrar", "business",
	 "enterprises.read:juris enterprises.create:juris enterprises.update:juris jurisdictions.read:all units.read:all jobs.read:own"},
	{"equipment_inspector", "特种设备检验员", "Equipment inspector", "business",
	 "enterprises.read:juris jurisdictions.read:all units.read:all"},
	{"award_expert", "质量奖评审专家", "Award expert", "business", "jurisdictions.read:all"},
	{"district_officer", "区县监管员", "District officer", "business",
	 "enterprises.read:juris enterprises.create:juris enterprises.update:juris enterprises.import:juris enterprises.export:juris "
	 "jurisdictions.read:all units.read:juris jobs.read:own"},
	{NULL, NULL, NULL, NULL, NULL},
};

static const char *juris[][5] = {
	/* code, name, name_en, level, parent code */
	{"150000", "内蒙古自治区", "Inner Mongolia", "province", NULL},
	{"150100", "呼和浩特市", "Hohhot", "prefecture", "150000"},
	{"150200", "包头市", "Baotou", "prefecture", "150000"},
	{"150300", "乌海市", "Wuhai", "prefecture", "150000"},
	{"150400", "赤峰市", "Chifeng", "prefecture", "150000"},
	{"150500", "通辽市", "Tongliao", "prefecture", "150000"},
	{"150600", "鄂尔多斯市", "Ordos", "prefecture", "150000"},
	{"150700", "呼伦贝尔市", "Hulunbuir", "prefecture", "150000"},
	{"150800", "巴彦淖尔市", "Bayannur", "prefecture", "150000"},
	{"150900", "乌兰察布市", "Ulanqab", "prefecture", "150000"},
	{"152200", "兴安盟", "Hinggan League", "prefecture", "150000"},
	{"152500", "锡林郭勒盟", "Xilingol League", "prefecture", "150000"},
	{"152900", "阿拉善盟", "Alxa League", "prefecture", "150000"},
	{"150202", "东河区", "Donghe District", "district", "150200"},
	{"150203", "昆都仑区", "Kundulun District", "district", "150200"},
	{"150204", "青山区", "Qingshan District", "district", "150200"},
	{"150205", "石拐区", "Shiguai District", "district", "150200"},
	{"150206", "白云鄂博矿区", "Bayan Obo Mining District", "district", "150200"},
	{"150207", "九原区", "Jiuyuan District", "district", "150200"},
	{"150221", "土默特右旗", "Tumed Right Banner", "banner", "150200"},
	{"150222", "固阳县", "Guyang County", "county", "150200"},
	{"150223", "达尔罕茂明安联合旗", "Darhan Muminggan United Banner", "banner", "150200"},
	{"150271", "包头稀土高新技术产业开发区", "Baotou Rare Earth Hi-Tech Zone", "statistical", "150200"},
};

static const char *unit_rows[][5] = {
	/* code, name, name_en, kind, jurisdiction code */
	{"BTQTS", "包头市质量技术监督局", "Baotou Quality and Technical Supervision Bureau", "bureau", "150200"},
	{"BTQTS-DH", "东河分局", "Donghe Branch", "branch", "150202"},
	{"BTQTS-KDL", "昆都仑分局", "Kundulun Branch", "branch", "150203"},
	{"BTQTS-QS", "青山分局", "Qingshan Branch", "branch", "150204"},
	{"BTQTS-SG", "石拐分局", "Shiguai Branch", "branch", "150205"},
	{"BTQTS-BY", "白云鄂博矿区分局", "Bayan Obo Branch", "branch", "150206"},
	{"BTQTS-JY", "九原分局", "Jiuyuan Branch", "branch", "150207"},
	{"BTQTS-TY", "土默特右旗质监局", "Tumed Right Banner Bureau", "branch", "150221"},
	{"BTQTS-GY", "固阳县质监局", "Guyang County Bureau", "branch", "150222"},
	{"BTQTS-DM", "达茂旗质监局", "Darhan Muminggan Banner Bureau", "branch", "150223"},
	{"BTQTS-GX", "稀土高新区分局", "Hi-Tech Zone Branch", "branch", "150271"},
	{"BTTJS", "包头市特种设备检验所", "Baotou Special Equipment Inspection Institute", "institute", "150200"},
	{"BTFOOD", "包头市食品质量安全监督检验中心", "Baotou Food Quality Safety Supervision and Inspection Centre",
	 "institute", "150200"},
	{"BTLAB1", "包头市产品质量计量检测所", "Baotou Product Quality and Metrology Testing Institute", "lab",
	 "150200"},
	{"AG-FGW", "包头市发展和改革委员会", "Development and Reform Commission", "agency", "150200"},
	{"AG-SW", "包头市商务局", "Bureau of Commerce", "agency", "150200"},
	{"AG-JW", "包头市纪委监委", "Discipline Inspection and Supervision Commission", "agency", "150200"},
	{"AG-JC", "包头市人民检察院", "People's Procuratorate", "agency", "150200"},
	{"AG-GA", "包头市公安局", "Public Security Bureau", "agency", "150200"},
};

int64_t org_id_by_code(db *d, const char *table, const char *code)
{
	return crud_id_by_code(d, table, code);
}

/* Grants "perm:scope perm:scope ..." to the role with that code. */
static int seed_grants(zj_ctx *c, const char *role, const char *grants)
{
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)org_id_by_code(c->db, "roles", role));
	char *dup = xstrdup(grants), *save = NULL;
	int rc = DB_OK;
	for (char *t = strtok_r(dup, " ", &save); rc == DB_OK && t; t = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(t, ':');
		if (!colon)
			continue;
		*colon = 0;
		const char *p[] = {c->now, rid, t, colon + 1};
		rc = db_run(
			c->db,
			"INSERT INTO role_grants (created_at, role_id, perm, scope) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
			4, p);
	}
	free(dup);
	return rc;
}

int org_seed(zj_ctx *c)
{
	db *d = c->db;
	int rc = DB_OK;
	/* every area's dictionaries (module_def.dicts), in the order listed */
	for (const module_def *const *m = zj_modules; rc == DB_OK && *m; m++)
		for (int i = 0; rc == DB_OK && (*m)->dicts && (*m)->dicts[i].dict; i++) {
			const dict_seed *t = &(*m)->dicts[i];
			char ord[12];
			snprintf(ord, sizeof ord, "%d", i);
			const char *p[] = {c->now, t->dict, t->code, t->label_zh, t->label_en, ord};
			rc = db_run(
				d,
				"INSERT INTO dict_items (created_at, dict, code, label_zh, label_en, sort_order) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
				6, p);
		}
	for (size_t i = 0; rc == DB_OK && i < sizeof juris / sizeof juris[0]; i++) {
		char path[64] = "/", pid[24] = "";
		if (juris[i][4]) {
			const char *pp[] = {juris[i][4]};
			db_stmt *s;
			int st = db_prepare(d, "SELECT id, path FROM jurisdictions WHERE code = ?", &s);
			if (st == DB_OK) {
				db_bind_text(s, 1, pp[0]);
				st = db_step(s);
				if (st == DB_ROW) {
					snprintf(pid, sizeof pid, "%lld", (long long)db_col_int(s, 0));
					snprintf(path, sizeof path, "%s", db_col_text(s, 1));
				}
				db_finalize(s);
			}
			if (st != DB_ROW && st != DB_DONE) {
				rc = st;
				break;
			}
		}
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "%s/", juris[i][0]);
		const char *p[] = {c->now,      juris[i][0],
				   juris[i][1], juris[i][2],
				   juris[i][3], pid[0] ? pid : NULL,
				   path,        !strcmp(juris[i][3], "statistical") ? "1" : "0"};
		rc = db_run(
			d,
			"INSERT INTO jurisdictions (created_at, code, name, name_en, level, parent_id, path, statistical) VALUES (?,?,?,?,?,?,?,?)"
			" ON CONFLICT DO NOTHING",
			8, p);
	}
	int64_t bureau = 0;
	for (size_t i = 0; rc == DB_OK && i < sizeof unit_rows / sizeof unit_rows[0]; i++) {
		char jid[24], par[24] = "";
		snprintf(jid, sizeof jid, "%lld", (long long)org_id_by_code(d, "jurisdictions", unit_rows[i][4]));
		if (bureau)
			snprintf(par, sizeof par, "%lld", (long long)bureau);
		const char *p[] = {c->now,
				   unit_rows[i][0],
				   unit_rows[i][1],
				   unit_rows[i][2],
				   unit_rows[i][3],
				   jid,
				   par[0] && strcmp(unit_rows[i][3], "agency") ? par : NULL};
		rc = db_run(
			d,
			"INSERT INTO units (created_at, code, name, name_en, kind, jurisdiction_id, parent_id) VALUES (?,?,?,?,?,?,?)"
			" ON CONFLICT DO NOTHING",
			7, p);
		if (i == 0)
			bureau = org_id_by_code(d, "units", "BTQTS");
	}
	/* every area's roles, then the grants areas add to roles declared elsewhere */
	for (const module_def *const *m = zj_modules; rc == DB_OK && *m; m++)
		for (const role_seed *r = (*m)->roles; rc == DB_OK && r && r->code; r++) {
			const char *p[] = {c->now, r->code, r->name, r->name_en, r->duty};
			rc = db_run(
				d,
				"INSERT INTO roles (created_at, code, name, name_en, duty) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
				5, p);
			if (rc == DB_OK)
				rc = seed_grants(c, r->code, r->grants);
		}
	for (const module_def *const *m = zj_modules; rc == DB_OK && *m; m++)
		for (const role_grant_seed *g = (*m)->grants; rc == DB_OK && g && g->role; g++)
			rc = seed_grants(c, g->role, g->grants);
	if (rc == DB_OK && calendar_seed(d) != 0)
		rc = DB_ERR;
	/* every area's reference data (module_def.seed) */
	for (const module_def *const *m = zj_modules; rc == DB_OK && *m; m++)
		if ((*m)->seed && (*m)->seed(c) != 0)
			rc = DB_ERR;
	return rc;
}
