/* intervals.c — the periodic-inspection interval engine of special
 * equipment (intervals.h) and the built-in rule table. The table is data:
 * one row per category, unit type, inspection kind, safety grade and
 * first/later inspection, with its regulation, clause and effective date;
 * eq_rule_find picks the edition in force on the inspection date and
 * eq_next_due applies it. Sources and the readings kept configurable are
 * in docs/equipment.md, "Inspection intervals". */
#include "modules/equipment/intervals.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Elevators on TSG T7001-2023: inspections in years 1, 4, 7, 9, 11, 13 and
 * 15 after the base date, then yearly; self-tests (TSG T7008-2023) in the
 * years between. */
static const int elevator_2023[] = {12, 48, 84, 108, 132, 156, 180, 0};
static const int elevator_selftest[] = {24, 36, 60, 72, 96, 120, 144, 168, 0};
/* LPG cylinders YSP-0.5 … YSP-15: 4, 4, 4 years from manufacture, then 3. */
static const int lpg_small[] = {48, 96, 144, 0};

/* regulation, clause, effective date. A clause or a date left "" was not
 * confirmed from the regulation's text (docs/equipment.md lists them): the
 * row is still data, and a later edition is added as rows of its own. */
#define T11 "TSG 11-2020", "", "2021-06-01"
#define T21 "TSG 21-2016", "8.1.6", "2016-10-01"
#define T21Y "TSG 21-2016", "", "2016-10-01"
#define T23 "TSG 23-2021", "", "2021-06-01"
#define TD5 "TSG D7005-2018", "", ""
#define TD4 "TSG D7004-2010", "", ""
#define TT09 "TSG T7001-2009", "", ""
#define TT23 "TSG T7001-2023", "", "2023-04-02"
#define TT08 "TSG T7008-2023", "", "2023-04-02"
#define TQ "TSG Q7015-2016", "第五条", ""
#define T81 "TSG 81-2022", "", ""
#define T71 "TSG 71-2023", "", "2024-03-01"
#define TS "TSG S7001-2013", "", ""

/* category, type, kind, grade, first, months, min, max, schedule, usable,
 * monitored, regulation, clause, effective, zh, en, early, status */
