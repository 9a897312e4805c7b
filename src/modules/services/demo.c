/* demo.c — the Baotou demo of the services area (init --demo): the two
 * published measures of 2012 the seed article names (《关于贯彻落实市政府
 * “稳增长、促发展”……的实施意见》 and 《关于支持小微企业发展的服务措施》)
 * as commitments with their time limits; 300 service requests over the
 * last fourteen months from the demo enterprises and the parks, most
 * answered within their time, a few late and a few still open (one past due
 * and escalated); the cooperation agreement with 达茂旗 and its joint
 * meetings and follow-ups; two conduct complaints this year and none in
 * 2012 (the article's "zero complaints"). Deterministic (a fixed LCG) and
 * fast: one transaction of plain inserts, the calendar loaded once. */
#include "core/calendar.h"
#include "lib/date.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdio.h>
#include <string.h>

static const char *const BASIS_GROWTH =
	"《包头市质量技术监督局关于贯彻落实市政府“稳增长、促发展”确保全市经济平稳较快发展若干意见的实施意见》";
static const char *const BASIS_SMALL = "《包头市质量技术监督局关于支持小微企业发展的服务措施》";

/* code, title, measure, content, limit ("" = none), kind ("" = none), basis (0 growth, 1 small) */
static const char *const commitments[][7] = {
	{"C-01", "重点项目生产许可提前介入指导", "steady_growth",
	 "对重点项目和企业申请工业产品生产许可提前介入、上门指导，受理后 5 个工作日内给出书面指导意见。", "5",
	 "licensing", "0"},
	{"C-02", "投资项目许可评价", "steady_growth",
	 "参与投资项目审批中的质量技术监督许可评价，自收到材料之日起 10 个工作日内出具评价意见。", "10",
	 "project_review", "0"},
	{"C-03", "小微企业标准化服务", "small_micro",
	 "为小微企业免费提供标准查询、企业标准备案指导，3 个工作日内答复。", "3", "standards", "1"},
	{"C-04", "小微企业计量检定优先", "small_micro", "小微企业的计量器具检定优先安排，5 个工作日内完成并出具证书。",
	 "5", "metrology", "1"},
	{"C-05", "园区企业检验检测能力服务", "parks",
	 "为工业园区企业提供检验检测能力咨询和送检服务，7 个工作日内答复。", "7", "testing", "0"},
	{"C-06", "园区联席会议", "parks", "与工业园区建立联席会议制度，每季度至少召开一次，议定事项限期落实。", "", "",
	 "0"},
	{"C-07", "接受社会监督", "general",
	 "公开服务承诺和办事指南，接受社会监督；对机关和工作人员的投诉，受理后 60 日内办结并答复。", "", "", "1"},
	{"C-08", "其他服务请求", "general", "企业和园区提出的其他服务请求，10 个工作日内答复。", "10", "other", "1"},
};

static const char *const kinds[] = {"licensing", "standards", "metrology", "testing", "project_review", "other"};
static const int limits[] = {5, 3, 5, 7, 10, 10};
static const char *const subjects[][2] = {
	{"licensing", "工业产品生产许可申请材料指导"},
	{"licensing", "食品生产许可现场核查前指导"},
	{"standards", "企业标准自我声明公开指导"},
	{"standards", "产品执行标准查询"},
	{"metrology", "衡器检定预约"},
	{"metrology", "加油机检定预约"},
	{"testing", "产品送检项目和周期咨询"},
	{"testing", "稀土产品检验能力咨询"},
	{"project_review", "新建项目特种设备许可评价"},
	{"project_review", "投资项目生产许可评价"},
	{"other", "质量管理体系认证政策咨询"},
	{"other", "名牌产品申报咨询"},
};
static const char *const handlers[] = {"刘服务", "韩晓东", "白雪", "乌日娜", "张立新"};
static const char *const parks[] = {"包头稀土高新区", "包头装备制造产业园区", "九原工业园区", "土右新型工业园区"};

enum { DEMO_REQUESTS = 300 };

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

typedef struct ent_row {
	int64_t id, juris;
	char size[16], park[64];
} ent_row;

