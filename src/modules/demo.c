/* demo.c — `init --demo`: a deterministic Baotou. One user per role, and
 * 300 enterprises with valid credit codes (GB 32100 check characters
 * computed, never invented) spread across districts, kinds and sizes. */
#include "core/auth.h"
#include "core/tally.h"
#include "lib/uscc.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct demo_user {
	const char *username, *name, *roles, *unit, *juris;
} demo_user;

static const demo_user users[] = {
	{"secadmin", "安全管理员", "secadmin", "BTQTS", "150200"},
	{"auditor", "审计管理员", "auditor", "BTQTS", "150200"},
	{"director", "王局长", "director", "BTQTS", "150200"},
	{"sampler", "李抽样", "food_sampler", "BTFOOD", "150200"},
	{"analyst", "张检验", "lab_analyst", "BTFOOD", "150200"},
	{"supervisor", "赵监管", "food_supervisor", "BTQTS", "150200"},
	{"riskanalyst", "钱风险", "risk_analyst", "BTQTS", "150200"},
	{"registrar", "孙登记", "equipment_registrar", "BTTJS", "150200"},
	{"inspector", "周检验", "equipment_inspector", "BTTJS", "150200"},
	{"handler", "吴办案", "case_handler", "BTQTS", "150200"},
	{"legal", "郑法制", "legal_reviewer", "BTQTS", "150200"},
	{"agency_fgw", "发改委代表", "agency_member", "AG-FGW", "150200"},
	{"agency_sw", "商务局代表", "agency_member", "AG-SW", "150200"},
	{"agency_jw", "纪委监委代表", "agency_member", "AG-JW", "150200"},
	{"agency_jc", "检察院代表", "agency_member", "AG-JC", "150200"},
	{"agency_ga", "公安局代表", "agency_member", "AG-GA", "150200"},
	{"expert", "质量奖专家", "award_expert", "BTQTS", "150200"},
	{"donghe", "东河区监管员", "district_officer", "BTQTS-DH", "150202"},
	{"kundulun", "昆区监管员", "district_officer", "BTQTS-KDL", "150203"},
	{"service", "服务窗口", "service_desk", "BTQTS", "150200"},
};

static const char *districts[] = {"150202", "150203", "150204", "150205", "150206",
				  "150207", "150221", "150222", "150223"};
static const char *kinds[] = {"producer",
			      "distributor",
			      "caterer",
			      "equipment_user",
			      "manufacturer",
			      "distributor,caterer",
			      "producer,distributor",
			      "online"};
static const char *sizes[] = {"large", "medium", "small", "micro", "small", "micro"};
static const char *prefixes[] = {"包头市", "包头", "内蒙古", "包钢", "鹿城", "北方", "草原", "稀土"};
static const char *trades[] = {"食品", "乳业", "肉业", "粮油",   "电梯", "锅炉",
			       "餐饮", "商贸", "机械", "调味品", "饮品", "起重设备"};
static const char *forms[] = {"有限公司", "有限责任公司", "股份有限公司", "商行", "经营部"};
static const char *parks[] =
	{"", "", "包头稀土高新区", "包头装备制造产业园区", "九原工业园区", "土右新型工业园区", "金山工业园区"};
static const char *surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "高"};
static const char *given[] = {"建国", "海军", "丽娟",   "志强", "玉兰",   "文博",
			      "雪梅", "宏伟", "巴特尔", "乌兰", "其木格", "明"};

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