const eq_rule eq_rules_builtin[] = {
	/* boilers */
	{1000, "", "external", 0, 0, 12, 0, 0, NULL, 1, 0, T11, "外部检验每年1次", "external inspection yearly", 0,
	 "V"},
	{1000, "", "internal", 0, 1, 12, 0, 0, NULL, 1, 0, T11, "首次内部检验在投入运行后1年",
	 "first internal inspection 1 year after commissioning", 0, "V"},
	{1000, "", "internal", 0, 0, 24, 0, 0, NULL, 1, 0, T11, "内部检验一般每2年1次",
	 "internal inspection generally every 2 years", 0, "V"},
	{1000, "utility", "internal", 0, 0, 0, 36, 72, NULL, 1, 0, T11, "电站锅炉内部检验结合大修，一般每3～6年",
	 "utility boiler internal inspection with overhaul, generally every 3-6 years", 0, "V"},
	{1000, "process_unit", "internal", 0, 0, 0, 36, 72, NULL, 1, 0, T11,
	 "成套装置中的锅炉内部检验结合成套装置大修，一般每3～6年",
	 "internal inspection of a boiler in a process unit with the unit's overhaul, generally every 3-6 years", 0,
	 "I"},
	{1000, "", "pressure_test", 0, 0, 36, 0, 0, NULL, 1, 0, T11,
	 "因结构原因无法内部检验的，每3年进行1次水(耐)压试验",
	 "where internal inspection is impossible, pressure test every 3 years", 0, "V"},
	/* fixed pressure vessels: metal */
	{2000, "", "periodic", 0, 1, 36, 0, 0, NULL, 1, 0, T21, "首次定期检验在投用后3年内",
	 "first periodic inspection within 3 years of commissioning", 0, "V"},
	{2000, "", "periodic", 1, 0, 72, 0, 0, NULL, 1, 0, T21, "安全状况等级1级，每6年",
	 "safety grade 1: every 6 years", 0, "V"},
	{2000, "", "periodic", 2, 0, 72, 0, 0, NULL, 1, 0, T21, "安全状况等级2级，每6年",
	 "safety grade 2: every 6 years", 0, "V"},
	{2000, "", "periodic", 3, 0, 0, 36, 72, NULL, 1, 0, T21, "安全状况等级3级，每3～6年",
	 "safety grade 3: every 3 to 6 years", 0, "V"},
	{2000, "", "periodic", 4, 0, 0, 1, 36, NULL, 1, 1, T21, "安全状况等级4级，监控使用，累计不超过3年",
	 "safety grade 4: monitored use, 3 years in total at most", 0, "V"},
	{2000, "", "periodic", 5, 0, 0, 0, 0, NULL, 0, 0, T21, "安全状况等级5级，应当对缺陷进行处理，否则不得继续使用",
	 "safety grade 5: defects to be repaired, otherwise not to be used", 0, "V"},
	{2000, "", "annual_check", 0, 0, 12, 0, 0, NULL, 1, 0, T21Y, "使用单位年度检查，每年至少1次",
	 "user's annual check, at least yearly", 0, "V"},
	/* fixed pressure vessels: non-metal */
	{2000, "nonmetal", "periodic", 0, 1, 12, 0, 0, NULL, 1, 0, T21, "非金属压力容器首次定期检验在投用后1年内",
	 "non-metal vessel: first periodic inspection within 1 year", 0, "V"},
	{2000, "nonmetal", "periodic", 1, 0, 36, 0, 0, NULL, 1, 0, T21, "非金属压力容器安全状况等级1级，每3年",
	 "non-metal vessel grade 1: every 3 years", 0, "V"},
	{2000, "nonmetal", "periodic", 2, 0, 24, 0, 0, NULL, 1, 0, T21, "非金属压力容器安全状况等级2级，每2年",
	 "non-metal vessel grade 2: every 2 years", 0, "V"},
	{2000, "nonmetal", "periodic", 3, 0, 0, 1, 12, NULL, 1, 1, T21,
	 "非金属压力容器安全状况等级3级，监控使用，累计不超过1年",
	 "non-metal vessel grade 3: monitored use, 1 year in total at most", 0, "V"},
	{2000, "nonmetal", "periodic", 4, 0, 0, 0, 0, NULL, 0, 0, T21,
	 "非金属压力容器安全状况等级4级，不得在当前介质下继续使用",
	 "non-metal vessel grade 4: not to be used with the current medium", 0, "V"},
	{2000, "nonmetal", "periodic", 5, 0, 0, 0, 0, NULL, 0, 0, T21,
	 "非金属压力容器安全状况等级5级，应当对缺陷进行处理，否则不得继续使用",
	 "non-metal vessel grade 5: to be repaired, otherwise not to be used", 0, "V"},
	/* gas cylinders, by the gas they hold */
	{2300, "corrosive", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, T23, "盛装腐蚀性气体的气瓶，每2年",
	 "cylinders for corrosive gases: every 2 years", 0, "V"},
	{2300, "general", "periodic", 0, 0, 36, 0, 0, NULL, 1, 0, T23, "盛装一般气体的气瓶，每3年",
	 "cylinders for general gases: every 3 years", 0, "V"},
	{2300, "inert", "periodic", 0, 0, 60, 0, 0, NULL, 1, 0, T23, "盛装惰性气体、高纯气体的气瓶，每5年",
	 "cylinders for inert or high-purity gases: every 5 years", 0, "V"},
	{2300, "lpg", "periodic", 0, 0, 36, 0, 0, lpg_small, 1, 0, T23,
	 "液化石油气钢瓶YSP-0.5～YSP-15，自出厂起第1～3次每4年，之后每3年",
	 "LPG cylinders YSP-0.5 to YSP-15: 4, 4, 4 years from manufacture, then every 3", 12, "I"},
	{2300, "lpg_ysp50", "periodic", 0, 0, 36, 0, 0, NULL, 1, 0, T23, "液化石油气钢瓶YSP-50，每3年",
	 "LPG cylinders YSP-50: every 3 years", 0, "V"},
	/* elevators */
	{3000, "", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TT09, "定期检验每年1次", "periodic inspection yearly", 0,
	 "V"},
	{3000, "", "periodic", 0, 0, 12, 0, 0, elevator_2023, 1, 0, TT23,
	 "自监督检验合格之日起第1、4、7、9、11、13、15年各检验1次，15年后每年1次",
	 "inspected in years 1, 4, 7, 9, 11, 13 and 15 from the supervision inspection, then yearly", 2, "I"},
	{3000, "", "self_test", 0, 0, 12, 0, 0, elevator_selftest, 1, 0, TT08,
	 "未实施定期检验的年份进行自行检测(第2、3、5、6、8、10、12、14年)",
	 "self-test in the years without periodic inspection (years 2, 3, 5, 6, 8, 10, 12, 14)", 2, "I"},
	{3000, "", "self_test_annual", 0, 0, 12, 0, 0, NULL, 1, 0, TT08, "自行检测每年1次", "self-test every year", 0,
	 "I"},
	/* lifting appliances, by type (TSG Q7015-2016 Art. 5) */
	{4000, "tower", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TQ, "塔式起重机每年1次", "tower cranes yearly", 0, "V"},
	{4000, "lift", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TQ, "升降机每年1次",
	 "construction and other lifts yearly", 0, "V"},
	{4000, "mobile", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TQ, "流动式起重机每年1次", "mobile cranes yearly", 0,
	 "V"},
	{4000, "rtg_container", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "轮胎式集装箱门式起重机每2年1次",
	 "rubber-tyred container gantry cranes every 2 years", 0, "V"},
	{4000, "bridge", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "桥式起重机每2年1次",
	 "bridge cranes every 2 years", 0, "V"},
	{4000, "gantry", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "门式起重机每2年1次",
	 "gantry cranes every 2 years", 0, "V"},
	{4000, "portal", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "门座式起重机每2年1次",
	 "portal cranes every 2 years", 0, "V"},
	{4000, "cable", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "缆索式起重机每2年1次",
	 "cable cranes every 2 years", 0, "V"},
	{4000, "mast", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "桅杆式起重机每2年1次", "mast cranes every 2 years",
	 0, "V"},
	{4000, "railway", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "铁路起重机每2年1次",
	 "railway cranes every 2 years", 0, "V"},
	{4000, "jib", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "旋臂式起重机每2年1次", "jib cranes every 2 years", 0,
	 "V"},
	{4000, "light_small", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "轻小型起重设备每2年1次",
	 "light and small lifting equipment every 2 years", 0, "V"},
	{4000, "parking", "periodic", 0, 0, 24, 0, 0, NULL, 1, 0, TQ, "机械式停车设备每2年1次",
	 "mechanical parking equipment every 2 years", 0, "V"},
	{4000, "molten_metal", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TQ, "吊运熔融金属或者炽热金属的起重机每年1次",
	 "cranes lifting molten or red-hot metal yearly", 0, "V"},
	/* in-plant motor vehicles, amusement rides, ropeways */
	{5000, "", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, T81, "定期检验每年1次", "periodic inspection yearly", 0,
	 "I"},
	{6000, "", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, T71, "定期检验每年1次", "periodic inspection yearly", 0,
	 "I"},
	{9000, "", "periodic", 0, 0, 12, 0, 0, NULL, 1, 0, TS, "定期检验每年1次", "periodic inspection yearly", 0, "I"},
	/* pressure piping: industrial (GC) by safety grade, public (GB) by kind */
	{8000, "GC1", "periodic", 0, 1, 36, 0, 0, NULL, 1, 0, TD5, "工业管道首次定期检验一般在投用后3年内",
	 "industrial piping: first periodic inspection generally within 3 years", 0, "I"},
	{8000, "GC2", "periodic", 0, 1, 36, 0, 0, NULL, 1, 0, TD5, "工业管道首次定期检验一般在投用后3年内",
	 "industrial piping: first periodic inspection generally within 3 years", 0, "I"},
	{8000, "GC3", "periodic", 0, 1, 36, 0, 0, NULL, 1, 0, TD5, "工业管道首次定期检验一般在投用后3年内",
	 "industrial piping: first periodic inspection generally within 3 years", 0, "I"},
	{8000, "", "periodic", 1, 0, 72, 12, 72, NULL, 1, 0, TD5, "安全状况等级1级，GC1、GC2级不超过6年",
	 "safety grade 1, GC1/GC2: 6 years at most", 0, "V"},
	{8000, "", "periodic", 2, 0, 72, 12, 72, NULL, 1, 0, TD5, "安全状况等级2级，GC1、GC2级不超过6年",
	 "safety grade 2, GC1/GC2: 6 years at most", 0, "V"},
	{8000, "GC3", "periodic", 1, 0, 108, 12, 108, NULL, 1, 0, TD5, "安全状况等级1级，GC3级不超过9年",
	 "safety grade 1, GC3: 9 years at most", 0, "V"},
	{8000, "GC3", "periodic", 2, 0, 108, 12, 108, NULL, 1, 0, TD5, "安全状况等级2级，GC3级不超过9年",
	 "safety grade 2, GC3: 9 years at most", 0, "V"},
	{8000, "", "periodic", 3, 0, 36, 1, 36, NULL, 1, 1, TD5, "安全状况等级3级，不超过3年，监控运行",
	 "safety grade 3: 3 years at most, monitored", 0, "V"},
	{8000, "", "periodic", 4, 0, 0, 0, 0, NULL, 0, 0, TD5, "安全状况等级4级，应当对缺陷进行处理，否则不得继续使用",
	 "safety grade 4: defects to be handled, otherwise not to be used", 0, "V"},
	{8000, "", "annual_check", 0, 0, 12, 0, 0, NULL, 1, 0, TD5, "使用单位年度检查，每年至少1次",
	 "user's annual check, at least yearly", 0, "V"},
	{8000, "GB1-III", "periodic", 0, 0, 96, 12, 96, NULL, 1, 0, TD4, "GB1-Ⅲ级次高压燃气管道一般不超过8年",
	 "GB1-III sub-high-pressure gas piping: generally 8 years at most", 0, "V"},
	{8000, "GB1-IV", "periodic", 0, 0, 144, 12, 144, NULL, 1, 0, TD4, "GB1-Ⅳ级次高压燃气管道一般不超过12年",
	 "GB1-IV sub-high-pressure gas piping: generally 12 years at most", 0, "V"},
	{8000, "GB1-medium", "periodic", 0, 0, 144, 12, 144, NULL, 1, 0, TD4, "中压燃气管道一般不超过12年",
	 "medium-pressure gas piping: generally 12 years at most", 0, "V"},
	{8000, "GB2", "periodic", 0, 0, 144, 12, 144, NULL, 1, 0, TD4, "GB2级管道一般不超过12年",
	 "GB2 piping: generally 12 years at most", 0, "V"},
	{8000, "GB1-PE", "periodic", 0, 0, 180, 12, 180, NULL, 1, 0, TD4,
	 "以聚乙烯(PE)管或铸铁管为管道材料的，不超过15年", "PE or cast-iron piping: 15 years at most", 0, "V"},
	{0},
};

