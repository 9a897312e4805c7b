/* holidays.c — the built-in official holiday schedule for 2024, 2025 and
 * 2026: every day off (放假) and every make-up working day (调休上班) of the
 * State Council General Office notices, exactly the flat lists of DOMAIN.md
 * §10.5 (cross-checked there against NateScarlet/holiday-cn). This table is
 * the single source of truth in code; `init` seeds the editable DB table from
 * it through wd_builtin_days() and wd_builtin_years(). Weekends that a notice
 * merely joins to a holiday are listed only where §10.5 lists them. */
#include "lib/workdays.h"

/* Kept as laid out: aligned tables, one day per line. */
/* clang-format off */
#define NEW_YEAR     "元旦", "New Year's Day"
#define SPRING       "春节", "Spring Festival"
#define QINGMING     "清明节", "Qingming Festival"
#define LABOUR       "劳动节", "Labour Day"
#define DRAGON_BOAT  "端午节", "Dragon Boat Festival"
#define MID_AUTUMN   "中秋节", "Mid-Autumn Festival"
#define NATIONAL     "国庆节", "National Day"
#define NATIONAL_MID "国庆节、中秋节", "National Day and Mid-Autumn Festival"

static const struct wd_year_source years[] = {
	{ 2024, "国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25)",
	  "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm" },
	{ 2025, "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)",
	  "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm" },
	{ 2026, "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
	  "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm" },
};

