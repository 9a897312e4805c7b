/* food.c — food-safety supervision sampling (食品安全监督抽检): registration
 * of the area's entities, workflows, endpoints and widgets, the grants the
 * area adds to the built-in roles, and the demo data. The area's parts are
 * listed in food.h. */
#include "modules/food/food.h"
#include "modules/modules.h"

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

/* Reference data is configuration, edited by the system administrator like
 * dictionaries and holidays; every business role reads it. Permissions of
 * workflow steps are "<entity>.t.<step>". */
const role_grant_seed food_grants[] = {
	{"sysadmin", REF_EDIT},
	{"director", REF_READ FOOD_READ_ALL CRUD("food_budgets", "all") "samples.personal:all food_plans.t.approve:all food_plans.t.return:all "
		     "disposals.extend:all publications.t.publish:all publications.t.withdraw:all"},
	{"food_sampler", REF_READ READ("food_plans", "all") READ("plan_items", "all") "sampling_tasks.read:assigned "
			 "samples.read:juris samples.create:juris samples.update:juris samples.export:juris samples.t.deliver:juris samples.t.cancel:juris "
			 "sample_specs.read:juris sample_specs.create:juris sample_specs.update:juris sample_specs.delete:juris results.read:juris"},
	{"lab_analyst", REF_READ "sampling_tasks.read:assigned samples.read:assigned samples.export:assigned samples.t.receive:assigned "
			"samples.t.submit_report:assigned samples.t.return:assigned samples.t.approve:assigned samples.t.notify:assigned "
			"sample_specs.read:assigned sample_specs.create:unit sample_specs.update:unit sample_specs.delete:unit "
			CRUD("results", "unit") "results.decide:unit "
			"retests.read:assigned retests.t.start:assigned retests.t.conclude:assigned"},
	{"food_supervisor", REF_READ READ("food_budgets", "all") CRUD("food_plans", "all") "food_plans.t.submit:all food_plans.t.close:all "
			    CRUD("plan_items", "all") CRUD("sampling_tasks", "all") "sampling_tasks.t.issue:all sampling_tasks.t.close:all "
			    "samples.read:juris samples.export:juris samples.t.serve:juris samples.t.close:juris samples.t.cancel:juris "
			    "sample_specs.read:juris results.read:juris results.export:juris results.decide:juris "
			    CRUD("retests", "juris") "retests.t.accept:juris retests.t.reject:juris retests.t.draw_lab:juris retests.t.start:juris retests.t.conclude:juris "
			    CRUD("objections", "juris") "objections.t.accept:juris objections.t.reject:juris objections.t.conclude:juris "
			    "disposals.read:juris disposals.create:juris disposals.update:juris disposals.export:juris " DISPOSAL_STEPS("juris")
			    "disposals.t.notify:juris disposals.t.cancel:juris "
			    CRUD("publications", "all") "publications.t.publish:all"},
	{"risk_analyst", REF_READ FOOD_READ_ALL},
	{"district_officer", REF_READ "samples.read:juris results.read:juris retests.read:juris objections.read:juris "
			     "disposals.read:juris disposals.update:juris disposals.export:juris " DISPOSAL_STEPS("juris")},
	{"case_handler", REF_READ "samples.read:juris results.read:juris disposals.read:juris"},
	{NULL, NULL},
};

void food_register(void)
{
	static const entity_def *const entities[] = {
		&ent_food_categories, &ent_food_analytes, &ent_food_limits, &ent_test_templates, &ent_food_deadline_rules, &ent_food_labs,
		&ent_food_budgets, &ent_food_plans, &ent_plan_items, &ent_sampling_tasks, &ent_samples, &ent_sample_specs, &ent_results,
		&ent_retests, &ent_objections, &ent_disposals, &ent_publications,
	};
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		registry_add(entities[i]);
	food_register_publish();
}

/* The reference data must exist without --demo too: seed.c should call
 * food_seed from org_seed; calling it here again is harmless (idempotent). */
int food_demo(zj_ctx *c, FILE *report)
{
	if (food_seed(c) != DB_OK)
		return -1;
	return food_demo_data(c, report);
}
