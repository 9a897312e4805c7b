/* signals.c — the signals from the database: every item result of a
 * concluded sample (风险监测 and 监督抽检 alike: the rules look at hazards,
 * not at enforcement) becomes a row of the pure rules (rules.c); each signal
 * found and not yet recorded (its key) is written with its evidence in
 * words, through the core (crud_add, audited), in one transaction. A
 * recurrence also puts the enterprise on the watch list. Run by the job
 * (module_def.jobs) and on demand (POST /risk_signals/actions/compute). */
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/strbuf.h"
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include "modules/risk/rules.h"
#include <stdlib.h>
#include <string.h>

int64_t rk_param(zj_ctx *c, const char *code, int64_t dflt)
{
	db_stmt *s;
	int64_t v = dflt;
	if (db_prepare(c->db, "SELECT value FROM risk_params WHERE code = ? AND deleted = 0", &s) != DB_OK)
		return dflt;
	db_bind_text(s, 1, code);
	if (db_step(s) == DB_ROW)
		v = db_col_int(s, 0);
	db_finalize(s);
	return v;
}

/* Whole times the judged value is of the limit (decimal, rounded down); 0 when either is missing. */
static int times_over(const char *value, const char *limit)
{
	dec v, l, q;
	long long t = 0;
	if (!value || !limit || dec_parse(&v, value) || dec_parse(&l, limit) || dec_sign(&l) <= 0)
		return 0;
	if (dec_div(&q, &v, &l, 0, DEC_ROUND_DOWN) || dec_to_int(&q, 0, &t) || t < 0)
		return 0;
	return t > 1000000 ? 1000000 : (int)t;
}

static int month_index(const char *d)
{
	int y = 0, m = 0;
	if (!d || sscanf(d, "%4d-%2d", &y, &m) != 2)
		return 0;
	return y * 12 + m - 1;
}

static const char SQL_ROWS[] =
	"SELECT s.id, s.enterprise_id, COALESCE(s.producer_id, 0), COALESCE(s.category_id, s.food_id), r.analyte_id,"
	" s.jurisdiction_id, s.sampled_on, COALESCE(r.decided_verdict, r.verdict), a.kind, r.judged_value, l.value"
	" FROM results r JOIN samples s ON s.id = r.sample_id JOIN food_analytes a ON a.id = r.analyte_id"
	" LEFT JOIN food_limits l ON l.id = r.limit_id"
	" WHERE r.deleted = 0 AND s.deleted = 0 AND s.final_conclusion IN ('pass', 'fail')";

static int load_rows(zj_ctx *c, rk_row **out, int64_t *n)
{
	db_stmt *s;
	int64_t cap = 1024, len = 0;
	rk_row *v = malloc(sizeof(*v) * (size_t)cap);
	if (!v)
		return DB_ERR;
	int rc = db_prepare(c->db, SQL_ROWS, &s);
	if (rc != DB_OK) {
		free(v);
		return rc;
	}
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (len == cap) {
			rk_row *w = realloc(v, sizeof(*v) * (size_t)(cap *= 2));
			if (!w) {
				rc = DB_ERR;
				break;
			}
			v = w;
		}
		rk_row *r = &v[len++];
		const char *on = db_col_text(s, 6), *verdict = db_col_text(s, 7), *kind = db_col_text(s, 8);
		date_days d = 0;
		if (on)
			date_parse(on, &d);
		*r = (rk_row){.sample_id = db_col_int(s, 0),
			      .enterprise_id = db_col_int(s, 1),
			      .producer_id = db_col_int(s, 2),
			      .category_id = db_col_int(s, 3),
			      .analyte_id = db_col_int(s, 4),
			      .juris_id = db_col_int(s, 5),
			      .day = (int)d,
			      .period = month_index(on),
			      .fail = verdict && !strcmp(verdict, "fail"),
			      .banned = kind && !strcmp(kind, "prohibited"),
			      .times = times_over(db_col_text(s, 9), db_col_text(s, 10))};
	}
	db_finalize(s);
	if (rc != DB_DONE) {
		free(v);
		return DB_ERR;
	}
	*out = v;
	*n = len;
	return DB_OK;
}

static const char *const kind_code[] = {NULL,    "banned",     "over_limit", "rate",
					"trend", "recurrence", "producer",   "history"};

