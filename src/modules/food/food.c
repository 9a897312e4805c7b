/* food.c — food-safety supervision sampling (食品安全监督抽检): the area's
 * module_def — its menu group, entities, roles and the grants it adds to the
 * platform's roles, reference data, demo, public endpoints, widgets and the
 * `zhijian limit` calculator. The area's parts are listed in food.h. */
#include "modules/food/food.h"
#include "core/module.h"

/* Grant lists, one entry per line group (clang-format joins them unstably). */
/* clang-format off */
#define READ(e, s) e ".read:" s " " e ".export:" s " "
#define CRUD(e, s) e ".read:" s " " e ".create:" s " " e ".update:" s " " e ".delete:" s " " e ".import:" s " " e ".export:" s " "
#define REF_READ                                                                                                            \
	READ("food_categories", "all") READ("food_analytes", "all") READ("food_limits", "all") READ("test_templates", "all")   \
	READ("food_deadline_rules", "all") READ("food_labs", "all")
#define REF_EDIT                                                                                                            \
	CRUD("food_categories", "all") CRUD("food_analytes", "all") CRUD("food_limits", "all") CRUD("test_templates", "all")   \
	CRUD("food_deadline_rules", "all") CRUD("food_labs", "all")
#define FOOD_READ_ALL                                                                                                       \
	READ("food_budgets", "all") READ("food_plans", "all") READ("plan_items", "all") READ("sampling_tasks", "all")         \
	READ("samples", "all") READ("sample_specs", "all") READ("results", "all") READ("retests", "all")                     \
	READ("objections", "all") READ("disposals", "all") READ("publications", "all")
#define DISPOSAL_STEPS(s)                                                                                                   \
	"disposals.t.control:" s " disposals.t.rectify:" s " disposals.t.refer_case:" s " disposals.t.close:" s " "
/* the rest of the supervisor's grants (retests, objections, disposals, publications) */
#define SUPERVISOR_REST                                                                                          \
	CRUD("retests", "juris")                                                                                 \
	"retests.t.accept:juris retests.t.reject:juris retests.t.draw_lab:juris retests.t.start:juris "          \
	"retests.t.conclude:juris " CRUD("objections", "juris")                                                  \
	"objections.t.accept:juris objections.t.reject:juris objections.t.conclude:juris "                       \
	"disposals.read:juris disposals.create:juris disposals.update:juris disposals.export:juris "             \
	DISPOSAL_STEPS("juris") "disposals.t.notify:juris disposals.t.cancel:juris " CRUD("publications", "all") \
	"publications.t.publish:all"
/* clang-format on */

/* The area's own roles (their grants outside the area's entities here; the
 * rest in food_grants below). */
static const role_seed food_roles[] = {
	{"food_sampler", "食品抽样员", "Food sampler", "business",
	 "enterprises.read:juris enterprises.export:juris jurisdictions.read:all units.read:all jobs.read:own"},
	{"lab_analyst", "检验员", "Lab analyst", "business",
	 "enterprises.read:all jurisdictions.read:all units.read:all jobs.read:own"},
	{"food_supervisor", "食品监管员", "Food supervisor", "business",
	 "enterprises.read:juris enterprises.create:juris enterprises.update:juris enterprises.import:juris enterprises.export:juris "
	 "jurisdictions.read:all units.read:all jobs.read:own"},
	{"risk_analyst", "风险分析员", "Risk analyst", "business",
	 "enterprises.read:all enterprises.export:all jurisdictions.read:all units.read:all jobs.read:own"},
	{NULL, NULL, NULL, NULL, NULL},
};

/* Reference data is configuration, edited by the system administrator like
 * dictionaries and holidays; every business role reads it. Permissions of
 * workflow steps are "<entity>.t.<step>". */
