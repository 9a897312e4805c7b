/* seed.c — the rules' parameters (init) and the demo (init --demo): the
 * cost and weight of each sampled category, the signals of the demo year
 * (the rules run once over the food demo's results), warnings at several
 * levels raised from them, and a consumer notice. Deterministic. */
#include "lib/decimal.h"
#include "modules/modules.h"
#include "modules/food/food.h"
#include "modules/risk/risk.h"
#include <stdlib.h>
#include <string.h>

/* clang-format off */
const dict_seed rk_dicts[] = {
	{"risk_level", "red", "红色（Ⅰ级，特别严重）", "Red (level I, particularly serious)"},
	{"risk_level", "orange", "橙色（Ⅱ级，严重）", "Orange (level II, serious)"},
	{"risk_level", "yellow", "黄色（Ⅲ级，较重）", "Yellow (level III, relatively serious)"},
	{"risk_level", "blue", "蓝色（Ⅳ级，一般）", "Blue (level IV, general)"},
	{"risk_signal_kind", "banned", "检出禁用物质", "Prohibited substance detected"},
	{"risk_signal_kind", "over_limit", "严重超标", "Many times over the limit"},
	{"risk_signal_kind", "rate", "不合格率显著偏高", "Failure rate significantly high"},
	{"risk_signal_kind", "trend", "不合格率持续上升", "Failure rate rising"},
	{"risk_signal_kind", "recurrence", "同一企业12个月内再次不合格", "Same enterprise failing again within 12 months"},
	{"risk_signal_kind", "producer", "同一生产者多地不合格", "Same producer failing in several jurisdictions"},
	{"risk_signal_kind", "history", "不合格率高于本单元既往水平", "Failure rate above the cell's own history"},
	{"risk_followup_kind", "sampling", "监督抽检", "Supervision sampling"},
	{"risk_followup_kind", "inspection", "监督检查", "Inspection of the enterprise"},
	{NULL},
};

static const struct {
	const char *code, *name, *name_en, *value, *note;
} params[] = {
	{"over_factor", "严重超标倍数", "Times over the limit", "5", "检测值达到限量的该倍数及以上即为严重超标信号"},
	{"min_cell", "最小统计样本量", "Minimum cell size", "10", "样本量不足的单元不计算统计量、不显示不合格率"},
	{"fdr_permille", "错误发现率（‰）", "False-discovery rate (‰)", "50", "Benjamini–Hochberg 控制水平，50 即 5%"},
	{"window_months", "统计窗口（月）", "Window (months)", "12", "统计与计划所用的历史月数"},
	{"current_months", "当期月数", "Current months", "6", "本单元近该月数的不合格率与统计窗口内此前月份比较，0 即不比较"},
	{"recur_days", "再次不合格期间（日）", "Recurrence period (days)", "365", "同一企业在该期间内再次不合格即为信号"},
	{"ewma_lambda_pct", "EWMA 平滑系数（%）", "EWMA lambda (%)", "30", "越大越重视最近的月份"},
	{"ewma_l_tenths", "EWMA 控制限（十分之一倍标准差）", "EWMA limit (tenths of sd)", "30", "30 即 3 倍标准差"},
	{"prior_strength", "收缩强度（虚拟样本数）", "Shrinkage strength (pseudo-samples)", "20", "计划中向类别不合格率收缩的强度"},
	{"watch_exit_n", "移出名单所需合格批次", "Conforming samples to leave the watch list", "3", "自列入以来合格且无不合格"},
	{"followup_days", "后续处置期限（工作日）", "Follow-up period (working days)", "10", "未指定完成期限时的默认期限"},
	{"webhook_attempts", "预警推送最多尝试次数", "Webhook attempts", "8", "红色、橙色预警推送失败后按 1、2、4…分钟重试"},
	{"webhook_timeout_ms", "预警推送超时（毫秒）", "Webhook timeout (ms)", "5000", "单次推送的连接与应答时限"},
};
/* clang-format on */

int rk_seed(zj_ctx *c)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof params / sizeof params[0]; i++) {
		const char *p[] = {c->now,          params[i].code, params[i].name, params[i].name_en,
				   params[i].value, params[i].note};
		rc = db_run(
			c->db,
			"INSERT INTO risk_params (created_at, code, name, name_en, value, note) VALUES (?, ?, ?, ?, ?, ?)"
			" ON CONFLICT DO NOTHING",
			6, p);
	}
	return rc;
}