static void key_of(const rk_signal *g, int to_period, char *buf, size_t n)
{
	switch (g->kind) {
	case RK_SIG_BANNED:
	case RK_SIG_OVER:
		snprintf(buf, n, "%s:%lld:%lld", kind_code[g->kind], (long long)g->key, (long long)g->analyte_id);
		break;
	case RK_SIG_RATE:
		snprintf(buf, n, "rate:%lld:%lld:%lld:%d", (long long)g->category_id, (long long)g->analyte_id,
			 (long long)g->juris_id, to_period);
		break;
	case RK_SIG_HISTORY:
		snprintf(buf, n, "history:%lld:%lld:%lld:%d", (long long)g->category_id, (long long)g->analyte_id,
			 (long long)g->juris_id, to_period);
		break;
	case RK_SIG_TREND:
		snprintf(buf, n, "trend:%lld:%lld:%d", (long long)g->category_id, (long long)g->juris_id, to_period);
		break;
	case RK_SIG_RECUR: snprintf(buf, n, "recurrence:%lld", (long long)g->key); break;
	default: snprintf(buf, n, "producer:%lld:%lld", (long long)g->producer_id, (long long)g->key);
	}
}

static int exists(zj_ctx *c, const char *sql, const char *text, int64_t id)
{
	db_stmt *s;
	int found = 0;
	if (db_prepare(c->db, sql, &s) != DB_OK)
		return -1;
	if (text)
		db_bind_text(s, 1, text);
	else
		db_bind_int(s, 1, id);
	found = db_step(s) == DB_ROW;
	db_finalize(s);
	return found;
}

/* The code of a sample (the console shows codes, never ids). */
static void sample_codes(zj_ctx *c, const rk_signal *g, strbuf *b)
{
	for (int i = 0; i < g->nsamples; i++) {
		db_stmt *s;
		if (db_prepare(c->db, "SELECT code FROM samples WHERE id = ?", &s) != DB_OK)
			continue;
		db_bind_int(s, 1, g->samples[i]);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			sb_printf(b, "%s%s", b->len ? "," : "", db_col_text(s, 0));
		db_finalize(s);
	}
}

/* The rule that fired and its evidence, in words a supervisor reads. */
static void words(const rk_signal *g, const rk_config *cfg, strbuf *rule, strbuf *ev, const char *codes)
{
	switch (g->kind) {
	case RK_SIG_BANNED:
		sb_add(rule, "检出禁用物质（不得检出）：农业农村部公告第250号 / 食品中可能违法添加的非食用物质名单");
		sb_printf(ev, "样品 %s 检出禁止使用的物质，依法判定为不合格。", codes);
		break;
	case RK_SIG_OVER:
		sb_printf(rule, "检测值达到限量的 %d 倍及以上", cfg->over_factor);
		sb_printf(ev, "样品 %s 的检测值为限量的 %d 倍。", codes, (int)g->stat);
		break;
	case RK_SIG_RATE:
		sb_add(rule, "本区不合格率显著高于全市其他地区（精确二项检验，Benjamini–Hochberg 控制错误发现率）");
		sb_printf(
			ev,
			"本区 %lld 批次中 %lld 批不合格（%.1f%%），全市其他地区 %lld 批次中 %lld 批不合格；"
			"P 值 %.2g，在同时检验的全部单元中经 BH 校正后为 %.2g（阈值 %.2f）；样本量不足 %lld 的单元不检验。"
			"不合格样品：%s。",
			(long long)g->n, (long long)g->k, 100.0 * g->stat, (long long)g->ref_n, (long long)g->ref_k,
			g->p, g->q, cfg->fdr, (long long)cfg->min_n, codes);
		break;
	case RK_SIG_HISTORY:
		sb_add(rule, "本单元近期不合格率显著高于其既往水平（精确二项检验，Benjamini–Hochberg 控制错误发现率）");
		sb_printf(ev,
			  "本区该类食品该项目近 %d 个月 %lld 批次中 %lld 批不合格（%.1f%%），此前 %d 个月 %lld 批次中"
			  " %lld 批不合格（%.1f%%）；P 值 %.2g，在同时检验的全部单元（与其他地区比较、与既往比较）中经"
			  " BH 校正后为 %.2g（阈值 %.2f）；样本量不足 %lld 的单元不检验。最近不合格样品：%s。",
			  cfg->cur_months, (long long)g->n, (long long)g->k, 100.0 * g->stat,
			  cfg->to_period - cfg->from_period + 1 - cfg->cur_months, (long long)g->ref_n,
			  (long long)g->ref_k, g->ref_n ? 100.0 * (double)g->ref_k / (double)g->ref_n : 0.0, g->p, g->q,
			  cfg->fdr, (long long)cfg->min_n, codes);
		break;
	case RK_SIG_TREND:
		sb_add(rule, "不合格率持续上升（指数加权移动平均 EWMA 超出控制上限）");
		sb_printf(ev,
			  "近 %d 个月本区该类食品 %lld 项次检验中 %lld 项次不合格；EWMA 值 %.3f 超过控制上限 %.3f"
			  "（基准为全市该类食品不合格率 %.3f，λ=%.2f，L=%.1f）。最近不合格样品：%s。",
			  cfg->to_period - cfg->from_period + 1, (long long)g->n, (long long)g->k, g->stat, g->q, g->p,
			  cfg->ewma_lambda, cfg->ewma_L, codes);
		break;
	case RK_SIG_RECUR:
		sb_printf(rule, "同一企业 %d 日内再次抽检不合格", cfg->recur_days);
		sb_printf(ev, "该企业相隔 %d 日两次抽检不合格，样品 %s。", (int)g->stat, codes);
		break;
	default:
		sb_add(rule, "同一标称生产者的产品在两个及以上地区抽检不合格");
		sb_printf(ev, "该生产者的产品在 %lld 个地区共 %lld 批次不合格，样品 %s；应通报生产者所在地监管部门。",
			  (long long)g->n, (long long)g->k, codes);
	}
}