static int load_ents(zj_ctx *c, ent_row *e, int max)
{
	db_stmt *s;
	int n = 0;
	if (db_prepare(
		    c->db,
		    "SELECT id, COALESCE(jurisdiction_id, 0), COALESCE(size, ''), COALESCE(park, '') FROM enterprises"
		    " WHERE deleted = 0 ORDER BY id LIMIT 200",
		    &s) != DB_OK)
		return -1;
	while (n < max && db_step(s) == DB_ROW) {
		e[n].id = db_col_int(s, 0), e[n].juris = db_col_int(s, 1);
		snprintf(e[n].size, sizeof e[n].size, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
		snprintf(e[n].park, sizeof e[n].park, "%s", db_col_text(s, 3) ? db_col_text(s, 3) : "");
		n++;
	}
	db_finalize(s);
	return n;
}

static int demo_users(zj_ctx *c)
{
	static const char *const u[][3] = {{"qifu", "刘服务", "enterprise_service"},
					   {"zhengfeng", "纪监督", "conduct_officer"}};
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < 2; i++) {
		const char *p[] = {c->now, u[i][0], u[i][1], u[i][2]};
		rc = db_run(c->db,
			    "INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash,"
			    " must_change_password, roles, owner_unit_id) SELECT ?, ?, ?, unit_id, jurisdiction_id,"
			    " password_hash, 0, ?, unit_id FROM users WHERE username = 'director' AND deleted = 0"
			    " ON CONFLICT DO NOTHING",
			    4, p);
	}
	return rc;
}

static int demo_commitments(zj_ctx *c)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof commitments / sizeof commitments[0]; i++) {
		const char *const *r = commitments[i];
		const char *p[] = {c->now,
				   r[0],
				   r[1],
				   r[2],
				   r[3],
				   *r[4] ? r[4] : NULL,
				   *r[5] ? r[5] : NULL,
				   r[6][0] == '0' ? BASIS_GROWTH : BASIS_SMALL,
				   r[6][0] == '0' ? "2012-09-10" : "2012-10-15"};
		rc = db_run(
			c->db,
			"INSERT INTO svc_commitments (created_at, state, code, title, measure, content, time_limit_days,"
			" request_kind, basis, published_on) VALUES (?, 'published', ?, ?, ?, ?, ?, ?, ?, ?)",
			9, p);
	}
	return rc;
}

static int64_t commitment_id(zj_ctx *c, const char *kind)
{
	const char *p[] = {kind};
	return db_query_int(c->db, "SELECT id FROM svc_commitments WHERE request_kind = ? AND deleted = 0", 1, p, 0);
}

#define ID(buf, v) snprintf((buf), sizeof(buf), "%lld", (long long)(v))