static const struct wd_holiday days[] = {
	/* 2024 (DOMAIN §10.2): 28 days off, 8 make-up days, 251 working days */
	{ "2024-01-01", WD_OFF, NEW_YEAR },
	{ "2024-02-04", WD_WORK, SPRING },
	{ "2024-02-10", WD_OFF, SPRING },
	{ "2024-02-11", WD_OFF, SPRING },
	{ "2024-02-12", WD_OFF, SPRING },
	{ "2024-02-13", WD_OFF, SPRING },
	{ "2024-02-14", WD_OFF, SPRING },
	{ "2024-02-15", WD_OFF, SPRING },
	{ "2024-02-16", WD_OFF, SPRING },
	{ "2024-02-17", WD_OFF, SPRING },
	{ "2024-02-18", WD_WORK, SPRING },
	{ "2024-04-04", WD_OFF, QINGMING },
	{ "2024-04-05", WD_OFF, QINGMING },
	{ "2024-04-06", WD_OFF, QINGMING },
	{ "2024-04-07", WD_WORK, QINGMING },
	{ "2024-04-28", WD_WORK, LABOUR },
	{ "2024-05-01", WD_OFF, LABOUR },
	{ "2024-05-02", WD_OFF, LABOUR },
	{ "2024-05-03", WD_OFF, LABOUR },
	{ "2024-05-04", WD_OFF, LABOUR },
	{ "2024-05-05", WD_OFF, LABOUR },
	{ "2024-05-11", WD_WORK, LABOUR },
	{ "2024-06-10", WD_OFF, DRAGON_BOAT },
	{ "2024-09-14", WD_WORK, MID_AUTUMN },
	{ "2024-09-15", WD_OFF, MID_AUTUMN },
	{ "2024-09-16", WD_OFF, MID_AUTUMN },
	{ "2024-09-17", WD_OFF, MID_AUTUMN },
	{ "2024-09-29", WD_WORK, NATIONAL },
	{ "2024-10-01", WD_OFF, NATIONAL },
	{ "2024-10-02", WD_OFF, NATIONAL },
	{ "2024-10-03", WD_OFF, NATIONAL },
	{ "2024-10-04", WD_OFF, NATIONAL },
	{ "2024-10-05", WD_OFF, NATIONAL },
	{ "2024-10-06", WD_OFF, NATIONAL },
	{ "2024-10-07", WD_OFF, NATIONAL },
	{ "2024-10-12", WD_WORK, NATIONAL },

	/* 2025 (DOMAIN §10.3): 28 days off, 5 make-up days, 248 working days */
	{ "2025-01-01", WD_OFF, NEW_YEAR },
	{ "2025-01-26", WD_WORK, SPRING },
	{ "2025-01-28", WD_OFF, SPRING },
	{ "2025-01-29", WD_OFF, SPRING },
	{ "2025-01-30", WD_OFF, SPRING },
	{ "2025-01-31", WD_OFF, SPRING },
	{ "2025-02-01", WD_OFF, SPRING },
	{ "2025-02-02", WD_OFF, SPRING },
	{ "2025-02-03", WD_OFF, SPRING },
	{ "2025-02-04", WD_OFF, SPRING },
	{ "2025-02-08", WD_WORK, SPRING },
	{ "2025-04-04", WD_OFF, QINGMING },
	{ "2025-04-05", WD_OFF, QINGMING },
	{ "2025-04-06", WD_OFF, QINGMING },
	{ "2025-04-27", WD_WORK, LABOUR },
	{ "2025-05-01", WD_OFF, LABOUR },
	{ "2025-05-02", WD_OFF, LABOUR },
	{ "2025-05-03", WD_OFF, LABOUR },
	{ "2025-05-04", WD_OFF, LABOUR },
	{ "2025-05-05", WD_OFF, LABOUR },
	{ "2025-05-31", WD_OFF, DRAGON_BOAT },
	{ "2025-06-01", WD_OFF, DRAGON_BOAT },
	{ "2025-06-02", WD_OFF, DRAGON_BOAT },
	{ "2025-09-28", WD_WORK, NATIONAL_MID },
	{ "2025-10-01", WD_OFF, NATIONAL_MID },
	{ "2025-10-02", WD_OFF, NATIONAL_MID },
	{ "2025-10-03", WD_OFF, NATIONAL_MID },
	{ "2025-10-04", WD_OFF, NATIONAL_MID },
	{ "2025-10-05", WD_OFF, NATIONAL_MID },
	{ "2025-10-06", WD_OFF, NATIONAL_MID },
	{ "2025-10-07", WD_OFF, NATIONAL_MID },
	{ "2025-10-08", WD_OFF, NATIONAL_MID },
	{ "2025-10-11", WD_WORK, NATIONAL_MID },

	/* 2026 (DOMAIN §10.4): 33 days off, 6 make-up days, 248 working days */
	{ "2026-01-01", WD_OFF, NEW_YEAR },
	{ "2026-01-02", WD_OFF, NEW_YEAR },
	{ "2026-01-03", WD_OFF, NEW_YEAR },
	{ "2026-01-04", WD_WORK, NEW_YEAR },
	{ "2026-02-14", WD_WORK, SPRING },
	{ "2026-02-15", WD_OFF, SPRING },
	{ "2026-02-16", WD_OFF, SPRING },
	{ "2026-02-17", WD_OFF, SPRING },
	{ "2026-02-18", WD_OFF, SPRING },
	{ "2026-02-19", WD_OFF, SPRING },
	{ "2026-02-20", WD_OFF, SPRING },
	{ "2026-02-21", WD_OFF, SPRING },
	{ "2026-02-22", WD_OFF, SPRING },
	{ "2026-02-23", WD_OFF, SPRING },
	{ "2026-02-28", WD_WORK, SPRING },
	{ "2026-04-04", WD_OFF, QINGMING },
	{ "2026-04-05", WD_OFF, QINGMING },
	{ "2026-04-06", WD_OFF, QINGMING },
	{ "2026-05-01", WD_OFF, LABOUR },
	{ "2026-05-02", WD_OFF, LABOUR },
	{ "2026-05-03", WD_OFF, LABOUR },
	{ "2026-05-04", WD_OFF, LABOUR },
	{ "2026-05-05", WD_OFF, LABOUR },
	{ "2026-05-09", WD_WORK, LABOUR },
	{ "2026-06-19", WD_OFF, DRAGON_BOAT },
	{ "2026-06-20", WD_OFF, DRAGON_BOAT },
	{ "2026-06-21", WD_OFF, DRAGON_BOAT },
	{ "2026-09-20", WD_WORK, NATIONAL },
	{ "2026-09-25", WD_OFF, MID_AUTUMN },
	{ "2026-09-26", WD_OFF, MID_AUTUMN },
	{ "2026-09-27", WD_OFF, MID_AUTUMN },
	{ "2026-10-01", WD_OFF, NATIONAL },
	{ "2026-10-02", WD_OFF, NATIONAL },
	{ "2026-10-03", WD_OFF, NATIONAL },
	{ "2026-10-04", WD_OFF, NATIONAL },
	{ "2026-10-05", WD_OFF, NATIONAL },
	{ "2026-10-06", WD_OFF, NATIONAL },
	{ "2026-10-07", WD_OFF, NATIONAL },
	{ "2026-10-10", WD_WORK, NATIONAL },
};
/* clang-format on */

const struct wd_holiday *wd_builtin_days(size_t *n)
{
	*n = sizeof days / sizeof days[0];
	return days;
}

const struct wd_year_source *wd_builtin_years(size_t *n)
{
	*n = sizeof years / sizeof years[0];
	return years;
}