static void set_id(json_t *row, const char *k, int64_t v)
{
	if (v > 0)
		json_object_set_new(row, k, json_integer(v));
}

/* A statistic as a decimal string: fixed places, or (sci) three significant
 * digits written out in plain form (a p-value of 2.7e-18 keeps its size);
 * below what a decimal field holds, zero. */
static json_t *dec_text(double v, int places, int sci)
{
	char b[64], out[DEC_STRMAX];
	if (sci)
		snprintf(b, sizeof b, "%.2e", v);
	else
		snprintf(b, sizeof b, "%.*f", places, v);
	dec d;
	if (dec_parse(&d, b) || dec_format(&d, out, sizeof out))
		return json_string("0");
	return json_string(out);
}

/* Puts a recurring enterprise on the watch list (unless it is on it). */
static int watch(zj_ctx *c, const rk_signal *g, int64_t signal_id)
{
	int on = exists(c, "SELECT 1 FROM risk_watch WHERE enterprise_id = ? AND deleted = 0 AND state <> 'released'",
			NULL, g->enterprise_id);
	if (on)
		return on < 0 ? DB_ERR : DB_OK;
	json_t *row =
		json_pack("{s:I, s:I, s:s, s:s, s:I}", "enterprise_id", (json_int_t)g->enterprise_id, "jurisdiction_id",
			  (json_int_t)g->juris_id, "entered_on", c->today, "reason",
			  "12 个月内再次抽检不合格，列入重点监管、加大抽检频次", "signal_id", (json_int_t)signal_id);
	int64_t id;
	int rc = crud_add(c, &rk_ent_watch, row, &id);
	json_decref(row);
	return rc;
}

