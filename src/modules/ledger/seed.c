/* seed.c — the area's dictionaries, seeded at `init` (module_def.dicts): the granting levels (the city,
 * its districts, banners and county, a park's committee), the kinds of
 * support, their purposes, the units of area and the kinds of report sent
 * up. The labels are what the bureau writes in its ledger. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

/* clang-format off */
const dict_seed lg_dicts[] = {
	{"ledger_level", "city", "市政府", "City government"},
	{"ledger_level", "district", "区政府", "District government"},
	{"ledger_level", "banner", "旗政府", "Banner government"},
	{"ledger_level", "county", "县政府", "County government"},
	{"ledger_level", "park", "园区管委会", "Park committee"},
	{"ledger_kind", "funds", "经费", "Funds"},
	{"ledger_kind", "land", "土地", "Land"},
	{"ledger_kind", "floor", "办公用房", "Floor space"},
	{"ledger_kind", "instrument", "仪器设备", "Instruments"},
	{"ledger_kind", "staff", "抽调人员", "Seconded staff"},
	{"ledger_purpose", "food_testing", "食品检验检测", "Food testing"},
	{"ledger_purpose", "instruments", "购置仪器设备", "Instruments"},
	{"ledger_purpose", "lab_building", "综合实验大楼", "Laboratory building"},
	{"ledger_purpose", "eq_centre", "特种设备检验检测中心", "Special equipment inspection centre"},
	{"ledger_purpose", "quality_award", "政府质量奖", "Government quality award"},
	{"ledger_purpose", "food_centre", "食品检测中心建设", "Food testing centre"},
	{"ledger_purpose", "office", "改善办公条件", "Office conditions"},
	{"ledger_purpose", "brand_zone", "知名品牌示范区建设", "Brand demonstration zone"},
	{"ledger_purpose", "staffing", "充实监管力量", "Supervision staff"},
	{"ledger_purpose", "other", "其他", "Other"},
	{"ledger_area_unit", "mu", "亩", "mu"},
	{"ledger_area_unit", "ha", "公顷", "hectares"},
	{"ledger_area_unit", "sqm", "平方米", "square metres"},
	{"ledger_report_kind", "special", "要情专报", "Special report"},
	{"ledger_report_kind", "request", "请示", "Request for instructions"},
	{"ledger_report_kind", "briefing", "工作简报", "Briefing"},
	{NULL},
};
/* clang-format on */
