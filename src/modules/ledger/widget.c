/* widget.c — the leaders' key figures of the area on the dashboard
 * (docs/dashboards.md, kind `kpi`): this year's instructions fed back on
 * time (of all this year's instructions), those past their deadline without
 * feedback (督办), and this year's support from the governments in fen. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* n of d in tenths of a percent, "14.3" (integer arithmetic, half up); null without d. */
static json_t *rate(int64_t n, int64_t d)
{
	if (d <= 0)
		return json_null();
	int64_t pm = (n * 1000 + d / 2) / d;
	return json_sprintf("%lld.%lld", (long long)(pm / 10), (long long)(pm % 10));
}

static json_t *kpi_widget(zj_ctx *c)
{
	int year = (int)strtol(c->today, NULL, 10);
	json_t *st = NULL, *rep = NULL;
	if (ledger_instruction_stats(c, year, &st) != 200)
		return NULL;
	json_t *items = json_array();
	int64_t count = json_integer_value(json_object_get(st, "count")),
		on_time = json_integer_value(json_object_get(st, "on_time")),
		overdue = json_integer_value(json_object_get(st, "overdue"));
	json_array_append_new(items, json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:s, s:{s:s, s:s}}", "key",
					       "instructions_on_time", "label", "zh", "领导批示按期反馈率", "en",
					       "Instructions fed back on time", "done", (json_int_t)on_time, "of",
					       (json_int_t)count, "rate_pct",
					       json_string_value(json_object_get(st, "on_time_pct")), "unit", "zh",
					       "条", "en", ""));
	json_array_append_new(items, json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:o, s:{s:s, s:s}}", "key",
					       "instructions_overdue", "label", "zh", "逾期未反馈（督办）", "en",
					       "Overdue without feedback", "done", (json_int_t)overdue, "of",
					       (json_int_t)count, "rate_pct", rate(overdue, count), "unit", "zh", "条",
					       "en", ""));
	json_decref(st);
	if (ctx_can(c, "ledger_grants.read") && ledger_report(c, year, &rep) == 200) {
		json_array_append_new(items,
				      json_pack("{s:s, s:{s:s, s:s}, s:I}", "key", "ledger_total", "label", "zh",
						"本年度各级政府支持（元）", "en", "Government support this year (yuan)",
						"fen",
						(json_int_t)json_integer_value(json_object_get(rep, "total_fen"))));
		json_decref(rep);
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:i, s:o}", "id", "ledger_kpi", "title", "zh",
			 "支撑与批示（本年度）", "en", "Support and instructions this year", "kind", "kpi", "year",
			 year, "items", items);
}

const widget_def lg_widgets[] = {
	{"ledger_kpi", kpi_widget, "ledger_instructions.t.urge", "director"},
	{NULL},
};
