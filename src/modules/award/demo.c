/* demo.c — `init --demo`: one finished award round (2025: a dozen
 * applicants scored by five experts on every GB/T 19580 item, ranked,
 * decided within the budget, noticed, final and paid), one round under
 * review (2026: three applicants assigned to the demo expert, for the
 * scoring page), and one food-safety assessment year (2025) for the city's
 * nine districts, banners and county, one of them vetoed. Deterministic;
 * the raw rows are written directly (a database built from nothing, like
 * the platform's demo), the scores, ranks, prizes and vetoes by the same
 * steps a user takes (workflow_apply), so the demo is what the rules give. */
#include "modules/award/award.h"
#include "modules/duties.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

#define ID(buf, v) snprintf((buf), sizeof(buf), "%lld", (long long)(v))

static const char *demo_users[][3] = {
	{"awardoffice", "质量奖与考核办", "award_officer"},
	{"expert2", "刘评审", "award_expert"},
	{"expert3", "陈评审", "award_expert"},
	{"expert4", "高评审", "award_expert"},
	{"expert5", "乌评审", "award_expert"},
};
static const char *expert_rows[][4] = {
	/* user, name, title, specialty */
	{"expert", "张卓越", "正高级工程师", "质量管理"},    {"expert2", "刘志远", "高级经济师", "战略与财务"},
	{"expert3", "陈海燕", "教授", "顾客与市场"},         {"expert4", "高建华", "正高级工程师", "过程管理与测量"},
	{"expert5", "乌日娜", "高级工程师", "资源与相关方"},
};

/* The demo users of the area, with the demo password (copied from the director's). */
static int demo_people(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(demo_users); i++) {
		const char *p[] = {c->now, demo_users[i][0], demo_users[i][1], demo_users[i][2]};
		rc = db_run(c->db,
			    "INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash,"
			    " must_change_password, roles, owner_unit_id) SELECT ?, ?, ?, unit_id, jurisdiction_id,"
			    " password_hash, 0, ?, owner_unit_id FROM users WHERE username = 'director'"
			    " ON CONFLICT DO NOTHING",
			    4, p);
	}
	if (rc == DB_OK)
		rc = duty_sync_from_lists(c->db);
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(expert_rows); i++) {
		const char *p[] = {c->now, expert_rows[i][1], expert_rows[i][0], expert_rows[i][2], expert_rows[i][3]};
		rc = db_run(c->db,
			    "INSERT INTO aw_experts (created_at, name, user_id, title, specialty, active)"
			    " SELECT ?, ?, id, ?, ?, 1 FROM users WHERE username = ?",
			    5, (const char *[]){p[0], p[1], p[3], p[4], p[2]});
	}
	return rc;
}

static int64_t insert_round(zj_ctx *c, const char *year, const char *title, const char *state, const char *call_on,
			    const char *closes_on)
{
	const char *p[] = {c->now, state, year, title, call_on, closes_on};
	if (db_run(c->db,
		   "INSERT INTO aw_rounds (created_at, state, year, title, budget_fen, aggregation, trim_n, spread_threshold,"
		   " min_years, violation_years, award_places, award_fen, award_min, nomination_places, nomination_fen,"
		   " nomination_min, call_on, closes_on) VALUES (?, ?, CAST(? AS INTEGER), ?, 100000000, 'trimmed', 1, 30,"
		   " 3, 3, 3, 20000000, 600, 5, 5000000, 500, ?, ?)",
		   6, p) != DB_OK)
		return 0;
	return db_query_int(c->db, "SELECT id FROM aw_rounds WHERE year = CAST(? AS INTEGER) AND deleted = 0", 1, p + 2,
			    0);
}

/* Applicants: enterprises of the city with no case or disposal on record. */
static int pick_applicants(zj_ctx *c, int64_t *out, int want, int skip)
{
	db_stmt *s;
	int n = 0, seen = 0;
	if (db_prepare(c->db,
		       "SELECT e.id FROM enterprises e WHERE e.deleted = 0 AND e.jurisdiction_id IS NOT NULL"
		       " AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.enterprise_id = e.id)"
		       " AND NOT EXISTS (SELECT 1 FROM disposals d WHERE d.enterprise_id = e.id) ORDER BY e.id",
		       &s) != DB_OK)
		return -1;
	while (db_step(s) == DB_ROW && n < want)
		if (seen++ >= skip)
			out[n++] = db_col_int(s, 0);
	db_finalize(s);
	return n;
}

