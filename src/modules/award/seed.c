/* seed.c — the area's reference data at `init`: its dictionaries and the
 * GB/T 19580-2012 criteria with their points. Idempotent: a clause already
 * there is left as it is (an office's correction survives a second init).
 * Points: 4.1 领导 110 with its items as printed in a GB/T 19580-2012
 * evaluation table; the other categories' item points as commonly
 * reproduced from the standard (docs/award.md says which are confirmed). */
#include "modules/award/award.h"
#include "modules/modules.h"

/* clang-format off */
const dict_seed aw_dicts[] = {
	{"aw_category", "4.1", "4.1 领导", "4.1 Leadership"},
	{"aw_category", "4.2", "4.2 战略", "4.2 Strategy"},
	{"aw_category", "4.3", "4.3 顾客与市场", "4.3 Customers and market"},
	{"aw_category", "4.4", "4.4 资源", "4.4 Resources"},
	{"aw_category", "4.5", "4.5 过程管理", "4.5 Process management"},
	{"aw_category", "4.6", "4.6 测量、分析与改进", "4.6 Measurement, analysis and improvement"},
	{"aw_category", "4.7", "4.7 结果", "4.7 Results"},
	{"aw_item_kind", "process", "过程（方法-展开-学习-整合）", "Process (approach, deployment, learning, integration)"},
	{"aw_item_kind", "result", "结果（水平-趋势-对比-整合）", "Result (levels, trends, comparisons, integration)"},
	{"aw_aggregation", "mean", "算术平均", "Mean"},
	{"aw_aggregation", "trimmed", "去掉最高最低后平均", "Trimmed mean"},
	{"aw_level", "award", "质量奖", "Award"},
	{"aw_level", "nomination", "提名奖", "Nomination"},
	{"aw_level", "none", "未获奖", "No prize"},
	{"as_method", "formula", "按系统数据计算", "By formula from the system's data"},
	{"as_method", "evidence", "按佐证材料评分", "By evidence and review"},
	{"as_formula", "sampling_completion", "抽检计划完成率", "Sampling plan completion"},
	{"as_formula", "disposal_on_time", "不合格食品核查处置按期完成率", "Failed-food disposals completed on time"},
	{"as_formula", "complaints_on_time", "投诉举报按时办结率", "Complaints and reports handled on time"},
	{"as_result", "excellent", "优秀", "Excellent"},
	{"as_result", "good", "良好", "Good"},
	{"as_result", "pass", "合格", "Pass"},
	{"as_result", "fail", "不合格", "Fail"},
	{"as_result", "vetoed", "一票否决（不合格）", "Vetoed (fail)"},
	{NULL, NULL, NULL, NULL},
};

static const struct { const char *code, *cat, *name, *name_en; int points; const char *kind; } items[] = {
	{"4.1.2", "4.1", "高层领导的作用", "Role of senior leaders", 50, "process"},
	{"4.1.3", "4.1", "组织治理", "Organizational governance", 30, "process"},
	{"4.1.4", "4.1", "社会责任", "Social responsibility", 30, "process"},
	{"4.2.2", "4.2", "战略制定", "Strategy development", 40, "process"},
	{"4.2.3", "4.2", "战略部署", "Strategy deployment", 50, "process"},
	{"4.3.2", "4.3", "顾客和市场的了解", "Customer and market knowledge", 40, "process"},
	{"4.3.3", "4.3", "顾客关系与顾客满意", "Customer relationships and satisfaction", 50, "process"},
	{"4.4.2", "4.4", "人力资源", "Human resources", 60, "process"},
	{"4.4.3", "4.4", "财务资源", "Financial resources", 15, "process"},
	{"4.4.4", "4.4", "信息和知识资源", "Information and knowledge resources", 20, "process"},
	{"4.4.5", "4.4", "技术资源", "Technology resources", 15, "process"},
	{"4.4.6", "4.4", "基础设施", "Infrastructure", 10, "process"},
	{"4.4.7", "4.4", "相关方关系", "Partner relationships", 10, "process"},
	{"4.5.2", "4.5", "过程的识别与设计", "Process identification and design", 50, "process"},
	{"4.5.3", "4.5", "过程的实施与改进", "Process implementation and improvement", 50, "process"},
	{"4.6.2", "4.6", "测量、分析和评价", "Measurement, analysis and review", 40, "process"},
	{"4.6.3", "4.6", "改进与创新", "Improvement and innovation", 40, "process"},
	{"4.7.2", "4.7", "产品和服务结果", "Product and service results", 80, "result"},
	{"4.7.3", "4.7", "顾客与市场结果", "Customer and market results", 80, "result"},
	{"4.7.4", "4.7", "财务结果", "Financial results", 80, "result"},
	{"4.7.5", "4.7", "资源结果", "Resource results", 60, "result"},
	{"4.7.6", "4.7", "过程有效性结果", "Process effectiveness results", 50, "result"},
	{"4.7.7", "4.7", "领导方面的结果", "Leadership results", 50, "result"},
};
/* clang-format on */

int aw_seed(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < ZJ_COUNT(items); i++) {
		char pts[16], sort[16];
		snprintf(pts, sizeof pts, "%d", items[i].points);
		snprintf(sort, sizeof sort, "%d", i + 1);
		const char *p[] = {c->now, items[i].code, items[i].cat, items[i].name, items[i].name_en,
				   pts,    items[i].kind, sort,         items[i].code};
		rc = db_run(
			c->db,
			"INSERT INTO aw_criteria (created_at, code, category, name, name_en, points, kind, edition, sort)"
			" SELECT ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, 'GB/T 19580-2012', CAST(? AS INTEGER) WHERE NOT EXISTS"
			" (SELECT 1 FROM aw_criteria WHERE code = ? AND deleted = 0)",
			9, p);
	}
	return rc;
}
