/* intervals.h — when a special-equipment unit is next due for periodic
 * inspection, and when its user must request it (特种设备安全法 第四十条:
 * one month before the due date). Pure: no I/O, no database (a per-thread
 * memo of rows found aside, eq_rules_forget). The rules are
 * a versioned table (regulation, edition, clause, effective date) given by
 * the caller: the built-in edition (eq_rules_builtin) is seeded into the
 * database, where an administrator may add a later edition; a rule change
 * recomputes the due dates from the table in force on the unit's last
 * inspection date. */
#ifndef ZJ_EQUIPMENT_INTERVALS_H
#define ZJ_EQUIPMENT_INTERVALS_H
#include "core/module.h"
#include "lib/date.h"
#include <stddef.h>

/* One row of the rule table. The interval is either a fixed number of
 * months (`months`), or a range the inspection body chooses within
 * (`months_min`..`months_max`, e.g. pressure vessel grade 3: 36..72), or a
 * schedule counted from a base date (`schedule`, months after the base,
 * ending with 0; after the last entry every `months`; the elevator rule of
 * TSG T7001-2023: 12,48,84,108,132,156,180 then 12). */
typedef struct eq_rule {
	/* TSG category code: 1000 boiler, 2000 vessel, 2300 cylinder, 3000 elevator, 4000 lifting,
	 * 5000 in-plant vehicle, 6000 amusement ride, 8000 piping, 9000 ropeway */
	int category;
	const char *type; /* unit type code within the category (eq_types); "" = every type */
	const char *kind; /* inspection kind code (external, internal, pressure_test, periodic, self_test ...) */
	int grade;        /* safety grade this row applies to (vessels 1..5, piping 1..4); 0 = any */
	int first;        /* 1 = the first inspection after commissioning */
	int months, months_min, months_max; /* months = the default; 0 with a range = its upper bound */
	const int *schedule;                /* months after the base date, 0-terminated; NULL if none */
	int usable;                         /* 0 = a unit under this row must not be used (vessel grade 5, piping 4) */
	int monitored;                      /* 1 = monitored use (vessel grade 4: cumulative ≤ months_max) */
	const char *regulation;             /* "TSG 21-2016" */
	const char *clause;                 /* "8.1.6"; "" where the clause number was not confirmed */
	const char *effective; /* "YYYY-MM-DD": the edition applies to inspections on or after it; "" = always */
	const char *note_zh, *note_en;
	/* Added after the first contract (appended, so positional initialisers
	 * keep working): */
	/* a schedule point may be met this many months early and still count
	 * as that point (TSG T7001-2023: 2) */
	int early_months;
	/* "V" the row is the regulation's text as found; "I" an interpretation
	 * kept configurable (docs/equipment.md says which) */
	const char *status;
} eq_rule;

/* The rule table as built in (特种设备安全法, TSG 11-2020, TSG 21-2016,
 * TSG 23-2021, TSG D7005-2018, TSG D7004-2010, TSG T7001-2009, TSG T7001-2023,
 * TSG T7008-2023, TSG Q7015-2016, TSG 81-2022, TSG 71-2023, TSG S7001-2013);
 * ends with an all-zero row. */
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
	int grade;              /* safety grade from the last inspection; 0 = none given */
	const char *conclusion; /* "pass" | "pass_recheck" | "conditional" | "fail" | NULL (eq_conclusion_fits) */
	int chosen_months;      /* where the rule is a range, the body's choice; 0 = the rule's default */
	/* Elevators on the TSG T7001-2023 schedule: the base date (the
	 * installation or modification supervision-inspection pass date). */
	date_days base;
	int has_base;
	/* Added after the first contract: */
	/* pin the unit to one regulation ("TSG T7001-2009": an elevator kept on
	 * the yearly rule); NULL = the edition in force on the date */
	const char *regulation;
	date_days prev_due; /* the due date before this inspection: a failed inspection keeps it */
	int has_prev_due;
	date_days monitored_since; /* vessel grade 4: when monitored use began (cumulative limit) */
	int has_monitored_since;
	int no_basis; /* 1: leave basis_zh/basis_en empty (bulk recompute) */
} eq_due_in;

typedef struct eq_due_out {
	date_days due;        /* next periodic inspection due */
	date_days request_by; /* due − 1 month (特种设备安全法 第四十条) */
	int usable;           /* 0: must not be used (grade 5, failed) */
	int monitored;
	const eq_rule *rule;               /* the row applied */
	char basis_zh[256], basis_en[256]; /* "TSG 21-2016 8.1.6：安全状况等级3级，每3～6年" */
	/* on error: the input field at fault and why */
	const char *field;
	char err_zh[160], err_en[160];
} eq_due_out;