static int64_t insert_app(zj_ctx *c, int64_t round, int64_t ent, const char *state, int i)
{
	char r[24], e[24], founded[16];
	ID(r, round), ID(e, ent);
	snprintf(founded, sizeof founded, "%04d-%02d-15", 1995 + i * 2 % 20, 1 + i % 12);
	const char *p[] = {c->now, state, r, founded, e};
	if (db_run(c->db,
		   "INSERT INTO aw_applications (created_at, state, round_id, enterprise_id, applicant, jurisdiction_id,"
		   " founded_on, self_assessment, eligible, eligibility_note, review_note, visit_on, visit_note,"
		   " consensus_note) SELECT ?, ?, CAST(? AS BIGINT), id, name, jurisdiction_id, ?,"
		   " '按 GB/T 19580-2012 七个类目逐条自评，附质量管理体系、顾客满意度及财务数据。', 1, '符合申报条件',"
		   " '资料齐全，进入现场评审', '2025-09-20', '现场查看生产现场、质量记录，访谈高层领导与员工',"
		   " '专家组合议：各条款评分确认' FROM enterprises WHERE id = CAST(? AS BIGINT)",
		   5, p) != DB_OK)
		return 0;
	const int64_t q[] = {round, ent};
	return db_query_int_ids(c->db, "SELECT id FROM aw_applications WHERE round_id = ? AND enterprise_id = ?", 2, q,
				0);
}

/* The five experts' bands of one applicant: its level ± a little, in 5 % steps. */
static int demo_scores(zj_ctx *c, int64_t app, const int64_t *experts, int level, unsigned *seed)
{
	int64_t crit[64];
	int ncrit = 0;
	db_stmt *s;
	if (db_prepare(c->db, "SELECT id FROM aw_criteria WHERE deleted = 0 ORDER BY sort, code", &s) != DB_OK)
		return DB_ERR;
	while (db_step(s) == DB_ROW && ncrit < 64)
		crit[ncrit++] = db_col_int(s, 0);
	db_finalize(s);
	int rc = DB_OK;
	for (int x = 0; rc == DB_OK && x < 5; x++) {
		char a[24], e[24];
		ID(a, app), ID(e, experts[x]);
		const char *p[] = {c->now, a, e};
		rc = db_run(
			c->db,
			"INSERT INTO aw_assignments (created_at, state, application_id, expert_id, submitted_at, title)"
			" SELECT ?, 'submitted', p.id, x.id, '2025-10-10T02:00:00Z', x.name || ' · ' || p.applicant"
			" FROM aw_applications p, aw_experts x WHERE p.id = CAST(? AS BIGINT) AND x.id = CAST(? AS BIGINT)",
			3, p);
		const int64_t q[] = {app, experts[x]};
		int64_t asg =
			db_query_int_ids(c->db,
					 "SELECT id FROM aw_assignments WHERE application_id = ? AND expert_id = ?", 2,
					 q, 0);
		for (int k = 0; rc == DB_OK && k < ncrit; k++) {
			int band = level + 5 * ((int)(lcg(seed) % 5) - 2);
			band = band < 0 ? 0 : band > 100 ? 100 : band;
			char as[24], cr[24], b[8];
			ID(as, asg), ID(cr, crit[k]);
			snprintf(b, sizeof b, "%d", band);
			const char *r[] = {c->now, as, cr, b, cr, b};
			rc = db_run(c->db,
				    "INSERT INTO aw_scores (created_at, assignment_id, criterion_id, band, score)"
				    " SELECT ?, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), NULL",
				    4, r);
		}
		/* the expert's total and each item's score from the points (the action's arithmetic) */
		if (rc == DB_OK) {
			const int64_t t[] = {asg};
			int64_t tot =
				db_query_int_ids(c->db,
						 "SELECT SUM(k.points * s.band) FROM aw_scores s JOIN aw_criteria k"
						 " ON k.id = s.criterion_id WHERE s.assignment_id = ?",
						 1, t, 0);
			char tb[32];
			json_t *f = json_pack("{s:s}", "expert_total", aw_fmt(tot, tb, sizeof tb));
			rc = crud_set_fields(c, &aw_ent_assignments, asg, f, "submit");
			json_decref(f);
		}
	}
	return rc;
}