size_t eq_rules_builtin_count(void)
{
	return sizeof eq_rules_builtin / sizeof eq_rules_builtin[0] - 1;
}

const eq_type eq_types[] = {
	{1000, "steam", "承压蒸汽锅炉", "pressure steam boiler"},
	{1000, "hot_water", "承压热水锅炉", "pressure hot-water boiler"},
	{1000, "organic", "有机热载体锅炉", "organic heat-carrier boiler"},
	{1000, "utility", "电站锅炉", "utility (power-station) boiler"},
	{1000, "process_unit", "成套装置中的锅炉", "boiler in a process unit"},
	{2000, "fixed", "固定式压力容器(金属)", "fixed pressure vessel (metal)"},
	{2000, "nonmetal", "非金属压力容器", "non-metal pressure vessel"},
	{2300, "general", "一般气体气瓶", "cylinder, general gas"},
	{2300, "corrosive", "腐蚀性气体气瓶", "cylinder, corrosive gas"},
	{2300, "inert", "惰性、高纯气体气瓶", "cylinder, inert or high-purity gas"},
	{2300, "lpg", "液化石油气钢瓶YSP-0.5～15", "LPG cylinder YSP-0.5 to 15"},
	{2300, "lpg_ysp50", "液化石油气钢瓶YSP-50", "LPG cylinder YSP-50"},
	{3000, "traction", "曳引与强制驱动电梯", "traction or positive-drive lift"},
	{3000, "hydraulic", "液压驱动电梯", "hydraulic lift"},
	{3000, "escalator", "自动扶梯", "escalator"},
	{3000, "moving_walk", "自动人行道", "moving walk"},
	{3000, "firefighter", "消防员电梯", "firefighter lift"},
	{3000, "explosion_proof", "防爆电梯", "explosion-proof lift"},
	{3000, "inclined", "斜行电梯", "inclined lift"},
	{4000, "bridge", "桥式起重机", "bridge crane"},
	{4000, "gantry", "门式起重机", "gantry crane"},
	{4000, "rtg_container", "轮胎式集装箱门式起重机", "rubber-tyred container gantry crane"},
	{4000, "tower", "塔式起重机", "tower crane"},
	{4000, "mobile", "流动式起重机", "mobile crane"},
	{4000, "portal", "门座式起重机", "portal crane"},
	{4000, "lift", "升降机", "lift (hoist)"},
	{4000, "cable", "缆索式起重机", "cable crane"},
	{4000, "mast", "桅杆式起重机", "mast crane"},
	{4000, "railway", "铁路起重机", "railway crane"},
	{4000, "jib", "旋臂式起重机", "jib crane"},
	{4000, "light_small", "轻小型起重设备", "light and small lifting equipment"},
	{4000, "parking", "机械式停车设备", "mechanical parking equipment"},
	{4000, "molten_metal", "吊运熔融金属的起重机", "crane lifting molten metal"},
	{5000, "forklift", "叉车", "forklift"},
	{5000, "sightseeing", "观光车辆", "sightseeing vehicle"},
	{6000, "observation", "观览车类", "observation (ferris) wheel type"},
	{6000, "coaster", "滑行车类", "roller-coaster type"},
	{6000, "aerial", "架空游览车类", "aerial sightseeing car type"},
	{6000, "gyro", "陀螺类", "gyro type"},
	{6000, "tower", "飞行塔类", "flying tower type"},
	{6000, "carousel", "转马类", "carousel type"},
	{6000, "self_control", "自控飞机类", "self-controlled plane type"},
	{6000, "kart", "赛车类", "kart type"},
	{6000, "train", "小火车类", "small train type"},
	{6000, "bumper", "碰碰车类", "bumper car type"},
	{6000, "slide", "滑道类", "slide type"},
	{6000, "water", "水上游乐设施", "water ride"},
	{6000, "unpowered", "无动力游乐设施", "unpowered ride"},
	{8000, "GC1", "工业管道GC1级", "industrial piping GC1"},
	{8000, "GC2", "工业管道GC2级", "industrial piping GC2"},
	{8000, "GC3", "工业管道GC3级", "industrial piping GC3"},
	{8000, "GB1-III", "GB1-Ⅲ级次高压燃气管道", "GB1-III sub-high-pressure gas piping"},
	{8000, "GB1-IV", "GB1-Ⅳ级次高压燃气管道", "GB1-IV sub-high-pressure gas piping"},
	{8000, "GB1-medium", "中压燃气管道", "medium-pressure gas piping"},
	{8000, "GB1-PE", "聚乙烯(PE)或铸铁燃气管道", "PE or cast-iron gas piping"},
	{8000, "GB2", "GB2级公用管道(热力)", "GB2 public piping (heat supply)"},
	{9000, "aerial", "客运架空索道", "aerial ropeway"},
	{9000, "funicular", "客运缆车", "funicular"},
	{9000, "surface", "客运拖牵索道", "surface lift"},
	{0},
};