/* One request received `back` days before today (moved to a working day). */
static int demo_request(zj_ctx *c, struct wd_calendar *cal, date_days today, int i, const ent_row *e, int ne,
			const int64_t *cids, unsigned *seed)
{
	int k = (int)(lcg(seed) % 6), back = i < 8 ? i : 8 + (int)(lcg(seed) % 420);
	date_days rec, due, rep;
	date_add_days(today, -back, &rec);
	while (!wd_is_workday(cal, rec, NULL))
		date_add_days(rec, -1, &rec);
	wd_add(cal, rec, limits[k], &due, NULL);
	const ent_row *en = i % 15 == 7 || ne == 0 ? NULL : &e[lcg(seed) % (unsigned)ne];
	const char *park = en ? (en->park[0] ? en->park : NULL) : parks[lcg(seed) % 4];
	const char *size = en && en->size[0] ? en->size : NULL;
	int smf = size && (!strcmp(size, "small") || !strcmp(size, "micro"));
	/* what happened: answered within the limit mostly, a few late, the newest open */
	unsigned roll = lcg(seed) % 100;
	const char *state = "rated";
	int days = 1 + (int)(lcg(seed) % (unsigned)limits[k]);
	if (roll < 6)
		days = limits[k] + 1 + (int)(roll % 3);
	wd_add(cal, rec, days, &rep, NULL);
	int open = rep > today || i == 8;
	if (open)
		state = i % 2 ? "handling" : "received";
	else if (roll >= 80)
		state = roll >= 90 ? "closed" : "replied";
	char recs[11], dues[11], reps[11], ent[24] = "", jur[24], cid[24], lim[8], rating[4] = "", esc[11] = "";
	date_format(rec, recs), date_format(due, dues), date_format(rep, reps);
	if (en)
		ID(ent, en->id);
	ID(jur, en && en->juris ? en->juris : org_id_by_code(c->db, "jurisdictions", "150200"));
	ID(cid, cids[k]), snprintf(lim, sizeof lim, "%d", limits[k]);
	if (!strcmp(state, "rated"))
		snprintf(rating, sizeof rating, "%d",
			 days <= limits[k] ? 4 + (int)(lcg(seed) % 2) : 2 + (int)(lcg(seed) % 2));
	if (open && today > due) { /* the scan escalated it the day after its due day */
		date_days e1;
		date_add_days(due, 1, &e1);
		date_format(e1, esc);
	}
	const char *subject = subjects[k * 2 + (int)(lcg(seed) % 2)][1];
	const char *p[] = {c->now,
			   state,
			   *ent ? ent : NULL,
			   park,
			   kinds[k],
			   subject,
			   recs,
			   cid,
			   lim,
			   dues,
			   size,
			   smf ? "1" : "0",
			   park ? "1" : "0",
			   jur,
			   !strcmp(state, "received") ? NULL : handlers[i % 5],
			   open ? NULL : "已按承诺事项答复，相关材料已送达企业。",
			   open ? NULL : reps,
			   open ? NULL : (days <= limits[k] ? "1" : "0"),
			   *rating ? rating : NULL,
			   *esc ? esc : NULL};
	int rc = db_run(
		c->db,
		"INSERT INTO svc_requests (created_at, state, enterprise_id, park, kind, subject, received_on,"
		" commitment_id, time_limit_days, due_on, size, small_micro, in_park, jurisdiction_id, handler, reply,"
		" replied_on, on_time, rating, escalated_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		20, p);
	if (rc == DB_OK && open) {
		const char *q[] = {recs};
		int64_t id =
			db_query_int(c->db, "SELECT MAX(id) FROM svc_requests WHERE received_on = ? AND deleted = 0", 1,
				     q, 0);
		rc = workflow_open_deadline(c, "service_requests", id, "reply_due", NULL, recs, limits[k],
					    DL_WORKING_DAYS, NULL);
	}
	return rc;
}

static int demo_parks(zj_ctx *c)
{
	char jur[24];
	ID(jur, org_id_by_code(c->db, "jurisdictions", "150223"));
	const char *a[] = {c->now, jur};
	int rc = db_run(
		c->db,
		"INSERT INTO svc_agreements (created_at, title, park, parties, signed_on, commitments, jurisdiction_id)"
		" VALUES (?, '质量技术监督合作协议', '达茂旗', '包头市质量技术监督局；达尔罕茂明安联合旗人民政府', '2012-06-28',"
		" '市局为达茂旗食品检验检测中心建设提供技术支持，为旗内园区企业提供检验检测能力和许可评价服务，编印投资服务指南；"
		"旗政府保障检验检测场所和人员，双方每季度召开联席会议。', ?)",
		2, a);
	static const char *const meetings[][4] = {
		{"2012-09-20", "达茂旗政府会议室", "市局、达茂旗政府、旗质监局、园区管委会",
		 "一、食品检验检测中心年底前完成仪器配置；二、园区重点项目许可评价纳入项目审批流程。"},
		{"2012-12-18", "市质监局", "市局、达茂旗政府、旗质监局",
		 "一、编印园区投资服务指南；二、次年一季度组织园区企业标准化培训。"},
	};
	for (int i = 0; rc == DB_OK && i < 2; i++) {
		const char *p[] = {c->now, meetings[i][0], meetings[i][1], meetings[i][2], meetings[i][3]};
		rc = db_run(
			c->db,
			"INSERT INTO svc_meetings (created_at, agreement_id, park, held_on, place, participants, decisions)"
			" SELECT ?, id, park, ?, ?, ?, ? FROM svc_agreements WHERE title = '质量技术监督合作协议' AND deleted = 0",
			5, p);
	}
	static const char *const fus[][5] = {
		{"2012-09-20", "食品检验检测中心仪器配置", "2012-12-31", "done", "2012-12-20"},
		{"2012-09-20", "许可评价纳入园区项目审批流程", "2012-11-30", "done", "2012-11-15"},
		{"2012-12-18", "编印园区投资服务指南", "2013-03-31", "done", "2013-03-10"},
		{"2012-12-18", "组织园区企业标准化培训", "2013-03-31", "done", "2013-03-28"},
	};
	for (int i = 0; rc == DB_OK && i < 4; i++) {
		const char *p[] = {c->now, fus[i][3], fus[i][1], fus[i][2], "已按期落实。", fus[i][4], fus[i][0]};
		rc = db_run(
			c->db,
			"INSERT INTO svc_followups (created_at, state, meeting_id, task, unit_id, due_on, result, done_on)"
			" SELECT ?, ?, m.id, ?, (SELECT id FROM units WHERE code = 'BTQTS'), ?, ?, ? FROM svc_meetings m"
			" WHERE m.held_on = ? AND m.deleted = 0",
			7, p);
	}
	return rc;
}

/* Two complaints this year (one concluded unsubstantiated, one in hand); none in 2012. */
static int demo_conduct(zj_ctx *c, date_days today)
{
	date_days a, b;
	char as[11], bs[11], unit[24];
	date_add_days(today, -40, &a), date_add_days(today, -5, &b);
	date_format(a, as), date_format(b, bs);
	ID(unit, org_id_by_code(c->db, "units", "BTQTS"));
	const char *p[] = {c->now, as, unit, as};
	int rc = db_run(
		c->db,
		"INSERT INTO svc_conduct (created_at, state, received_on, channel, about_unit_id, subject, content,"
		" finding, result, concluded_on) VALUES (?, 'concluded', ?, 'hotline', ?, '反映许可窗口答复不清',"
		" '企业反映许可窗口对申请材料的要求答复不清，往返多次。', 'unsubstantiated',"
		" '经调阅窗口记录和回访企业，窗口已一次性告知材料要求；已向企业说明并致歉沟通不畅。', ?)",
		4, p);
	const char *q[] = {c->now, bs, unit};
	if (rc == DB_OK)
		rc = db_run(
			c->db,
			"INSERT INTO svc_conduct (created_at, state, received_on, channel, about_unit_id, subject, content)"
			" VALUES (?, 'handling', ?, 'letter', ?, '反映计量检定收费问题', '来信反映计量检定收费标准不清楚。')",
			3, q);
	return rc;
}

int svc_demo(zj_ctx *c, FILE *report)
{
	date_days today;
	if (date_parse(c->today, &today) != DATE_OK)
		return -1;
	struct wd_calendar *cal = calendar_load(c->db);
	if (!cal)
		return -1;
	static ent_row ents[200];
	int ne = load_ents(c, ents, 200), rc = ne < 0 ? DB_ERR : db_begin(c->db);
	if (rc == DB_OK)
		rc = demo_users(c);
	if (rc == DB_OK)
		rc = demo_commitments(c);
	int64_t cids[6];
	for (int k = 0; k < 6; k++)
		cids[k] = commitment_id(c, kinds[k]);
	unsigned seed = 20121231u;
	for (int i = 0; rc == DB_OK && i < DEMO_REQUESTS; i++)
		rc = demo_request(c, cal, today, i, ents, ne < 0 ? 0 : ne, cids, &seed);
	if (rc == DB_OK)
		rc = demo_parks(c);
	if (rc == DB_OK)
		rc = demo_conduct(c, today);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	else if (ne >= 0) {
		fprintf(stderr, "services demo: %s\n", db_errmsg(c->db));
		db_rollback(c->db);
	}
	calendar_free(cal);
	if (rc == DB_OK && report)
		fprintf(report,
			"Services: 8 commitments, %d service requests, 1 park agreement, 2 joint meetings;"
			" users qifu (enterprise_service), zhengfeng (conduct_officer), same password\n",
			DEMO_REQUESTS);
	return rc == DB_OK ? 0 : -1;
}