int demo_load(zj_ctx *c, const char *password, FILE *report)
{
	db *d = c->db;
	char pw[64];
	if (password)
		snprintf(pw, sizeof pw, "%s", password);
	else {
		unsigned char rnd[9];
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2base64(pw, sizeof pw, rnd, sizeof rnd, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		size_t used = strlen(pw);
		snprintf(pw + used, sizeof pw - used, "-Zj9");
	}
	char hash[crypto_pwhash_STRBYTES];
	if (auth_hash_password(pw, hash) != 0)
		return -1;
	if (db_begin(d) != DB_OK)
		return -1;
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof users / sizeof users[0]; i++) {
		char unit[24], jur[24];
		snprintf(unit, sizeof unit, "%lld", (long long)org_id_by_code(d, "units", users[i].unit));
		snprintf(jur, sizeof jur, "%lld", (long long)org_id_by_code(d, "jurisdictions", users[i].juris));
		/* Demo accounts start ready to use: a trial should not begin with 20 password changes. */
		const char *p[] = {c->now, users[i].username, users[i].name, unit, jur, hash, users[i].roles, unit};
		rc = db_run(
			d,
			"INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash, must_change_password, roles, owner_unit_id)"
			" VALUES (?,?,?,?,?,?,0,?,?) ON CONFLICT DO NOTHING",
			8, p);
	}
	if (rc == DB_OK) /* membership is the join table (duties.c) */
		rc = duty_sync_from_lists(d);
	unsigned seed = 20120601;
	int made = 0;
	for (int i = 0; rc == DB_OK && made < 300; i++) {
		const char *div = districts[lcg(&seed) % 9];
		char first8[9], org8[9], code[USCC_LEN + 1];
		snprintf(first8, sizeof first8, "91%s", div);
		snprintf(org8, sizeof org8, "%08u", lcg(&seed) % 100000000u);
		struct uscc_error ue;
		if (uscc_make(first8, org8, code, &ue) != 0)
			continue;
		char name[160], rep[32], phone[20], addr[160], jur[24], lic[40] = "", licto[11] = "";
		snprintf(name, sizeof name, "%s%s%s%s", prefixes[lcg(&seed) % 8], given[lcg(&seed) % 12],
			 trades[lcg(&seed) % 12], forms[lcg(&seed) % 5]);
		snprintf(rep, sizeof rep, "%s%s", surnames[lcg(&seed) % 14], given[lcg(&seed) % 12]);
		snprintf(phone, sizeof phone, "13%09u", lcg(&seed) % 1000000000u);
		snprintf(addr, sizeof addr, "包头市%s号", div);
		snprintf(jur, sizeof jur, "%lld", (long long)org_id_by_code(d, "jurisdictions", div));
		const char *kind = kinds[lcg(&seed) % 8];
		const char *lkind = NULL;
		if (strstr(kind, "producer")) {
			snprintf(lic, sizeof lic, "SC1%02u%s%06u", lcg(&seed) % 40, div, lcg(&seed) % 1000000);
			lkind = "sc";
		} else if (strstr(kind, "distributor") || strstr(kind, "caterer")) {
			snprintf(lic, sizeof lic, "JY1%s%07u", div, lcg(&seed) % 10000000);
			lkind = "jy";
		}
		if (lkind)
			snprintf(licto, sizeof licto, "%04u-%02u-%02u", 2026 + lcg(&seed) % 5, 1 + lcg(&seed) % 12,
				 1 + lcg(&seed) % 28);
		const char *p[] = {c->now,
				   name,
				   code,
				   rep,
				   phone,
				   addr,
				   jur,
				   kind,
				   sizes[lcg(&seed) % 6],
				   parks[lcg(&seed) % 7],
				   lkind ? lic : NULL,
				   lkind,
				   lkind ? licto : NULL};
		rc = db_run(
			d,
			"INSERT INTO enterprises (created_at, name, uscc, legal_rep, phone, address, jurisdiction_id, kinds, size, park,"
			" licence_no, licence_kind, licence_valid_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
			13, p);
		made++;
	}
	if (rc != DB_OK || db_commit(d) != DB_OK) {
		fprintf(stderr, "demo: %s\n", db_errmsg(d));
		db_rollback(d);
		return -1;
	}
	/* every area's demo (module_def.demo), in the list's order; an area's
	 * demo may add users (food: a second lab), so membership follows each */
	for (const module_def *const *m = zj_modules; *m; m++)
		if ((*m)->demo && ((*m)->demo(c, report) != 0 || duty_sync_from_lists(d) != DB_OK))
			return -1;
	/* the demos insert their rows around the core: count them into the tallies (core/tally.h) */
	if (tally_rebuild_all(d) != DB_OK) {
		fprintf(stderr, "demo: %s\n", db_errmsg(d));
		return -1;
	}
	if (report) {
		fprintf(report, "Demo users (password %s):\n", password ? "as given by --demo-password" : pw);
		for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
			fprintf(report, "  %-12s %s (%s)\n", users[i].username, users[i].name, users[i].roles);
	}
	return 0;
}
