/* risk.c — risk monitoring and early warning (风险监测预警): the area's
 * module_def. Who does what:
 *   risk_analyst      (the food area's role) computes and triages signals,
 *                     raises and follows warnings, keeps the watch list,
 *                     the parameters and costs, drafts the risk-based plan;
 *   director          reads everything, publishes consumer notices, lifts
 *                     warnings, decides petitions to leave the watch list;
 *   food_supervisor, district_officer  read signals and the watch list of
 *                     their jurisdiction and every warning; record follow-ups
 *                     (an officer: on the warnings of the district);
 *   sysadmin          the parameters are configuration. */
#include "modules/modules.h"
#include "modules/risk/risk.h"

/* clang-format off */
#define RK_READ(e, s) e ".read:" s " " e ".export:" s " "
#define RK_ALL_READ(s) RK_READ("risk_signals", s) RK_READ("risk_warnings", s) RK_READ("risk_watch", s) \
	RK_READ("risk_params", "all") RK_READ("risk_costs", "all") RK_READ("risk_draws", s)
/* Monitoring plans, follow-ups and webhook deliveries (monitoring.c,
 * followups.c, webhook.c): the analyst drafts monitoring plans and creates
 * follow-ups, the director approves the plans; the supervisors and district
 * officers read the plans and carry out the follow-ups of their district. */
#define RK_MON_READ(s) RK_READ("risk_mplans", s) RK_READ("risk_mplan_items", s) RK_READ("risk_followups", s)
#define RK_MON_ANALYST RK_MON_READ("all") RK_READ("risk_deliveries", "all") \
	"risk_mplans.create:all risk_mplans.update:all risk_mplans.t.submit:all risk_mplans.t.close:all " \
	"risk_mplan_items.create:all risk_mplan_items.update:all risk_mplan_items.delete:all " \
	"risk_followups.create:all risk_followups.update:all risk_followups.t.done:all risk_followups.t.cancel:all " \
	"risk_deliveries.t.retry:all risk_deliveries.send:all"
#define RK_MON_DIRECTOR RK_MON_READ("all") RK_READ("risk_deliveries", "all") \
	"risk_mplans.t.approve:all risk_mplans.t.return:all risk_followups.create:all risk_followups.t.cancel:all"
#define RK_MON_FIELD RK_MON_READ("juris") "risk_followups.t.done:juris"
static const role_grant_seed rk_grants[] = {
	{"risk_analyst", RK_ALL_READ("all") "risk_signals.compute:all risk_signals.t.dismiss:all risk_signals.t.link:all "
	 "risk_signals.t.raise:all risk_warnings.create:all risk_warnings.update:all risk_warnings.t.relevel:all "
	 "risk_warnings.t.follow:all risk_watch.create:all risk_watch.update:all risk_watch.t.petition:all "
	 "risk_draws.draw:all risk_params.update:all risk_costs.create:all risk_costs.update:all risk_costs.delete:all risk_costs.plan:all "
	 "food_plans.read:all food_budgets.read:all " RK_MON_ANALYST},
	{"director", RK_ALL_READ("all") "risk_signals.compute:all risk_signals.t.dismiss:all risk_signals.t.link:all "
	 "risk_signals.t.raise:all risk_warnings.create:all risk_warnings.update:all risk_warnings.t.relevel:all "
	 "risk_warnings.t.follow:all risk_warnings.t.publish_tip:all risk_warnings.t.close:all "
	 "risk_watch.t.release:all risk_watch.t.refuse:all risk_costs.plan:all risk_draws.draw:all " RK_MON_DIRECTOR},
	{"food_supervisor", RK_READ("risk_draws", "juris") RK_READ("risk_signals", "juris") RK_READ("risk_warnings", "all") RK_READ("risk_watch", "juris")
	 "risk_warnings.t.follow:all risk_watch.t.petition:juris " RK_MON_FIELD},
	{"district_officer", RK_READ("risk_signals", "juris") RK_READ("risk_warnings", "all") RK_READ("risk_watch", "juris")
	 "risk_warnings.t.follow:juris " RK_MON_FIELD},
	{"food_sampler", RK_READ("risk_mplans", "all")},
	{"sysadmin", RK_READ("risk_params", "all") "risk_params.update:all"},
	{NULL, NULL},
};
/* clang-format on */

static const entity_def *const rk_entities[] = {
	&rk_ent_warnings, &rk_ent_signals,     &rk_ent_watch,     &rk_ent_draws,      &rk_ent_params, &rk_ent_costs,
	&rk_ent_mplans,   &rk_ent_mplan_items, &rk_ent_followups, &rk_ent_deliveries, NULL,
};

static const menu_group rk_menus[] = {
	{"risk", "风险监测预警", "Risk monitoring", "Warning", 25},
	{NULL},
};

/* A warning's signals; an enterprise's signals and watch-list entries (一企一档). */
static const record_relation rk_related[] = {
	{"risk_warnings", "risk_signals", "warning_id"},
	{"enterprises", "risk_signals", "enterprise_id"},
	{"enterprises", "risk_watch", "enterprise_id"},
	/* a monitoring plan's lines and samples; a finding's follow-ups, both ways
	 * (the follow-up names its origin); a warning's webhook deliveries */
	{"risk_mplans", "risk_mplan_items", "plan_id"},
	{"risk_mplans", "samples", "monitor_plan_id"},
	{"risk_signals", "risk_followups", "signal_id"},
	{"samples", "risk_followups", "sample_id"},
	{"enterprises", "risk_followups", "enterprise_id"},
	{"risk_warnings", "risk_deliveries", "warning_id"},
	{NULL},
};

static const public_endpoint *const rk_publics[] = {&rk_public_draws, NULL};

static const todo_fn rk_todos[] = {rk_todo_urgent, NULL};

const module_def mod_risk = {
	.name = "risk",
	.menus = rk_menus,
	.entities = rk_entities,
	.grants = rk_grants,
	.dicts = rk_dicts,
	.seed = rk_seed,
	.demo = rk_demo,
	.publics = rk_publics,
	.widgets = rk_widgets,
	.jobs = rk_jobs,
	.related = rk_related,
	.todos = rk_todos,
	.public_notices = rk_public_notices,
};