/* Costs of the sampled categories: 1,200 yuan a batch, infant food 2,400 and weight 3×. */
static int demo_costs(zj_ctx *c)
{
	const char *p[] = {c->now};
	return db_run(
		c->db,
		"INSERT INTO risk_costs (created_at, category_id, cost_per_batch, weight)"
		" SELECT DISTINCT ?, fc.id, CASE WHEN fc.name LIKE '%婴%' THEN 240000 ELSE 120000 END,"
		" CASE WHEN fc.name LIKE '%婴%' THEN 300 ELSE 100 END FROM food_categories fc"
		" WHERE fc.deleted = 0 AND fc.id IN (SELECT COALESCE(category_id, food_id) FROM samples WHERE deleted = 0)",
		1, p);
}

/* A risk-monitoring campaign of the demo year (食品安全法第十四条): lead in
 * vegetables in 九原区 found over its limit in 12 samples (one of them 6
 * times over), copied from the district's conforming vegetable samples of
 * the year — the district's rate then stands out against the rest of the
 * city (a rate signal, and a many-times-over one). */
static const char SQL_SRC[] =
	"SELECT s.id, r.id, l.value FROM samples s JOIN results r ON r.sample_id = s.id AND r.deleted = 0"
	" JOIN food_analytes a ON a.id = r.analyte_id AND a.code = 'pb' JOIN food_limits l ON l.id = r.limit_id"
	" JOIN food_categories fc ON fc.id = COALESCE(s.category_id, s.food_id) AND fc.code = 'vegetables'"
	" JOIN jurisdictions j ON j.id = s.jurisdiction_id AND j.code = '150207'"
	" WHERE s.deleted = 0 AND s.final_conclusion = 'pass' ORDER BY s.sampled_on DESC, s.id LIMIT 12";

/* The source result's verdict trace with the new value: the same limit and
 * standard, the value over it, each comparison and the verdict "fail". */
static char *failed_trace(zj_ctx *c, const char *rid, const char *val, const char *lim)
{
	const char *p[] = {rid};
	db_stmt *s;
	json_t *t = NULL;
	/* the trace as read: stored whole, or its form and the row's values (034) */
	if (db_prepare(c->db,
		       "SELECT COALESCE(trace, (SELECT f.body FROM food_trace_forms f WHERE f.id = results.trace_form)"
		       " || trace_args) FROM results WHERE id = ?",
		       &s) == DB_OK) {
		db_bind_text(s, 1, p[0]);
		if (db_step(s) == DB_ROW && db_col_text(s, 0)) {
			char *whole = food_trace_render(db_col_text(s, 0));
			t = json_loads(whole ? whole : db_col_text(s, 0), 0, NULL);
			free(whole);
		}
		db_finalize(s);
	}
	if (!t)
		return NULL;
	json_t *in = json_object_get(t, "input"), *specs = json_object_get(t, "specifications"), *sp;
	if (in)
		json_object_set_new(in, "value", json_string(val));
	size_t i;
	char cmp[2400];
	snprintf(cmp, sizeof cmp, "%s > %s", val, lim);
	json_array_foreach (specs, i, sp) {
		json_object_set_new(sp, "compared_value", json_string(val));
		json_object_set_new(sp, "comparison", json_string(cmp));
		json_object_set_new(sp, "verdict", json_string("fail"));
	}
	json_object_set_new(t, "verdict", json_string("fail"));
	char *out = json_dumps(t, JSON_COMPACT);
	json_decref(t);
	return out;
}

static int demo_monitoring(zj_ctx *c)
{
	db_stmt *s;
	int64_t src[12][2];
	char lim[12][DEC_STRMAX];
	int n = 0;
	if (db_prepare(c->db, SQL_SRC, &s) != DB_OK)
		return DB_ERR;
	while (n < 12 && db_step(s) == DB_ROW) {
		src[n][0] = db_col_int(s, 0);
		src[n][1] = db_col_int(s, 1);
		snprintf(lim[n], sizeof lim[n], "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "0");
		n++;
	}
	db_finalize(s);
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < n; i++) {
		char code[24], sid[24], rid[24], val[DEC_STRMAX];
		snprintf(code, sizeof code, "SP2026%06d", 900001 + i);
		snprintf(sid, sizeof sid, "%lld", (long long)src[i][0]);
		dec l, f, v;
		dec_parse(&l, lim[i]);
		dec_from_int(&f, i == 0 ? 6 : 3, 0);
		if (dec_mul(&v, &l, &f) || dec_format(&v, val, sizeof val))
			return DB_ERR;
		const char *p[] = {c->now, code, sid};
		rc = db_run(
			c->db,
			"INSERT INTO samples (created_at, state, code, kind, link, enterprise_id, place, jurisdiction_id,"
			" producer_id, producer_name, food_id, category_id, product_name, brand, sampled_at, sampled_on,"
			" lab_unit_id, items, tested_at, reported_at, conclusion, final_conclusion, enforcement_basis)"
			" SELECT ?, state, ?, 'risk_monitoring', link, enterprise_id, place, jurisdiction_id, producer_id,"
			" producer_name, food_id, category_id, product_name, brand, sampled_at, sampled_on, lab_unit_id,"
			" 'pb', tested_at, reported_at, 'fail', 'fail', 0 FROM samples WHERE id = ?",
			3, p);
		if (rc != DB_OK)
			break;
		int64_t nid = db_query_int(c->db, "SELECT id FROM samples WHERE code = ? AND deleted = 0", 1,
					   (const char *[]){code}, 0);
		snprintf(sid, sizeof sid, "%lld", (long long)nid);
		snprintf(rid, sizeof rid, "%lld", (long long)src[i][1]);
		char *trace = failed_trace(c, rid, val, lim[i]);
		const char *q[] = {c->now, sid, val, val, trace, rid};
		rc = db_run(
			c->db,
			"INSERT INTO results (created_at, sample_id, item, analyte_id, value, unit, lod, method, tested_on,"
			" jurisdiction_id, verdict, limit_id, limit_text, standard_ref, judged_value, trace, needs_decision)"
			" SELECT ?, ?, item, analyte_id, ?, unit, lod, method, tested_on, jurisdiction_id, 'fail', limit_id,"
			" COALESCE(limit_text, (SELECT f.limit_text FROM food_trace_forms f WHERE f.id = results.trace_form)),"
			" COALESCE(standard_ref, (SELECT f.standard_ref FROM food_trace_forms f WHERE f.id = results.trace_form)),"
			" ?, ?, 0 FROM results WHERE id = ?",
			6, q);
		free(trace);
	}
	return rc;
}