static int demo_award(zj_ctx *c, int *napps)
{
	int64_t experts[5];
	for (int i = 0; i < 5; i++) {
		const char *p[] = {expert_rows[i][0]};
		experts[i] = db_query_int(
			c->db, "SELECT x.id FROM aw_experts x JOIN users u ON u.id = x.user_id WHERE u.username = ?", 1,
			p, 0);
	}
	int64_t round = insert_round(c, "2025", "2025年度包头市政府质量奖", "consensus", "2025-05-06", "2025-07-31");
	if (!round)
		return DB_ERR;
	int64_t ents[16];
	int n = pick_applicants(c, ents, 15, 0);
	if (n < 15)
		return DB_ERR;
	unsigned seed = 20250601u;
	/* levels from strong to weak, so the ranking spreads over the prize lines */
	static const int levels[] = {75, 70, 65, 65, 60, 55, 55, 50, 45, 45, 40, 35};
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < 12; i++) {
		int64_t app = insert_app(c, round, ents[i], "visited", i);
		rc = app ? demo_scores(c, app, experts, levels[i], &seed) : DB_ERR;
	}
	*napps = 12;
	/* the round's steps as the office and the director take them */
	json_t *f = json_pack("{s:s}", "decision_no", "包府质奖〔2025〕1号");
	if (rc == DB_OK)
		rc = workflow_apply(c, &aw_ent_rounds, round, "rank", NULL, "demo");
	if (rc == DB_OK)
		rc = workflow_apply(c, &aw_ent_rounds, round, "decide", f, "demo");
	if (rc == DB_OK)
		rc = workflow_apply(c, &aw_ent_rounds, round, "publish", NULL, "demo");
	json_decref(f);
	f = json_pack("{s:s}", "objections", "公示期内未收到异议");
	if (rc == DB_OK)
		rc = workflow_apply(c, &aw_ent_rounds, round, "finalize", f, "demo");
	json_decref(f);
	f = json_pack("{s:s}", "paid_on", "2025-12-20");
	if (rc == DB_OK)
		rc = workflow_apply(c, &aw_ent_rounds, round, "pay", f, "demo");
	json_decref(f);
	if (rc != DB_OK)
		return rc;
	/* 2026: under review, three applicants assigned to the demo expert */
	int64_t r26 = insert_round(c, "2026", "2026年度包头市政府质量奖", "review", "2026-05-08", "2026-07-31");
	for (int i = 12; rc == DB_OK && r26 && i < 15; i++) {
		int64_t app = insert_app(c, r26, ents[i], "eligible", i);
		char a[24], e[24];
		ID(a, app), ID(e, experts[0]);
		const char *p[] = {c->now, a, e};
		rc = app ? db_run(c->db,
				  "INSERT INTO aw_assignments (created_at, state, application_id, expert_id, title)"
				  " SELECT ?, 'assigned', p.id, x.id, x.name || ' · ' || p.applicant FROM aw_applications p,"
				  " aw_experts x WHERE p.id = CAST(? AS BIGINT) AND x.id = CAST(? AS BIGINT)",
				  3, p)
			 : DB_ERR;
	}
	return r26 ? rc : DB_ERR;
}

static const struct {
	const char *name, *method, *rule;
	int weight;
	const char *formula;
} indicators[] = {
	{"食品安全抽检计划完成率", "formula", "按年度抽检计划批次完成比例计分", 25, "sampling_completion"},
	{"不合格食品核查处置按期完成率", "formula", "按期办结的核查处置任务占比计分", 25, "disposal_on_time"},
	{"投诉举报按时办结率", "formula", "在规定期限内办结的投诉举报占比计分", 20, "complaints_on_time"},
	{"食品安全工作责任制落实", "evidence", "党政同责、属地管理责任落实，按佐证材料评分", 15, NULL},
	{"群众食品安全满意度", "evidence", "第三方满意度调查结果计分", 15, NULL},
};
static const char *vetoes[][2] = {
	{"辖区内发生重大及以上食品安全事故", "食品安全法第七条、第一百零五条"},
	{"对食品安全事故迟报、谎报、瞒报", "食品安全法第一百零三条、第一百四十二条"},
	{"辖区内发生造成恶劣社会影响的系统性食品安全事件", "考核办法"},
};
static const char *districts[] = {"150202", "150203", "150204", "150205", "150206",
				  "150207", "150221", "150222", "150223"};