static const role_grant_seed food_grants[] = {
	{"sysadmin", REF_EDIT},
	{"director", REF_READ FOOD_READ_ALL
			     CRUD("food_budgets",
				  "all") "samples.personal:all food_plans.t.approve:all food_plans.t.return:all "
					 "disposals.extend:all publications.t.publish:all publications.t.withdraw:all"},
	{"food_sampler",
	 REF_READ READ("food_plans", "all") READ(
		 "plan_items",
		 "all") "sampling_tasks.read:assigned "
			"samples.read:juris samples.create:juris samples.update:juris samples.export:juris samples.t.deliver:juris samples.t.cancel:juris "
			"sample_specs.read:juris sample_specs.create:juris sample_specs.update:juris sample_specs.delete:juris results.read:juris"},
	{"lab_analyst", REF_READ
	 "sampling_tasks.read:assigned samples.read:assigned samples.export:assigned samples.t.receive:assigned "
	 "samples.t.submit_report:assigned samples.t.return:assigned samples.t.approve:assigned samples.t.notify:assigned "
	 "sample_specs.read:assigned sample_specs.create:unit sample_specs.update:unit sample_specs.delete:unit " CRUD(
		 "results", "unit") "results.decide:unit "
				    "retests.read:assigned retests.t.start:assigned retests.t.conclude:assigned"},
	{"food_supervisor",
	 REF_READ READ("food_budgets",
		       "all") CRUD("food_plans",
				   "all") "food_plans.t.submit:all food_plans.t.close:all " CRUD("plan_items", "all")
		 CRUD("sampling_tasks",
		      "all") "sampling_tasks.t.issue:all sampling_tasks.t.close:all "
			     "samples.read:juris samples.export:juris samples.t.serve:juris samples.t.close:juris samples.t.cancel:juris "
			     "sample_specs.read:juris results.read:juris "
			     "results.export:juris results.decide:juris " SUPERVISOR_REST},
	{"risk_analyst", REF_READ FOOD_READ_ALL},
	{"district_officer",
	 REF_READ "samples.read:juris results.read:juris retests.read:juris objections.read:juris "
		  "disposals.read:juris disposals.update:juris disposals.export:juris " DISPOSAL_STEPS("juris")},
	{"case_handler", REF_READ "samples.read:juris results.read:juris disposals.read:juris"},
	{NULL, NULL},
};

static const entity_def *const food_entities[] = {
	&ent_food_categories,
	&ent_food_analytes,
	&ent_food_limits,
	&ent_test_templates,
	&ent_food_deadline_rules,
	&ent_food_labs,
	&ent_food_budgets,
	&ent_food_plans,
	&ent_plan_items,
	&ent_sampling_tasks,
	&ent_samples,
	&ent_sample_specs,
	&ent_results,
	&ent_retests,
	&ent_objections,
	&ent_disposals,
	&ent_publications,
	NULL,
};

/* The reference data comes first: the demo runs on a database init seeded
 * already, and seeding again is harmless (idempotent). */
static int food_demo(zj_ctx *c, FILE *report)
{
	if (food_seed(c) != DB_OK)
		return -1;
	return food_demo_data(c, report);
}

static const menu_group food_menus[] = {
	{"food", "食品抽检", "Food sampling", "Food", 20},
	{NULL},
};

static const module_cli food_cli[] = {
	{"limit", cmd_limit, "the food limit that applies to a food and a test item on a date"},
	{NULL},
};

/* 一企一档: an enterprise's food records; a plan's lines and tasks; a sample's results and steps after. */
static const record_relation food_related[] = {
	{"enterprises", "samples", "enterprise_id"},   {"enterprises", "results", "sample_id", "enterprise_id"},
	{"enterprises", "disposals", "enterprise_id"}, {"enterprises", "retests", "applicant_id"},
	{"food_plans", "plan_items", "plan_id"},       {"food_plans", "sampling_tasks", "plan_id"},
	{"samples", "results", "sample_id"},           {"samples", "disposals", "sample_id"},
	{"samples", "retests", "sample_id"},           {"samples", "objections", "sample_id"},
	{"publications", "samples", "publication_id"}, {NULL},
};

const module_def mod_food = {
	.name = "food",
	.menus = food_menus,
	.entities = food_entities,
	.roles = food_roles,
	.grants = food_grants,
	.seed = food_seed,
	.demo = food_demo,
	.publics = food_publics,
	.widgets = food_widgets,
	.cli = food_cli,
	.related = food_related,
	.public_notices = food_public_notices,
};