/* 0 and *out filled; -1 with out->field and out->err_* (unknown category,
 * kind or type, a conclusion that does not fit, a grade outside 1..5,
 * dates in the wrong order, a choice outside the rule's range). */
int eq_next_due(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out *out);

/* The result of one unit of a bulk recompute: eq_due_out without its
 * texts (the basis is rendered by eq_due_basis where it is wanted, the
 * error message by eq_next_due on that unit). */
typedef struct eq_due_out_many {
	date_days due, request_by;
	const eq_rule *rule; /* the row applied (as eq_next_due's out->rule, also on some errors) */
	const char *field;   /* NULL, or on error the input field at fault */
	int usable, monitored;
	int months; /* the interval applied (for the basis text) */
} eq_due_out_many;

/* eq_next_due for many units: out[i] holds what eq_next_due gives for
 * in[i] (due, request_by, usable, monitored, rule, field). The units are
 * keyed by what picks their row (category, type, kind, grade, first or
 * later, regulation) by the input's string pointers, and a key's row is
 * found once per edition window of the call; per unit only what varies
 * (conclusion, grade, chosen interval, dates) is checked. The table and
 * the strings the inputs point to must stay unchanged for the call (the
 * windows come from the per-thread memo below: eq_rules_forget applies
 * as for eq_next_due). in->no_basis is
 * ignored (no text is written). Returns the number of units in error. */
size_t eq_next_due_many(const eq_rule *rules, size_t n, const eq_due_in *in, eq_due_out_many *out, size_t count);

/* The same for units read one at a time (a job stepping through rows):
 * next(arg, in) fills the next unit's input and returns 1, or 0 at the
 * end (in holds the previous unit's values: set every field used); then
 * take(arg, in, res) receives the unit's result. The row of a key is
 * remembered for the whole call, so every string an input points to
 * (type, kind, regulation) must stay unchanged until the call returns:
 * static strings or the rule table's own (eq_types[].code, rule->kind). */
typedef int (*eq_due_next_fn)(void *arg, eq_due_in *in);
typedef void (*eq_due_take_fn)(void *arg, const eq_due_in *in, const eq_due_out_many *res);
size_t eq_next_due_each(const eq_rule *rules, size_t n, eq_due_next_fn next, eq_due_take_fn take, void *arg);

/* The basis text of a bulk result (as eq_next_due's basis_zh/basis_en);
 * empty for an error. */
void eq_due_basis(const eq_due_in *in, const eq_due_out_many *res, char *zh, size_t zn, char *en, size_t enn);

/* eq_next_due remembers, per thread, the row it found for a table (by its
 * address and length) and a key, and checks on use that the row itself is
 * unchanged. A caller that changes or reloads a table at the same address
 * with the same length (a table loaded from the database into a new
 * allocation may land where the last one was) calls this before using it:
 * another row's new effective date is not seen otherwise. */
void eq_rules_forget(void);

/* Whether a category code / an inspection kind for it is known to the table. */
int eq_category_known(int category);
int eq_kind_known(const eq_rule *rules, size_t n, int category, const char *kind);

/* The row that applies to an inspection on `on` (the last inspection date,
 * or the commissioning date for a first inspection): among the rows of the
 * category, kind and `first` whose type is `type` or "" and whose grade is
 * `grade` or 0, the latest edition whose effective date is on or before
 * `on`, and within it the most specific (type, then grade). With
 * `regulation` non-NULL only that regulation's rows count. NULL if none. */
const eq_rule *eq_rule_find(const eq_rule *rules, size_t n, int category, const char *type, const char *kind, int grade,
			    int first, date_days on, const char *regulation);

/* Names of the codes (static strings; "" if unknown). */
const char *eq_category_name(int category, int en);
/* The unit types of a category the built-in table knows: a code list for
 * forms and the CLI's help; ends with {0}. */
typedef struct eq_type {
	int category;
	const char *code, *name_zh, *name_en;
} eq_type;
extern const eq_type eq_types[];
int eq_type_known(int category, const char *type);
/* Whether a conclusion code fits the category: pass | pass_recheck | fail
 * (elevators, cranes, vehicles, rides, ropeways: 合格, 复检合格, 不合格);
 * pass | conditional | fail (boilers, vessels, piping: 符合要求, 基本符合要求,
 * 不符合要求); pass | fail (cylinders). */
int eq_conclusion_fits(int category, const char *conclusion);
/* The highest safety grade of a category (vessels 5, piping 4); 0 = none. */
int eq_grade_max(int category);

/* `zhijian inspection-due` (equipment_cli.c); the area's module_def lists
 * equipment_cli as its .cli. */
int cmd_inspection_due(int argc, char **argv);
extern const module_cli equipment_cli[];
#endif