static const struct {
	int code;
	const char *zh, *en;
} categories[] = {
	{1000, "锅炉", "boiler"},
	{2000, "压力容器", "pressure vessel"},
	{2300, "气瓶", "gas cylinder"},
	{3000, "电梯", "elevator"},
	{4000, "起重机械", "lifting appliance"},
	{5000, "场(厂)内专用机动车辆", "in-plant motor vehicle"},
	{6000, "大型游乐设施", "large amusement ride"},
	{8000, "压力管道", "pressure piping"},
	{9000, "客运索道", "passenger ropeway"},
};

int eq_category_known(int category)
{
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		if (categories[i].code == category)
			return 1;
	return 0;
}

const char *eq_category_name(int category, int en)
{
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		if (categories[i].code == category)
			return en ? categories[i].en : categories[i].zh;
	return "";
}

int eq_type_known(int category, const char *type)
{
	if (!type || !*type)
		return 1;
	for (const eq_type *t = eq_types; t->category; t++)
		if (t->category == category && !strcmp(t->code, type))
			return 1;
	return 0;
}

int eq_grade_max(int category)
{
	return category == 2000 ? 5 : category == 8000 ? 4 : 0;
}

int eq_conclusion_fits(int category, const char *c)
{
	if (!c || !*c)
		return 1;
	if (!strcmp(c, "pass") || !strcmp(c, "fail"))
		return 1;
	if (!strcmp(c, "conditional"))
		return category == 1000 || category == 2000 || category == 8000;
	if (!strcmp(c, "pass_recheck"))
		return category == 3000 || category == 4000 || category == 5000 || category == 6000 || category == 9000;
	return 0;
}

int eq_kind_known(const eq_rule *rules, size_t n, int category, const char *kind)
{
	if (!kind)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (rules[i].category == category && rules[i].kind && !strcmp(rules[i].kind, kind))
			return 1;
	return 0;
}

/* "YYYY-MM-DD" → YYYYMMDD as an integer (comparable); 0 for NULL/"" (in
 * force since always). Table dates are checked by the unit tests. */
static long ymd_key(const char *s)
{
	if (!s || !*s)
		return 0;
	long v = 0;
	for (int i = 0; i < 10 && s[i]; i++)
		if (s[i] != '-')
			v = v * 10 + (s[i] - '0');
	return v;
}

static long day_key(date_days d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return (long)y * 10000 + m * 100 + dd;
}

