/* equipment_cli.c — `zhijian inspection-due`: the next periodic inspection
 * of a special-equipment unit and the date by which its user must request
 * it (特种设备安全法 第四十条), from the built-in rule table (intervals.c).
 * Conventions of cli/cli.h: 0 answer, 2 bad input (one line on stderr
 * naming the argument). `zhijian due` stays the generic period calculator. */
#include "cli/cli.h"
#include "modules/equipment/intervals.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char due_help[] =
	"usage: zhijian inspection-due CATEGORY KIND LAST_DATE [--type T] [--grade G]\n"
	"         [--commissioned DATE] [--conclusion C] [--base DATE] [--months N]\n"
	"         [--regulation R] [--prev-due DATE] [--monitored-since DATE]\n"
	"Prints the next periodic-inspection due date of a special-equipment unit, the\n"
	"date by which its user must request the inspection (one month before, 特种设备\n"
	"安全法 第四十条) and the rule applied (regulation, clause; Chinese, then English):\n"
	"  zhijian inspection-due boiler external 2024-06-15\n"
	"  due 2025-06-15\n"
	"  request by 2025-05-15\n"
	"  依据 TSG 11-2020 ...：外部检验每年1次\n"
	"  basis TSG 11-2020 ...: external inspection yearly\n"
	"CATEGORY  TSG category code or name: 1000 boiler, 2000 vessel, 2300 cylinder,\n"
	"          3000 elevator, 4000 crane, 5000 vehicle, 6000 ride, 8000 piping, 9000 ropeway\n"
	"KIND      external, internal, pressure_test (boilers); periodic; annual_check\n"
	"          (vessels, piping); self_test, self_test_annual (elevators)\n"
	"LAST_DATE the last inspection of this kind, YYYY-MM-DD, or 'none' (never\n"
	"          inspected: the first inspection counts from --commissioned)\n"
	"--type T          unit type (cranes, cylinders and piping need one), e.g. tower,\n"
	"                  bridge, molten_metal, general, lpg, GC3, GB1-IV, nonmetal, utility\n"
	"--grade G         safety grade the last inspection gave (vessels 1-5, piping 1-4)\n"
	"--conclusion C    pass | pass_recheck | conditional | fail (fail: not to be used,\n"
	"                  the due date does not move; --prev-due gives the one it keeps)\n"
	"--commissioned D  date put into use (cylinders: date of manufacture)\n"
	"--base D          elevators: the installation or modification supervision-\n"
	"                  inspection pass date the TSG T7001-2023 schedule counts from\n"
	"--months N        the inspection body's choice where the rule is a range\n"
	"--regulation R    keep the unit on one regulation, e.g. 'TSG T7001-2009'\n"
	"Exit codes: 0 the answer; 2 bad input (the argument at fault is named).\n";

static const struct {
	const char *name;
	int code;
} cat_names[] = {
	{"boiler", 1000},
	{"锅炉", 1000},
	{"vessel", 2000},
	{"压力容器", 2000},
	{"cylinder", 2300},
	{"气瓶", 2300},
	{"elevator", 3000},
	{"电梯", 3000},
	{"crane", 4000},
	{"lifting", 4000},
	{"起重机械", 4000},
	{"vehicle", 5000},
	{"场(厂)内专用机动车辆", 5000},
	{"ride", 6000},
	{"大型游乐设施", 6000},
	{"piping", 8000},
	{"压力管道", 8000},
	{"ropeway", 9000},
	{"客运索道", 9000},
};

