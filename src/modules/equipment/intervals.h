/* intervals.h — when a special-equipment unit is next due for periodic
 * inspection, and when its user must request it (特种设备安全法 第四十条:
 * one month before the due date). Pure: no I/O, no database. The rules are
 * a versioned table (regulation, edition, clause, effective date) given by
 * the caller: the built-in edition (eq_rules_builtin) is seeded into the
 * database, where an administrator may add a later edition; a rule change
 * recomputes the due dates from the table in force on the unit's last
 * inspection date. */
#ifndef ZJ_EQUIPMENT_INTERVALS_H
#define ZJ_EQUIPMENT_INTERVALS_H
#include "lib/date.h"
#include <stddef.h>

/* One row of the rule table. The interval is either a fixed number of
 * months (`months`), or a range the inspection body chooses within
 * (`months_min`..`months_max`, e.g. pressure vessel grade 3: 36..72), or a
 * schedule counted from a base date (`schedule`, months after the base,
 * ending with 0; after the last entry every `months`; the elevator rule of
 * TSG T7001-2023: 12,48,84,108,132,156,180 then 12). */
typedef struct eq_rule {
	int category;     /* TSG category code: 1000 boiler, 2000 vessel, 2300 cylinder, 3000 elevator,
	                          4000 lifting, 5000 in-plant vehicle, 6000 amusement ride, 8000 piping, 9000 ropeway */
	const char *type; /* unit type code within the category; "" = every type */
	const char *kind; /* inspection kind code (external, internal, pressure_test, periodic, self_test ...) */
	int grade;        /* safety grade this row applies to (1..5); 0 = any */
	int first;        /* 1 = the first inspection after commissioning */
	int months, months_min, months_max;
	const int *schedule;    /* months after the base date, 0-terminated; NULL if none */
	int usable;             /* 0 = a unit under this row must not be used (grade 5) */
	int monitored;          /* 1 = monitored use (vessel grade 4: cumulative ≤ months_max) */
	const char *regulation; /* "TSG 21-2016" */
	const char *clause;     /* "8.1.6" */
	const char *effective;  /* "YYYY-MM-DD": the edition applies to inspections on or after it */
	const char *note_zh, *note_en;
} eq_rule;

/* The rule table as built in (DOMAIN: 特种设备安全法, TSG 11-2020, TSG 21-2016,
 * TSG 23-2021, TSG D7005-2018, TSG T7001-2023, TSG Q7015-2016 / TSG 51-2023,
 * TSG 81-2022, TSG 71-2023, TSG S7001-2013); ends with an all-zero row. */
extern const eq_rule eq_rules_builtin[];
size_t eq_rules_builtin_count(void);

typedef struct eq_due_in {
	int category;
	const char *type; /* may be NULL or "" */
	const char *kind;
	date_days last;         /* the last inspection date of this kind (or the base date, see below) */
	int has_last;           /* 0: never inspected: the first inspection counts from `commissioned` */
	date_days commissioned; /* date put into use */
	int has_commissioned;
	int grade;              /* safety grade 1..5 from the last inspection; 0 = none given */
	const char *conclusion; /* "pass" | "pass_recheck" | "fail" | NULL */
	int chosen_months;      /* where the rule is a range, the body's choice; 0 = the range's upper bound */
	/* Elevators on the TSG T7001-2023 schedule: the base date (the
	 * installation or modification supervision-inspection pass date). */
	date_days base;
	int has_base;
} eq_due_in;

typedef struct eq_due_out {
	date_days due;        /* next periodic inspection due */
	date_days request_by; /* due − 1 month (特种设备安全法 第四十条) */
	int usable;           /* 0: must not be used (grade 5, failed) */
	int monitored;
	const eq_rule *rule;               /* the row applied */
	char basis_zh[160], basis_en[160]; /* "TSG 21-2016 8.1.6：安全状况等级3级，每3～6年" */
	/* on error: the input field at fault and why */
	const char *field;
	char err_zh[160], err_en[160];
} eq_due_out;

/* 0 and *out filled; -1 with out->field and out->err_* (unknown category,
 * kind or type, a conclusion that does not fit, a grade outside 1..5,
 * dates in the wrong order, a choice outside the rule's range). */
int eq_next_due(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out);

/* Whether a category code / an inspection kind for it is known to the table. */
int eq_category_known(int category);
int eq_kind_known(const eq_rule *rules, size_t n, int category, const char *kind);
#endif