static int str_is(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The candidates of one lookup, best first: edition in force (latest
 * effective ≤ on), then type match, then grade match. With `earliest`, the
 * earliest edition instead (for dates before every edition in the table). */
static const eq_rule *find_rule(const eq_rule *rules, size_t n, int category, const char *type, const char *kind,
				int grade, int first, long on, const char *regulation, int earliest)
{
	const eq_rule *best = NULL;
	long best_eff = 0;
	int best_spec = -1;
	for (size_t i = 0; i < n; i++) {
		const eq_rule *r = &rules[i];
		if (r->category != category || r->first != first || (r->grade && r->grade != grade))
			continue;
		if (!r->kind || strcmp(r->kind, kind))
			continue;
		int typed = r->type && r->type[0];
		if (typed && !str_is(r->type, type))
			continue;
		if (regulation && !str_is(r->regulation, regulation))
			continue;
		long eff = ymd_key(r->effective);
		if (!earliest && eff > on)
			continue;
		int spec = typed * 2 + (r->grade != 0);
		int better =
			!best || (earliest ? eff < best_eff : eff > best_eff) || (eff == best_eff && spec > best_spec);
		if (better) {
			best = r;
			best_eff = eff;
			best_spec = spec;
		}
	}
	return best;
}

const eq_rule *eq_rule_find(const eq_rule *rules, size_t n, int category, const char *type, const char *kind, int grade,
			    int first, date_days on, const char *regulation)
{
	if (!rules || !kind)
		return NULL;
	return find_rule(rules, n, category, type, kind, grade, first, day_key(on), regulation, 0);
}

static int fail(eq_due_out *out, const char *field, const char *zh, const char *en)
{
	out->field = field;
	snprintf(out->err_zh, sizeof out->err_zh, "%s", zh);
	snprintf(out->err_en, sizeof out->err_en, "%s", en);
	return -1;
}

/* Month arithmetic as date_add_months does it (民法典 第二百零二条: a day
 * the month lacks is its last day), on month counts (year × 12 + month − 1)
 * so that a due date and its request deadline cost one conversion to
 * y-m-d; the unit tests hold the results to date_add_months. */
static int ymd_at(long mc, int day, int *y, int *m, int *d)
{
	if (mc < 12 || mc > 9999L * 12 + 11)
		return -1;
	*y = (int)(mc / 12);
	*m = (int)(mc % 12) + 1;
	int dim = date_days_in_month(*y, *m);
	*d = day < dim ? day : dim;
	return 0;
}

/* The first day of every month of the years 1900..2299 as a day number,
 * by month count − MT_Y0 × 12: the dates of a register go from month count
 * to day number and back without a division (the 10-million-unit
 * recompute spends most of its time there); other dates take the general
 * path. Built once from date_from_ymd. */
#define MT_Y0 1900
#define MT_N (400 * 12 + 1)
static int mt[MT_N];
static pthread_once_t mt_once = PTHREAD_ONCE_INIT;
static _Atomic int mt_ready; /* set once mt is built: the common case costs a load, not a call */

static void mt_make(void)
{
	for (int i = 0; i < MT_N; i++) {
		date_days d = 0;
		date_from_ymd(MT_Y0 + i / 12, i % 12 + 1, 1, &d);
		mt[i] = (int)d;
	}
	mt_ready = 1;
}

static const int *mtab(void)
{
	if (!mt_ready)
		pthread_once(&mt_once, mt_make);
	return mt;
}

/* The day `day` clamped to the length of month mc; -1 outside the years 1..9999. */
static int day_in(long mc, int day, int *d)
{
	long i = mc - MT_Y0 * 12;
	if (i >= 0 && i < MT_N - 1) {
		const int *t = mtab();
		int dim = t[i + 1] - t[i];
		*d = day < dim ? day : dim;
		return 0;
	}
	int y, m;
	return ymd_at(mc, day, &y, &m, d);
}

/* The date at month count mc (day clamped), and one month before it: the
 * same day of the month before, that is dim(previous month) days earlier,
 * or its last day (d days earlier) when it is shorter. */
static int due_and_request(long mc, int day, date_days *due, date_days *req)
{
	int y, m, d, prev;
	long i = mc - MT_Y0 * 12;
	if (i >= 1 && i < MT_N - 1) {
		const int *t = mtab();
		int dim = t[i + 1] - t[i];
		d = day < dim ? day : dim;
		prev = t[i] - t[i - 1];
		*due = t[i] + d - 1;
		*req = *due - (d <= prev ? prev : d);
		return 0;
	}
	if (ymd_at(mc, day, &y, &m, &d) || mc - 1 < 12 || date_from_ymd(y, m, d, due) != DATE_OK)
		return -1;
	prev = m == 1 ? 31 : date_days_in_month(y, m - 1);
	*req = *due - (d <= prev ? prev : d);
	return 0;
}

/* The month count of a date and its day of the month; -1 outside the years 1..9999. */
static long month_count(date_days d, int *day)
{
	const int *t = mtab();
	if (d >= t[0] && d < t[MT_N - 1]) {
		long i = (d - t[0]) * 4800L / 146097; /* 4800 months in 146097 days: off by one at most */
		if (i > MT_N - 2)
			i = MT_N - 2;
		while (t[i] > d)
			i--;
		while (t[i + 1] <= d)
			i++;
		*day = (int)(d - t[i]) + 1;
		return MT_Y0 * 12 + i;
	}
	int y, m;
	date_to_ymd(d, &y, &m, day);
	return (long)y * 12 + m - 1;
}

/* The point of a schedule (months after the base) at index k: the listed
 * entries, then every `step` months after the last. */
static long sched_at(const int *s, int len, int step, long k)
{
	return k < len ? s[k] : s[len - 1] + (k - len + 1) * step;
}

/* The first schedule point after `last` (a point met up to `early` months
 * before it counts as met), or the first point when never inspected. */
static int sched_next(const eq_rule *r, date_days base, const eq_due_in *in, eq_due_out *out)
{
	int len = 0, bd, ld;
	while (r->schedule[len])
		len++;
	int step = r->months > 0 ? r->months : 12;
	long bmc = month_count(base, &bd);
	if (!in->has_last || len == 0)
		return due_and_request(bmc + (len ? r->schedule[0] : step), bd, &out->due, &out->request_by);
	long lmc = month_count(in->last, &ld), gap = lmc - bmc;
	long lkey = lmc * 100 + ld;
	long k = 0, target = gap + r->early_months - 1; /* points below this are met for sure */
	if (target > r->schedule[len - 1])
		k = len - 1 + (target - r->schedule[len - 1]) / step;
	for (;; k++) {
		long t = sched_at(r->schedule, len, step, k);
		if (t - r->early_months < gap)
			continue;
		int d;
		long pmc = bmc + t - r->early_months;
		if (day_in(pmc, bd, &d))
			return -1;
		if (pmc * 100 + d > lkey) /* met after the last inspection */
			return due_and_request(bmc + t, bd, &out->due, &out->request_by);
	}
}

/* Why no row applies: a grade or a type the kind's rows need, or a kind
 * the category has no row for. */
static int no_rule(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out)
{
	int graded = 0, typed_only = 1, any = 0;
	for (size_t i = 0; i < n; i++) {
		const eq_rule *r = &rules[i];
		if (r->category != in->category || !str_is(r->kind, in->kind))
			continue;
		any = 1;
		graded |= r->grade != 0;
		typed_only &= r->type && r->type[0];
	}
	if (any && graded && !in->grade && in->has_last)
		return fail(out, "grade", "该检验须给出上次检验评定的安全状况等级",
			    "the safety grade given by the last inspection is required");
	if (any && typed_only && !(in->type && in->type[0]))
		return fail(out, "type", "该类设备须给出设备品种，检验周期按品种确定",
			    "the unit type is required: the interval depends on it");
	if (any)
		return fail(out, "type", "该设备品种没有此项检验的周期规则",
			    "no interval rule for this kind of inspection of this unit type");
	return fail(out, "kind", "该类设备没有此检验类别", "unknown inspection kind for this category");
}

/* The codes: category, type, kind. */
static int check_codes(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out)
{
	if (!eq_category_known(in->category))
		return fail(out, "category", "未知的特种设备类别代码", "unknown special-equipment category code");
	if (!eq_type_known(in->category, in->type))
		return fail(out, "type", "该类设备没有此品种", "unknown unit type for this category");
	if (!in->kind || !eq_kind_known(rules, n, in->category, in->kind))
		return fail(out, "kind", "该类设备没有此检验类别", "unknown inspection kind for this category");
	return 0;
}

/* The values that need no rule: conclusion, grade, the interval chosen and
 * the order of the dates. */
static int check_values(const eq_due_in *in, eq_due_out *out)
{
	if (in->conclusion && in->conclusion[0] && !eq_conclusion_fits(in->category, in->conclusion))
		return fail(out, "conclusion", "检验结论与设备类别不符", "the conclusion does not fit this category");
	if (in->conclusion && in->conclusion[0] && !in->has_last)
		return fail(out, "conclusion", "有检验结论须给出检验日期", "a conclusion needs the inspection date");
	int gmax = eq_grade_max(in->category);
	if (in->grade && !gmax)
		return fail(out, "grade", "安全状况等级只适用于压力容器和压力管道",
			    "a safety grade applies to pressure vessels and pressure piping only");
	if (in->grade < 0 || in->grade > gmax) {
		char zh[96], en[96];
		snprintf(zh, sizeof zh, "安全状况等级应为1至%d级", gmax);
		snprintf(en, sizeof en, "the safety grade must be 1 to %d", gmax);
		return fail(out, "grade", zh, en);
	}
	if (in->chosen_months < 0)
		return fail(out, "chosen_months", "选定周期不能为负数", "the chosen interval must not be negative");
	if (in->has_last && in->has_commissioned && in->last < in->commissioned)
		return fail(out, "last_date", "检验日期早于投入使用日期",
			    "the inspection date is before commissioning");
	if (in->has_last && in->has_base && in->last < in->base)
		return fail(out, "last_date", "定期检验日期早于监督检验合格日期",
			    "the periodic inspection is before the supervision inspection (base date)");
	return 0;
}

/* The interval in months: the body's choice where the rule allows one,
 * else the rule's months (a range without a default: its upper bound). */
static int pick_months(const eq_rule *r, const eq_due_in *in, eq_due_out *out, int *months)
{
	int c = in->chosen_months;
	if (c && (r->schedule || (!r->months_min && !r->months_max)))
		return fail(out, "chosen_months", "该规则的检验周期是固定的，不能另行选定",
			    "this rule's interval is fixed: no interval may be chosen");
	if (c && (c < r->months_min || c > r->months_max)) {
		char zh[128], en[128];
		snprintf(zh, sizeof zh, "选定周期应在%d至%d个月之间", r->months_min, r->months_max);
		snprintf(en, sizeof en, "the chosen interval must be %d to %d months", r->months_min, r->months_max);
		return fail(out, "chosen_months", zh, en);
	}
	*months = c ? c : r->months ? r->months : r->months_max;
	return 0;
}

/* The basis text of a result (zh and en) into buffers of zn / enn bytes. */
static void basis_to(const eq_rule *r, const eq_due_in *in, int months, int usable, char *bzh, size_t zn, char *ben,
		     size_t enn)
{
	char zh[64] = "", en[64] = "";
	if (!usable && in->conclusion && !strcmp(in->conclusion, "fail")) {
		snprintf(bzh, zn, "特种设备安全法第四十条：检验不合格的不得继续使用，须整改并复检合格");
		snprintf(
			ben, enn,
			"特种设备安全法 Art. 40: a unit that failed inspection must not be used until it passes a re-inspection");
		return;
	}
	if (in->chosen_months || (r->months_max && !r->months && !r->monitored)) {
		snprintf(zh, sizeof zh, "（按%d个月）", months);
		snprintf(en, sizeof en, " (%d months)", months);
	}
	const char *cl = r->clause ? r->clause : "", *sp = cl[0] ? " " : "";
	snprintf(bzh, zn, "%s%s%s：%s%s", r->regulation, sp, cl, r->note_zh, zh);
	snprintf(ben, enn, "%s%s%s: %s%s", r->regulation, sp, cl, r->note_en, en);
}

static void basis(const eq_rule *r, const eq_due_in *in, int months, eq_due_out *out)
{
	basis_to(r, in, months, out->usable, out->basis_zh, sizeof out->basis_zh, out->basis_en, sizeof out->basis_en);
}

void eq_due_basis(const eq_due_in *in, const eq_due_out_many *res, char *zh, size_t zn, char *en, size_t enn)
{
	if (zn)
		zh[0] = '\0';
	if (enn)
		en[0] = '\0';
	if (res->rule && !res->field)
		basis_to(res->rule, in, res->months, res->usable, zh, zn, en, enn);
}

static int range_fail(eq_due_out *out)
{
	return fail(out, "last_date", "日期超出范围", "date out of range");
}

/* The due date and request deadline by the rule: a schedule from the
 * base date, or an interval from the last inspection (or from
 * commissioning for the first one), capped for monitored use. */
static int due_by_rule(const eq_rule *r, const eq_due_in *in, int months, eq_due_out *out)
{
	if (r->schedule) {
		if (!in->has_base && !in->has_commissioned)
			return fail(out, "base", "须给出监督检验合格日期(或投入使用日期)",
				    "the supervision-inspection date (or the commissioning date) is required");
		date_days base = in->has_base ? in->base : in->commissioned;
		if (in->has_last && in->last < base)
			return fail(out, "last_date", "定期检验日期早于监督检验合格日期",
				    "the periodic inspection is before the supervision inspection (base date)");
		return sched_next(r, base, in, out) ? range_fail(out) : 0;
	}
	if (!in->has_last && !in->has_commissioned)
		return fail(out, "commissioned", "从未检验的设备须给出投入使用日期",
			    "a unit never inspected needs its commissioning date");
	int day;
	long mc = month_count(in->has_last ? in->last : in->commissioned, &day);
	if (due_and_request(mc + months, day, &out->due, &out->request_by))
		return range_fail(out);
	if (r->monitored && in->has_last) {
		date_days cap, since = in->has_monitored_since ? in->monitored_since : in->last;
		if (date_add_months(since, r->months_max, &cap) != DATE_OK)
			return range_fail(out);
		if (cap < out->due && date_add_months(cap, -1, &out->request_by) == DATE_OK)
			out->due = cap;
	}
	return 0;
}

/* ---- The lookup memo ----
 * A recompute runs millions of units through a table of a few dozen rows:
 * each thread remembers, per (table, category, type, kind, grade, first,
 * regulation), the row found and the dates it holds for (from the
 * effective date of its edition to the next later edition's), so most
 * units skip the scan and the code checks it implies. eq_rules_forget()
 * drops every thread's memo after a table is changed in place. */
#define MEMO_SETS 128 /* × MEMO_WAYS entries: one key may hold an entry per edition */
#define MEMO_WAYS 8
#define MEMO_STR 24
typedef struct memo_entry {
	unsigned hash;
	const eq_rule *rules, *rule;
	size_t n;
	unsigned gen;
	int category, grade, first;
	const char *regulation;
	char type[MEMO_STR], kind[MEMO_STR];
	date_days from, until; /* the row applies to dates in [from, until) */
	/* the row as it was found: a table edited in place without
	 * eq_rules_forget is not applied with a stale row */
	int months, months_min, months_max, usable, monitored, rule_first, rule_grade;
	const int *schedule;
	char effective[DATE_STRLEN];
} memo_entry;
static _Thread_local memo_entry (*memo)[MEMO_WAYS]; /* MEMO_SETS sets, allocated on first use */
static _Thread_local unsigned memo_next;            /* the way replaced next */
static pthread_key_t memo_tls;                      /* frees a thread's memo when it ends */
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void memo_tls_make(void)
{
	if (pthread_key_create(&memo_tls, free) != 0)
		memo_tls = 0;
}

/* This thread's memo (128 KiB, only in threads that compute due dates);
 * NULL if it cannot be had: then nothing is remembered. */
static memo_entry (*memo_sets(void))[MEMO_WAYS]
{
	if (!memo) {
		pthread_once(&memo_once, memo_tls_make);
		memo = calloc(MEMO_SETS, sizeof *memo);
		if (memo && pthread_setspecific(memo_tls, memo) != 0) {
			free(memo);
			memo = NULL;
		}
	}
	return memo;
}
static _Atomic unsigned memo_gen = 1;

void eq_rules_forget(void)
{
	memo_gen++;
}

/* A cheap hash of the key (the entry is compared in full on a hit); 0 if
 * a string is too long to remember. */
static unsigned memo_hash(const eq_due_in *in, int grade, int first)
{
	const char *type = in->type ? in->type : "";
	size_t tl = strlen(type), kl = strlen(in->kind);
	if (tl >= MEMO_STR || kl >= MEMO_STR)
		return 0;
	unsigned h = (unsigned)in->category * 2654435761u;
	h ^= (unsigned)(grade * 8 + first) * 40503u;
	h ^= ((unsigned)tl << 20) ^ ((unsigned)kl << 25);
	if (tl)
		h ^= ((unsigned char)type[0] * 31u + (unsigned char)type[tl - 1]) * 2246822519u;
	h ^= ((unsigned char)in->kind[0] * 131u + (unsigned char)in->kind[kl - 1] + (unsigned char)in->kind[kl / 2]) *
	     3266489917u;
	return (h ^ (h >> 15)) | 1;
}

static date_days eff_day(const eq_rule *r)
{
	date_days d;
	return r->effective && r->effective[0] && date_parse(r->effective, &d) == DATE_OK ? d : -99999999L;
}

static int row_same(const memo_entry *e, const eq_rule *r)
{
	return r->months == e->months && r->months_min == e->months_min && r->months_max == e->months_max &&
	       r->usable == e->usable && r->monitored == e->monitored && r->first == e->rule_first &&
	       r->grade == e->rule_grade && r->schedule == e->schedule &&
	       !strncmp(r->effective ? r->effective : "", e->effective, sizeof e->effective);
}

static const memo_entry *memo_get(unsigned h, const eq_rule *rules, size_t n, const eq_due_in *in, int grade, int first,
				  date_days on)
{
	if (!h || !memo_sets())
		return NULL;
	unsigned gen = memo_gen;
	for (int w = 0; w < MEMO_WAYS; w++) {
		const memo_entry *e = &memo[h % MEMO_SETS][w];
		if (e->hash != h || e->rules != rules || e->n != n || e->gen != gen || e->category != in->category ||
		    e->grade != grade || e->first != first || e->regulation != in->regulation || on < e->from ||
		    on >= e->until)
			continue;
		if (!strcmp(e->kind, in->kind) && !strcmp(e->type, in->type ? in->type : ""))
			return row_same(e, e->rule) ? e : NULL;
	}
	return NULL;
}

/* Remember r for the dates around `on` for which the same row is chosen:
 * from the latest edition in force on `on` to the next later one. */
static const memo_entry *memo_put(unsigned h, const eq_rule *rules, size_t n, const eq_due_in *in, int grade, int first,
				  date_days on, const eq_rule *r)
{
	if (!h || !memo_sets())
		return NULL;
	memo_entry *set = memo[h % MEMO_SETS], *e = NULL;
	for (int w = 0; w < MEMO_WAYS && !e; w++) /* a free way, else the next in turn */
		if (!set[w].rules || set[w].gen != memo_gen)
			e = &set[w];
	if (!e)
		e = &set[memo_next++ % MEMO_WAYS];
	e->from = -99999999L;
	e->until = 99999999L;
	for (size_t i = 0; i < n; i++) {
		const eq_rule *x = &rules[i];
		if (x->category != in->category || x->first != r->first || (x->grade && x->grade != grade) ||
		    !str_is(x->kind, in->kind) || (x->type && x->type[0] && !str_is(x->type, in->type)) ||
		    (in->regulation && !str_is(x->regulation, in->regulation)))
			continue;
		date_days eff = eff_day(x);
		if (eff <= on && eff > e->from)
			e->from = eff;
		if (eff > on && eff < e->until)
			e->until = eff;
	}
	e->hash = h;
	e->rules = rules;
	e->n = n;
	e->gen = memo_gen;
	e->category = in->category;
	e->grade = grade;
	e->first = first;
	e->regulation = in->regulation;
	snprintf(e->type, sizeof e->type, "%s", in->type ? in->type : "");
	snprintf(e->kind, sizeof e->kind, "%s", in->kind);
	e->rule = r;
	e->months = r->months;
	e->months_min = r->months_min;
	e->months_max = r->months_max;
	e->usable = r->usable;
	e->monitored = r->monitored;
	e->rule_first = r->first;
	e->rule_grade = r->grade;
	e->schedule = r->schedule;
	snprintf(e->effective, sizeof e->effective, "%s", r->effective ? r->effective : "");
	return e;
}

/* The row for the input: remembered, or found by scanning (in force, else
 * the earliest edition; a first-inspection row, else the later rows). With
 * `win` non-NULL, the dates [from, until) around the input's date for which
 * the same key gives the same row (from the memo), or an empty window when
 * the row is not remembered. */
static const eq_rule *lookup(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out, date_days win[2])
{
	int first = !in->has_last, grade = first ? 0 : in->grade;
	int dated = in->has_last || in->has_base || in->has_commissioned;
	date_days on = in->has_last ? in->last : in->has_base ? in->base : in->has_commissioned ? in->commissioned : 0;
	unsigned h = dated && in->kind ? memo_hash(in, grade, first) : 0;
	const memo_entry *e = memo_get(h, rules, n, in, grade, first, on);
	const eq_rule *r = e ? e->rule : NULL;
	if (win)
		win[0] = win[1] = 0;
	if (r) {
		if (check_values(in, out))
			return NULL;
		if (win)
			win[0] = e->from, win[1] = e->until;
		return r;
	}
	if (check_codes(rules, n, in, out) || check_values(in, out))
		return NULL;
	long key = dated ? day_key(on) : 99991231;
	for (int pass = 0; !r && pass < 4; pass++)
		r = find_rule(rules, n, in->category, in->type, in->kind, grade, first && pass < 2 ? 1 : 0, key,
			      in->regulation, pass & 1);
	if (!r) {
		no_rule(rules, n, in, out);
		return NULL;
	}
	if (dated)
		e = memo_put(h, rules, n, in, grade, first, on, r);
	if (e && win)
		win[0] = e->from, win[1] = e->until;
	return r;
}

static void out_reset(eq_due_out *out)
{
	out->due = out->request_by = 0;
	out->usable = 1;
	out->monitored = 0;
	out->rule = NULL;
	out->field = NULL;
}

/* The row applied to the unit (its values checked): the conclusion against
 * the grade, the interval, then the dates. */
static int apply_rule(const eq_rule *r, const eq_due_in *in, eq_due_out *out, int *months)
{
	out->rule = r;
	out->monitored = r->monitored;
	const char *c = in->conclusion && in->conclusion[0] ? in->conclusion : NULL;
	if (c && r->grade && strcmp(c, !r->usable ? "fail" : r->monitored ? "conditional" : "pass"))
		return fail(out, "conclusion", "检验结论与安全状况等级不符",
			    "the conclusion does not match the safety grade");
	*months = 0;
	if (pick_months(r, in, out, months))
		return -1;
	if ((c && !strcmp(c, "fail")) || !r->usable) {
		out->usable = 0; /* not to be used; the due date does not move on */
		out->due = in->has_prev_due ? in->prev_due : in->last;
		if (date_add_months(out->due, -1, &out->request_by) != DATE_OK)
			return range_fail(out);
	} else if (due_by_rule(r, in, *months, out))
		return -1;
	return 0;
}

int eq_next_due(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out)
{
	out_reset(out);
	out->basis_zh[0] = out->basis_en[0] = out->err_zh[0] = out->err_en[0] = '\0';
	const eq_rule *r = lookup(rules, n, in, out, NULL);
	int months = 0;
	if (!r || apply_rule(r, in, out, &months))
		return -1;
	if (!in->no_basis)
		basis(r, in, months, out);
	return 0;
}

/* ---- Many units at once ----
 * The recompute job's path. The units of a call are keyed by what picks
 * their row (category, type, kind, grade, first or later, regulation: the
 * input's own string pointers, which the caller keeps unchanged for the
 * call), so a key's row is found once per edition window of the call and
 * the other units of the key skip the lookup and the code checks it
 * implies. Per unit only what varies is checked (conclusion, grade, chosen
 * interval, dates), by the same functions as eq_next_due (check_values,
 * apply_rule). Nothing is kept between calls. (Sorting a call's units by
 * key was tried: the random access to the inputs cost more than the
 * branches it saved.) */
#define MANY_SLOTS 1024 /* at most: keys of a table (~270 built in), open addressing */
#define MANY_EDS 3      /* edition windows remembered per key (2 in the built-in table) */
typedef struct many_slot {
	const char *type, *kind, *regulation;
	int category, grade, has_last, used; /* used 0: empty */
	int ned, next;                       /* windows held, the one replaced next */
	struct {
		const eq_rule *rule;
		date_days from, until; /* the rule applies to dates in [from, until) */
	} ed[MANY_EDS];
} many_slot;

typedef struct many_ctx {
	const eq_rule *rules;
	size_t n;
	many_slot *slots; /* NULL (no memory): every unit is looked up */
	size_t mask, used;
	eq_due_out o; /* scratch: its texts are written on errors only */
} many_ctx;

static size_t many_hash(const eq_due_in *in)
{
	uint64_t h = (uint64_t)(uintptr_t)in->kind * 0x9E3779B97F4A7C15u;
	h ^= (uint64_t)(uintptr_t)in->type * 0xC2B2AE3D27D4EB4Fu;
	h ^= (uint64_t)(uintptr_t)in->regulation * 0x165667B19E3779F9u;
	h += (uint64_t)(in->category * 131 + in->grade * 7 + in->has_last);
	h *= 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 40);
}