/* The first open signal of a kind; 0 when none. */
static int64_t first_signal(zj_ctx *c, const char *kind)
{
	const char *p[] = {kind};
	return db_query_int(c->db, "SELECT MIN(id) FROM risk_signals WHERE kind = ? AND state = 'open' AND deleted = 0",
			    1, p, 0);
}

static int demo_warning(zj_ctx *c, const char *kind, const char *level, const char *title, const char *foods,
			const char *hazards, int64_t *wid)
{
	int64_t sig = first_signal(c, kind);
	json_t *row = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "title", title, "level", level, "scope_foods", foods,
		"scope_hazards", hazards, "scope_areas", "包头市", "measures",
		"对涉及企业开展监督抽检和现场检查，督促企业自查、停止销售并召回问题产品（食品安全法第六十三条）",
		"units_notified", "各旗县区市场监督管理局", "issued_at", c->now);
	if (sig)
		json_object_set_new(row, "signal_id", json_integer(sig));
	int rc = crud_add(c, &rk_ent_warnings, row, wid);
	json_decref(row);
	if (rc == DB_OK && sig) {
		json_t *f = json_pack("{s:I}", "warning_id", (json_int_t)*wid);
		rc = workflow_apply(c, &rk_ent_signals, sig, "raise", f, "demo");
		json_decref(f);
	}
	return rc;
}

int rk_demo(zj_ctx *c, FILE *report)
{
	int rc = rk_seed(c);
	if (rc == DB_OK)
		rc = demo_monitoring(c);
	if (rc == DB_OK)
		rc = demo_costs(c);
	if (rc != DB_OK)
		return -1;
	int added = 0;
	if (rk_compute(c, &added) != DB_OK)
		return -1;
	rc = db_begin(c->db);
	int64_t red = 0, orange = 0, yellow = 0, blue = 0;
	if (rc == DB_OK)
		rc = demo_warning(c, "banned", "red", "水产品中检出禁用兽药孔雀石绿", "淡水鱼", "孔雀石绿", &red);
	if (rc == DB_OK)
		rc = demo_warning(c, "producer", "orange", "同一生产者产品多地抽检不合格", "相关食品", "抽检不合格项目",
				  &orange);
	if (rc == DB_OK)
		rc = demo_warning(c, "rate", "yellow", "部分地区食品不合格率偏高", "相关食品", "抽检不合格项目",
				  &yellow);
	if (rc == DB_OK)
		rc = demo_warning(c, "none", "blue", "夏季食用农产品农药残留风险提示", "蔬菜、水果", "农药残留", &blue);
	if (rc == DB_OK) {
		json_t *tip = json_pack("{s:s, s:s, s:s}", "tip_title", "关于谨慎选购淡水鱼的消费提示", "tip_text",
					"请消费者到正规市场选购水产品，索要购物凭证；发现问题可拨打12315投诉举报。",
					"tip_published_on", c->today);
		rc = crud_set_fields(c, &rk_ent_warnings, blue, tip, "publish_tip");
		json_decref(tip);
	}
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		db_rollback(c->db);
		return -1;
	}
	if (report)
		fprintf(report, "risk: %d signals, 4 warnings (red, orange, yellow, blue)\n", added);
	return rk_demo_monitoring(c, report) == DB_OK ? 0 : -1;
}