static int demo_assess(zj_ctx *c)
{
	const char *p[] = {c->now};
	if (db_run(c->db,
		   "INSERT INTO as_years (created_at, state, year, title, excellent_min, good_min, pass_min)"
		   " VALUES (?, 'review', 2025, '2025年度旗县区人民政府食品安全工作目标责任考核', 90, 80, 60)",
		   1, p) != DB_OK)
		return DB_ERR;
	int64_t year = db_query_int(c->db, "SELECT id FROM as_years WHERE year = 2025 AND deleted = 0", 0, NULL, 0);
	char y[24];
	ID(y, year);
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(indicators); i++) {
		char w[16], so[16];
		snprintf(w, sizeof w, "%d", indicators[i].weight);
		snprintf(so, sizeof so, "%d", i + 1);
		const char *q[] = {c->now,
				   y,
				   indicators[i].name,
				   w,
				   indicators[i].method,
				   indicators[i].rule,
				   so,
				   indicators[i].formula};
		rc = db_run(c->db,
			    "INSERT INTO as_indicators (created_at, year_id, name, weight, method, rule, sort, formula)"
			    " VALUES (?, CAST(? AS BIGINT), ?, CAST(? AS INTEGER), ?, ?, CAST(? AS INTEGER), ?)",
			    8, q);
	}
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(vetoes); i++) {
		const char *q[] = {c->now, y, vetoes[i][0], vetoes[i][1]};
		rc = db_run(
			c->db,
			"INSERT INTO as_vetoes (created_at, year_id, name, basis) VALUES (?, CAST(? AS BIGINT), ?, ?)",
			4, q);
	}
	unsigned seed = 20251231u;
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(districts); i++) {
		const char *q[] = {c->now, y, districts[i]};
		rc = db_run(
			c->db,
			"INSERT INTO as_govs (created_at, state, year_id, jurisdiction_id, gov_name, self_report, review_note)"
			" SELECT ?, 'reviewed', CAST(? AS BIGINT), id, name || '人民政府',"
			" '对照考核指标逐项自查，附抽检、处置、投诉办理台账。',"
			" '经审核，佐证材料属实' FROM jurisdictions WHERE code = ? AND deleted = 0",
			3, q);
		const int64_t g[] = {year};
		int64_t gov = db_query_int_ids(c->db, "SELECT MAX(id) FROM as_govs WHERE year_id = ?", 1, g, 0);
		char gv[24];
		ID(gv, gov);
		for (int k = 0; rc == DB_OK && k < ZJ_COUNT(indicators); k++) {
			/* 九原区 (i = 5) scores highest of all: its veto must still fail it */
			int sc = i == 5 ? 96 : 70 + (int)(lcg(&seed) % 28);
			char s1[16], s2[16], ind[16];
			snprintf(s1, sizeof s1, "%d", sc);
			snprintf(s2, sizeof s2, "%d", sc > 2 ? sc - (int)(lcg(&seed) % 3) : sc);
			snprintf(ind, sizeof ind, "%d", k);
			const char *r[] = {c->now, gv, s1, s2, y, ind};
			rc = db_run(
				c->db,
				"INSERT INTO as_scores (created_at, gov_id, indicator_id, jurisdiction_id, self_score, score)"
				" SELECT ?, g.id, i.id, g.jurisdiction_id, CAST(? AS INTEGER), CAST(? AS INTEGER)"
				" FROM as_govs g, as_indicators i WHERE g.id = CAST(? AS BIGINT)"
				" AND i.year_id = CAST(? AS BIGINT) AND i.sort = CAST(? AS INTEGER) + 1",
				6, (const char *[]){r[0], r[2], r[3], r[1], r[4], r[5]});
		}
		if (rc == DB_OK && i == 5) {
			const char *r[] = {c->now, gv, y};
			rc = db_run(
				c->db,
				"INSERT INTO as_findings (created_at, gov_id, veto_id, jurisdiction_id, found_on, grounds)"
				" SELECT ?, g.id, v.id, g.jurisdiction_id, '2025-08-14',"
				" '2025年8月辖区内一起集体用餐食物中毒事件，属地政府未按规定时限报告（迟报 2 日）'"
				" FROM as_govs g, as_vetoes v WHERE g.id = CAST(? AS BIGINT) AND v.year_id = CAST(? AS BIGINT)"
				" AND v.name LIKE '%迟报%'",
				3, r);
		}
	}
	if (rc == DB_OK)
		rc = workflow_apply(c, &as_ent_years, year, "rank", NULL, "demo");
	if (rc == DB_OK)
		rc = workflow_apply(c, &as_ent_years, year, "publish", NULL, "demo");
	return rc;
}

int aw_demo(zj_ctx *c, FILE *report)
{
	if (db_query_int(c->db, "SELECT COUNT(*) FROM aw_rounds", 0, NULL, 0) > 0)
		return 0; /* already there */
	int own = !c->db->in_tx;
	int rc = own ? db_begin(c->db) : DB_OK, napps = 0;
	if (rc == DB_OK)
		rc = demo_people(c);
	if (rc == DB_OK)
		rc = demo_award(c, &napps);
	if (rc == DB_OK)
		rc = demo_assess(c);
	if (rc == DB_OK && own)
		rc = db_commit(c->db);
	else if (rc != DB_OK) {
		fprintf(stderr, "award demo: %s %s\n", db_errmsg(c->db),
			c->problem ? json_string_value(json_object_get(c->problem, "detail")) : "");
		if (own)
			db_rollback(c->db);
	}
	if (rc == DB_OK && report)
		fprintf(report,
			"Quality award: 2025 round finished (%d applicants, 5 experts), 2026 round under review;"
			" food-safety assessment 2025 of 9 governments (1 vetoed); users awardoffice, expert2..expert5\n",
			napps);
	return rc == DB_OK ? 0 : -1;
}