/* The slot of the unit's key, claimed if new; NULL when the table is 3/4 full. */
static many_slot *many_find(many_ctx *c, const eq_due_in *in)
{
	for (size_t i = many_hash(in) & c->mask;; i = (i + 1) & c->mask) {
		many_slot *k = &c->slots[i];
		if (!k->used) {
			if (c->used >= (c->mask + 1) / 4 * 3)
				return NULL;
			c->used++;
			*k = (many_slot){.type = in->type,
					 .kind = in->kind,
					 .regulation = in->regulation,
					 .category = in->category,
					 .grade = in->grade,
					 .has_last = in->has_last,
					 .used = 1};
			return k;
		}
		if (k->kind == in->kind && k->type == in->type && k->category == in->category &&
		    k->grade == in->grade && k->has_last == in->has_last && k->regulation == in->regulation)
			return k;
	}
}

static void many_begin(many_ctx *c, const eq_rule *rules, size_t n, size_t count)
{
	size_t nslots = 16;
	while (nslots < MANY_SLOTS && nslots < count * 2)
		nslots *= 2;
	c->rules = rules;
	c->n = n;
	c->slots = calloc(nslots, sizeof *c->slots);
	if (!c->slots) /* no memory: every unit is looked up (many_unit) */
		nslots = 1;
	c->mask = nslots - 1;
	c->used = 0;
	c->o.err_zh[0] = c->o.err_en[0] = '\0';
	c->o.basis_zh[0] = c->o.basis_en[0] = '\0';
}

