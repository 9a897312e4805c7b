/* config.c — the bureau's configurable rules of the enforcement area
 * (办案规则配置), versioned by effective date as DOMAIN.md asks of every
 * limit: major-case criteria (thresholds in fen for natural and legal
 * persons, licence revocation, production stop, public interest), hearing
 * thresholds (行政处罚法 Art. 63), consultation quorum and default invitees,
 * the warning window, document numbering words and whether 民法典 Art. 203
 * rolls calendar-day periods. The row in effect on a date is the one with
 * the latest effective_from on or before it; built-in defaults otherwise. */
#include "core/calendar.h"
#include "modules/cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MONEY_MAX 100000000000000LL

static const field_def rule_fields[] = {
	{"effective_from", FT_DATE, "生效日期", "Effective from", F_REQUIRED | F_UNIQUE | F_LIST | F_SORT},
	{"natural_major_fen", FT_MONEY, "重大案件罚没标准（自然人）", "Major case: fine/confiscation, natural person",
	 F_REQUIRED | F_LIST, .min = 0, .max = MONEY_MAX},
	{"legal_major_fen", FT_MONEY, "重大案件罚没标准（法人和其他组织）",
	 "Major case: fine/confiscation, legal person", F_REQUIRED | F_LIST, .min = 0, .max = MONEY_MAX},
	{"natural_hearing_fen", FT_MONEY, "较大数额（自然人）", "Hearing threshold, natural person", F_REQUIRED,
	 .min = 0, .max = MONEY_MAX, .help_zh = "行政处罚法第六十三条",
	 .help_en = "Administrative Penalty Law Art. 63"},
	{"legal_hearing_fen", FT_MONEY, "较大数额（法人和其他组织）", "Hearing threshold, legal person", F_REQUIRED,
	 .min = 0, .max = MONEY_MAX},
	{"major_on_revocation", FT_BOOL, "吊销许可证件为重大案件", "Licence revocation makes a case major", F_LIST},
	{"major_on_stop", FT_BOOL, "责令停产停业为重大案件", "Production stop makes a case major", F_LIST},
	{"major_on_public_interest", FT_BOOL, "涉及重大公共利益为重大案件", "Major public interest makes a case major",
	 F_LIST},
	{"legal_review_all", FT_BOOL, "普通程序案件均须法制审核", "Legal review for every ordinary-procedure case", 0},
	{"quorum_pct", FT_INT, "会商法定人数（受邀单位百分比）", "Consultation quorum (% of invited agencies)",
	 F_REQUIRED, .unit = "percent", .min = 1, .max = 100},
	{"near_due_days", FT_INT, "临期预警天数", "Near-due warning", F_REQUIRED, .unit = "day", .min = 0, .max = 60},
	{"roll_art203", FT_BOOL, "期间末日为休息日顺延", "Roll periods ending on a rest day (Civil Code Art. 203)", 0},
	{"bureau_name", FT_TEXT, "机关名称", "Bureau name", F_REQUIRED, 2, 100},
	{"filing_word", FT_TEXT, "立案文号字", "Filing number word", F_REQUIRED, 1, 20},
	{"notice_word", FT_TEXT, "告知书文号字", "Notice number word", F_REQUIRED, 1, 20},
	{"hearing_word", FT_TEXT, "听证通知书文号字", "Hearing notice number word", F_REQUIRED, 1, 20},
	{"decision_word", FT_TEXT, "处罚决定书文号字", "Decision number word", F_REQUIRED, 1, 20},
	{"consult_units", FT_TEXT, "默认会商单位（单位编码）", "Agencies invited by default (unit codes)", F_REQUIRED,
	 1, 250, 0, 0, "^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$"},
	{"reconsideration_body", FT_TEXT, "行政复议机关", "Reconsideration body", 0, 0, 120,
	 .help_zh = "写入行政处罚决定书（行政处罚法第五十九条）",
	 .help_en = "printed on the decision (Administrative Penalty Law Art. 59)"},
	{"court", FT_TEXT, "管辖人民法院", "Competent court", 0, 0, 120},
	{"payment_bank", FT_TEXT, "罚款代收银行", "Bank collecting fines", 0, 0, 190, .help_zh = "行政处罚法第六十七条",
	 .help_en = "Art. 67"},
	{"payment_online", FT_TEXT, "电子缴款渠道", "Electronic payment", 0, 0, 190},
	{"basis", FT_TEXT, "依据及说明", "Basis and notes", 0, 0, 1000},
};

const entity_def cs_ent_rules = {
	.name = "case_rules",
	.table = "case_rules",
	.label_zh = "办案规则配置",
	.label_en = "Case rules",
	.menu = "cases",
	.fields = rule_fields,
	.nfields = ZJ_COUNT(rule_fields),
	.label_field = "effective_from",
	.default_sort = "-effective_from",
	.no_delete = 1,
};