static int write_one(zj_ctx *c, const rk_signal *g, const rk_config *cfg, int *added)
{
	char key[160];
	key_of(g, cfg->to_period, key, sizeof key);
	int e = exists(c, "SELECT 1 FROM risk_signals WHERE signal_key = ? AND deleted = 0", key, 0);
	if (e)
		return e < 0 ? DB_ERR : DB_OK;
	strbuf codes, rule, ev;
	sb_init(&codes), sb_init(&rule), sb_init(&ev);
	sample_codes(c, g, &codes);
	words(g, cfg, &rule, &ev, codes.s ? codes.s : "");
	json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "signal_key", key, "kind", kind_code[g->kind],
				"detected_on", c->today, "rule", rule.s, "evidence", ev.s, "sample_ids",
				codes.s ? codes.s : "");
	set_id(row, "category_id", g->category_id);
	set_id(row, "analyte_id", g->analyte_id);
	set_id(row, "jurisdiction_id", g->juris_id);
	set_id(row, "enterprise_id", g->enterprise_id);
	set_id(row, "producer_id", g->producer_id);
	if (g->kind == RK_SIG_RATE || g->kind == RK_SIG_TREND || g->kind == RK_SIG_HISTORY) {
		json_object_set_new(row, "n", json_integer(g->n));
		json_object_set_new(row, "k", json_integer(g->k));
		json_object_set_new(row, "ref_n", json_integer(g->ref_n));
		json_object_set_new(row, "ref_k", json_integer(g->ref_k));
		json_object_set_new(row, "statistic", dec_text(g->stat, 6, 0));
	}
	if (g->kind == RK_SIG_RATE || g->kind == RK_SIG_HISTORY) {
		json_object_set_new(row, "p_value", dec_text(g->p, 0, 1));
		json_object_set_new(row, "q_value", dec_text(g->q, 0, 1));
	}
	sb_free(&codes), sb_free(&rule), sb_free(&ev);
	int64_t id;
	int rc = crud_add(c, &rk_ent_signals, row, &id);
	json_decref(row);
	if (rc == DB_OK && g->kind == RK_SIG_RECUR)
		rc = watch(c, g, id);
	if (rc == DB_OK)
		(*added)++;
	return rc;
}

/* The window: the 12 months up to this one; the parameters from risk_params. */
static void config(zj_ctx *c, rk_config *cfg)
{
	int now = month_index(c->today);
	int64_t months = rk_param(c, "window_months", 12);
	*cfg = (rk_config){.over_factor = (int)rk_param(c, "over_factor", 5),
			   .min_n = rk_param(c, "min_cell", 10),
			   .fdr = (double)rk_param(c, "fdr_permille", 50) / 1000.0,
			   .from_period = now - (int)(months > 0 ? months : 12) + 1,
			   .to_period = now,
			   .ewma_lambda = (double)rk_param(c, "ewma_lambda_pct", 30) / 100.0,
			   .ewma_L = (double)rk_param(c, "ewma_l_tenths", 30) / 10.0,
			   .recur_days = (int)rk_param(c, "recur_days", 365),
			   .cur_months = (int)rk_param(c, "current_months", 6)};
}

int rk_compute(zj_ctx *c, int *added)
{
	rk_row *rows = NULL;
	int64_t n = 0;
	int count = 0;
	rk_config cfg;
	config(c, &cfg);
	int rc = db_begin(c->db);
	if (rc != DB_OK)
		return rc;
	rc = load_rows(c, &rows, &n);
	rk_signals sig = {0};
	if (rc == DB_OK && rk_run_rules(rows, n, &cfg, &sig))
		rc = DB_ERR;
	for (int i = 0; rc == DB_OK && i < sig.n; i++)
		rc = write_one(c, &sig.v[i], &cfg, &count);
	rk_signals_free(&sig);
	free(rows);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	if (added)
		*added = rc == DB_OK ? count : 0;
	return rc;
}

int rk_signals_compute(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int added = 0;
	zj_user *who = c->user;
	c->user = NULL; /* the signals are the system's, as when the job finds them */
	int rc = rk_compute(c, &added);
	c->user = who;
	if (rc != DB_OK)
		return ctx_internal(c, "risk compute", db_errmsg(c->db));
	out->json = json_pack("{s:s, s:i}", "today", c->today, "added", added);
	return 200;
}

/* Every ten minutes: a prohibited substance in a result is a signal (and,
 * by the rule below, a to-do of every risk user) within the period. */
static int job_signals(db *d, const char *now)
{
	zj_ctx c;
	ctx_init(&c, d);
	int rc = rk_compute(&c, NULL);
	if (rc != DB_OK)
		fprintf(stderr, "risk_signals: %s\n", db_errmsg(d));
	ctx_clear(&c);
	(void)now;
	return rc;
}

const periodic_job rk_jobs[] = {
	{"risk_signals", 74530416, 600, job_signals},
	{"risk_webhook", 74530417, 60, rk_webhook_job},
	{NULL},
};