/* One unit: the row of its key's window holding its date, else a lookup
 * (whose window is then remembered); *res as eq_next_due gives it. */
static int many_unit(many_ctx *c, const eq_due_in *u, eq_due_out_many *res)
{
	int dated = u->has_last || u->has_base || u->has_commissioned, months = 0, rc = -1;
	date_days on = u->has_last ? u->last : u->has_base ? u->base : u->has_commissioned ? u->commissioned : 0;
	many_slot *k = c->slots && dated ? many_find(c, u) : NULL; /* undated: no window, looked up */
	eq_due_out *o = &c->o;
	out_reset(o);
	for (int e = 0; k && e < k->ned && rc < 0; e++)
		if (on >= k->ed[e].from && on < k->ed[e].until)
			rc = check_values(u, o) || apply_rule(k->ed[e].rule, u, o, &months);
	if (rc < 0) {
		date_days win[2];
		const eq_rule *r = lookup(c->rules, c->n, u, o, win);
		if (r && k && on >= win[0] && on < win[1]) {
			int e = k->ned < MANY_EDS ? k->ned++ : k->next++ % MANY_EDS;
			k->ed[e].rule = r, k->ed[e].from = win[0], k->ed[e].until = win[1];
		}
		rc = !r || apply_rule(r, u, o, &months);
	}
	res->due = o->due;
	res->request_by = o->request_by;
	res->rule = o->rule;
	res->field = rc ? o->field : NULL;
	res->usable = o->usable;
	res->monitored = o->monitored;
	res->months = months;
	return rc;
}

size_t eq_next_due_many(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out_many *out, size_t count)
{
	many_ctx c;
	size_t errors = 0;
	many_begin(&c, rules, n, count);
	for (size_t i = 0; i < count; i++)
		errors += many_unit(&c, &in[i], &out[i]) != 0;
	free(c.slots);
	return errors;
}

size_t eq_next_due_each(const eq_rule *rules, size_t n, eq_due_next_fn next, eq_due_take_fn take, void *arg)
{
	many_ctx c;
	eq_due_in in;
	eq_due_out_many res;
	size_t errors = 0;
	memset(&in, 0, sizeof in);
	many_begin(&c, rules, n, MANY_SLOTS);
	while (next(arg, &in) > 0) {
		errors += many_unit(&c, &in, &res) != 0;
		take(arg, &in, &res);
	}
	free(c.slots);
	return errors;
}