/* Sets dst from src when src has text (dst keeps its default otherwise). */
static void copy(char *dst, size_t n, const char *src)
{
	if (src && *src)
		snprintf(dst, n, "%s", src);
}

void cs_config_load(zj_ctx *c, const char *on, cs_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cs_criteria_default(&cfg->k);
	snprintf(cfg->bureau, sizeof cfg->bureau, "%s", "包头市质量技术监督局");
	snprintf(cfg->filing_word, sizeof cfg->filing_word, "%s", "包质监立字");
	snprintf(cfg->notice_word, sizeof cfg->notice_word, "%s", "包质监罚告字");
	snprintf(cfg->hearing_word, sizeof cfg->hearing_word, "%s", "包质监听告字");
	snprintf(cfg->decision_word, sizeof cfg->decision_word, "%s", "包质监罚字");
	snprintf(cfg->consult_units, sizeof cfg->consult_units, "%s", "AG-FGW,AG-SW,AG-JW,AG-JC,AG-GA");
	snprintf(cfg->reconsideration_body, sizeof cfg->reconsideration_body, "%s", "包头市人民政府");
	snprintf(cfg->court, sizeof cfg->court, "%s", "包头市昆都仑区人民法院");
	snprintf(cfg->payment_bank, sizeof cfg->payment_bank, "%s", "本机关指定的罚没款代收银行");
	snprintf(cfg->payment_online, sizeof cfg->payment_online, "%s", "内蒙古自治区非税收入电子缴款系统");
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT natural_major_fen, legal_major_fen, natural_hearing_fen, legal_hearing_fen, major_on_revocation,"
		    " major_on_stop, major_on_public_interest, legal_review_all, quorum_pct, near_due_days, roll_art203,"
		    " bureau_name, filing_word, notice_word, hearing_word, decision_word, consult_units, reconsideration_body, court,"
		    " payment_bank, payment_online FROM case_rules"
		    " WHERE deleted = 0 AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1",
		    &s) != DB_OK) {
		/* not the defaults: the bureau's rules could not be read (the write
		 * or action answers 500: crud.c, workflow.c, api.c check ctx_failed) */
		ctx_internal(c, "case rules", db_errmsg(c->db));
		return;
	}
	db_bind_text(s, 1, on && *on ? on : c->today);
	int rc = db_step(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "case rules", db_errmsg(c->db));
	if (rc == DB_ROW) {
		cfg->k.natural_major_fen = db_col_int(s, 0);
		cfg->k.legal_major_fen = db_col_int(s, 1);
		cfg->k.natural_hearing_fen = db_col_int(s, 2);
		cfg->k.legal_hearing_fen = db_col_int(s, 3);
		cfg->k.major_on_revocation = (int)db_col_int(s, 4);
		cfg->k.major_on_stop = (int)db_col_int(s, 5);
		cfg->k.major_on_public_interest = (int)db_col_int(s, 6);
		cfg->legal_review_all = (int)db_col_int(s, 7);
		cfg->k.quorum_pct = (int)db_col_int(s, 8);
		cfg->k.near_due_days = (int)db_col_int(s, 9);
		cfg->k.roll_art203 = (int)db_col_int(s, 10);
		copy(cfg->bureau, sizeof cfg->bureau, db_col_text(s, 11));
		copy(cfg->filing_word, sizeof cfg->filing_word, db_col_text(s, 12));
		copy(cfg->notice_word, sizeof cfg->notice_word, db_col_text(s, 13));
		copy(cfg->hearing_word, sizeof cfg->hearing_word, db_col_text(s, 14));
		copy(cfg->decision_word, sizeof cfg->decision_word, db_col_text(s, 15));
		copy(cfg->consult_units, sizeof cfg->consult_units, db_col_text(s, 16));
		copy(cfg->reconsideration_body, sizeof cfg->reconsideration_body, db_col_text(s, 17));
		copy(cfg->court, sizeof cfg->court, db_col_text(s, 18));
		copy(cfg->payment_bank, sizeof cfg->payment_bank, db_col_text(s, 19));
		copy(cfg->payment_online, sizeof cfg->payment_online, db_col_text(s, 20));
	}
	db_finalize(s);
}

int cs_env_load(zj_ctx *c, cs_env *x)
{
	memset(x, 0, sizeof *x);
	cs_config_load(c, c->today, &x->cfg);
	if (date_parse(c->today, &x->today) != DATE_OK)
		return -1;
	x->cal = calendar_load(c->db);
	return x->cal ? 0 : -1;
}

void cs_env_free(cs_env *x)
{
	calendar_free(x->cal);
	x->cal = NULL;
}