/* Strict decimal integer within 0..10^6. */
static int parse_small(const char *s, int *out)
{
	if (!(s[0] >= '0' && s[0] <= '9'))
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_category(const char *s, int *out)
{
	for (size_t i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++)
		if (!strcmp(s, cat_names[i].name)) {
			*out = cat_names[i].code;
			return 0;
		}
	return parse_small(s, out);
}

/* The argument a field of eq_due_in comes from. */
static const char *arg_of(const char *field)
{
	static const char *const map[][2] = {
		{"category", "CATEGORY"},
		{"kind", "KIND"},
		{"last_date", "LAST_DATE"},
		{"type", "--type"},
		{"grade", "--grade"},
		{"commissioned", "--commissioned"},
		{"conclusion", "--conclusion"},
		{"base", "--base"},
		{"chosen_months", "--months"},
		{"prev_due", "--prev-due"},
		{"monitored_since", "--monitored-since"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (field && !strcmp(field, map[i][0]))
			return map[i][1];
	return field ? field : "?";
}

static int date_opt(const char *name, const char *v, date_days *d, int *has)
{
	if (date_parse(v, d) != DATE_OK)
		return cli_usage_error("inspection-due", "%s must be a date YYYY-MM-DD, got '%s'", name, v);
	*has = 1;
	return 0;
}

/* One option with its value; 0, or the exit code of a usage error. */
static int option(eq_due_in *in, const char *o, const char *v)
{
	if (!strcmp(o, "--type"))
		in->type = v;
	else if (!strcmp(o, "--conclusion"))
		in->conclusion = v;
	else if (!strcmp(o, "--regulation"))
		in->regulation = v;
	else if (!strcmp(o, "--grade")) {
		if (parse_small(v, &in->grade))
			return cli_usage_error("inspection-due", "--grade must be a whole number, got '%s'", v);
	} else if (!strcmp(o, "--months")) {
		if (parse_small(v, &in->chosen_months))
			return cli_usage_error("inspection-due", "--months must be a whole number, got '%s'", v);
	} else if (!strcmp(o, "--commissioned"))
		return date_opt(o, v, &in->commissioned, &in->has_commissioned);
	else if (!strcmp(o, "--base"))
		return date_opt(o, v, &in->base, &in->has_base);
	else if (!strcmp(o, "--prev-due"))
		return date_opt(o, v, &in->prev_due, &in->has_prev_due);
	else if (!strcmp(o, "--monitored-since"))
		return date_opt(o, v, &in->monitored_since, &in->has_monitored_since);
	else
		return cli_usage_error("inspection-due", "unknown option '%s'", o);
	return 0;
}

static int print_answer(const eq_due_out *out)
{
	char due[DATE_STRLEN], req[DATE_STRLEN];
	date_format(out->due, due);
	date_format(out->request_by, req);
	printf("due %s\nrequest by %s\n", due, req);
	if (!out->usable)
		printf("不得继续使用 / not to be used\n");
	else if (out->monitored)
		printf("监控使用 / monitored use\n");
	printf("依据 %s\nbasis %s\n", out->basis_zh, out->basis_en);
	return 0;
}

int cmd_inspection_due(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(due_help, stdout);
		return 0;
	}
	eq_due_in in = {0};
	const char *pos[3];
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			if (i + 1 >= argc)
				return cli_usage_error("inspection-due", "%s needs a value", argv[i]);
			int rc = option(&in, argv[i], argv[i + 1]);
			if (rc)
				return rc;
			i++;
		} else if (npos < 3)
			pos[npos++] = argv[i];
		else
			return cli_usage_error("inspection-due", "too many arguments");
	}
	if (npos != 3)
		return cli_usage_error("inspection-due", "CATEGORY, KIND and LAST_DATE are required");
	if (parse_category(pos[0], &in.category) || !eq_category_known(in.category))
		return cli_usage_error("inspection-due", "CATEGORY: unknown category '%s'", pos[0]);
	in.kind = pos[1];
	if (strcmp(pos[2], "none")) {
		if (date_parse(pos[2], &in.last) != DATE_OK)
			return cli_usage_error("inspection-due",
					       "LAST_DATE must be a date YYYY-MM-DD or 'none', got '%s'", pos[2]);
		in.has_last = 1;
	}
	eq_due_out out;
	if (eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &in, &out))
		return cli_usage_error("inspection-due", "%s: %s; %s", arg_of(out.field), out.err_zh, out.err_en);
	return print_answer(&out);
}

const module_cli equipment_cli[] = {
	{"inspection-due", cmd_inspection_due,
	 "next periodic inspection of special equipment and its request deadline"},
	{NULL},
};
