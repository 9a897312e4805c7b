/* reports_up.c — reports the bureau sends up (向上报送): 要情专报 through the
 * city party committee's office, 请示 (requests for instructions) and
 * briefings (工作简报), each with its number from the one numbering service
 * (core/numbering.h, a series per kind and year), title, date, addressees
 * and an attachment (core/files.h). An instruction (instructions.c) names
 * the report that prompted it. */
#include "core/numbering.h"
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

static const char *pattern_of(const char *kind)
{
	if (kind && !strcmp(kind, "request"))
		return "包质监请〔{year}〕{n}号";
	if (kind && !strcmp(kind, "briefing"))
		return "质监工作简报〔{year}〕第{n}期";
	return "要情专报〔{year}〕第{n}期";
}

static int no_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	char no[120];
	if (numbering_format(ud, period, period, n, no, sizeof no) != 0)
		return 0;
	const char *p[] = {no};
	return db_query_int(c->db, "SELECT 1 FROM ledger_reports WHERE report_no = ?", 1, p, 0) == 1;
}

static void report_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (old || lg_str(row, "report_no"))
		return;
	const char *kind = lg_str(row, "kind"), *on = lg_str(row, "sent_on");
	if (!kind || !on || strlen(on) < 4)
		return; /* the required fields answer */
	char year[8], series[48], no[120];
	snprintf(year, sizeof year, "%.4s", on);
	snprintf(series, sizeof series, "ledger_reports.%s", kind);
	const char *pat = pattern_of(kind);
	int64_t n;
	if (numbering_take(c, series, pat, year, no_taken, pat, &n, no, sizeof no) == DB_OK)
		json_object_set_new(row, "report_no", json_string(no));
}

static void report_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	(void)old;
	const char *on = lg_str(row, "sent_on");
	if (on && strcmp(on, c->today) > 0)
		crud_field_error(c, errors, "sent_on", FE_FUTURE, "报送日期不能晚于今天", "cannot be later than today");
}

static const entity_hooks report_hooks = {.prepare = report_prepare, .validate = report_validate};

/* clang-format off */
static const field_def report_fields[] = {
	{"report_no", FT_TEXT, "编号", "Number", F_UNIQUE | F_FILLED | F_LIST | F_SEARCH | F_CODE, 0, 100,
	 .help_zh = "不填则按类别和年度自动编号", .help_en = "numbered by kind and year when left empty"},
	{"kind", FT_DICT, "类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "ledger_report_kind"},
	{"title", FT_TEXT, "标题", "Title", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"sent_on", FT_DATE, "报送日期", "Sent on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"addressees", FT_TEXT, "报送对象", "Addressees", F_REQUIRED | F_LIST | F_SEARCH, 2, 300,
	 .help_zh = "如：市委、市人大、市政府、市政协主要领导", .help_en = "e.g. the leaders of the city's party committee, congress, government and CPPCC"},
	{"channel", FT_TEXT, "报送渠道", "Channel", 0, 0, 100, .help_zh = "如：市委办公厅《要情专报》",
	 .help_en = "e.g. the party committee office's special report"},
	{"unit_id", FT_REF, "报送单位", "Sent by", F_FILTER, .ref = "units"},
	{"summary", FT_TEXT, "主要内容", "Summary", F_SEARCH, 0, 4000},
	{"attachment", FT_FILE, "正文", "Main document", 0, .accept = "application/pdf,image/*",
	 .help_zh = "其他附件在本材料页面的“附件”中逐个添加", .help_en = "further attachments are added one by one under Attachments on the report's page"},
};
/* clang-format on */

const entity_def lg_ent_reports = {
	.name = "ledger_reports",
	.table = "ledger_reports",
	.label_zh = "报送材料",
	.label_en = "Reports sent up",
	.menu = "ledger",
	.fields = report_fields,
	.nfields = ZJ_COUNT(report_fields),
	.label_field = "title",
	.default_sort = "-sent_on",
	.hooks = &report_hooks,
	.first_columns = "report_no,kind,title,sent_on,addressees",
};

/* A report's further attachments, any number, one record a file (the
 * report's page lists them as a tab). */
/* clang-format off */
static const field_def report_file_fields[] = {
	{"report_id", FT_REF, "报送材料", "Report", F_REQUIRED | F_LIST | F_FILTER, .ref = "ledger_reports"},
	{"title", FT_TEXT, "附件名称", "Title", F_REQUIRED | F_LIST | F_SEARCH, 1, 200, .help_zh = "如：附件1 检测数据汇总表",
	 .help_en = "e.g. Annex 1, the test data"},
	{"file", FT_FILE, "文件", "File", F_REQUIRED | F_LIST, .accept = "application/pdf,image/*"},
};
/* clang-format on */

const entity_def lg_ent_report_files = {
	.name = "ledger_report_files",
	.table = "ledger_report_files",
	.label_zh = "报送材料附件",
	.label_en = "Report attachments",
	.menu = "ledger",
	.fields = report_file_fields,
	.nfields = ZJ_COUNT(report_file_fields),
	.label_field = "title",
	.default_sort = "id", /* in the order they were added */
	.first_columns = "report_id,title,file",
};
