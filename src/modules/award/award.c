/* award.c — the Government Quality Award (政府质量奖) and the food-safety
 * target assessment of the district governments (一票否决): the area's
 * module_def — its menu group, entities, roles and the grants it gives, its
 * dictionaries, reference data and demo, the portal's notices, a widget.
 * Who does what:
 *   award_officer  the office of the award and the assessment (质量奖与考核
 *                  办公室): runs the rounds and years, admits applications,
 *                  assigns experts, records reviews, visits and consensus,
 *                  scores the governments and records veto findings (all);
 *   award_expert   scores the applications assigned to them, nothing else
 *                  (the platform's role; the area grants: assigned);
 *   director       reads everything and decides (the round's decision,
 *                  payment, the assessment's publication);
 *   district_officer  reads their government's assessment and submits its
 *                  self-assessment with the indicator self-scores (juris). */
#include "modules/award/award.h"
#include "modules/modules.h"

/* clang-format off */
#define AW_READ(e, s) e ".read:" s " " e ".export:" s " "
#define AW_CRUD(e, s) e ".read:" s " " e ".create:" s " " e ".update:" s " " e ".export:" s " "
#define AW_READ_ALL AW_READ("award_criteria", "all") AW_READ("award_rounds", "all") AW_READ("award_applications", "all") \
	AW_READ("award_experts", "all") AW_READ("award_assignments", "all") AW_READ("award_scores", "all") \
	AW_READ("assess_years", "all") AW_READ("assess_indicators", "all") AW_READ("assess_vetoes", "all") \
	AW_READ("assess_govs", "all") AW_READ("assess_scores", "all") AW_READ("assess_findings", "all")
#define ROUND_STEPS "award_rounds.t.open_applications:all award_rounds.t.close_applications:all " \
	"award_rounds.t.start_visits:all award_rounds.t.start_consensus:all award_rounds.t.rank:all " \
	"award_rounds.t.publish:all award_rounds.t.finalize:all "
#define APP_STEPS "award_applications.t.admit:all award_applications.t.refuse:all award_applications.t.pass_review:all " \
	"award_applications.t.visit:all award_applications.t.agree:all award_applications.t.withdraw:all " \
	"award_applications.personal:all "

static const role_seed aw_roles[] = {
	{"award_officer", "质量奖与考核办公室", "Award and assessment office", "business",
	 AW_READ_ALL AW_CRUD("award_rounds", "all") ROUND_STEPS AW_CRUD("award_applications", "all") APP_STEPS
	 AW_CRUD("award_experts", "all") AW_CRUD("award_assignments", "all") "award_assignments.delete:all "
	 "award_assignments.t.reopen:all " AW_CRUD("award_criteria", "all")
	 AW_CRUD("assess_years", "all") "assess_years.t.open:all assess_years.t.close_self:all assess_years.t.rank:all "
	 "assess_years.compute:all "
	 AW_CRUD("assess_indicators", "all") "assess_indicators.delete:all " AW_CRUD("assess_vetoes", "all")
	 "assess_vetoes.delete:all " AW_CRUD("assess_govs", "all") "assess_govs.t.submit:all assess_govs.t.review:all "
	 AW_CRUD("assess_scores", "all") AW_CRUD("assess_findings", "all") "assess_findings.delete:all "
	 "enterprises.read:all jurisdictions.read:all units.read:all users.read:all"},
	{NULL},
};

static const role_grant_seed aw_grants[] = {
	{"award_expert", AW_READ("award_criteria", "all") "award_applications.read:assigned "
	 "award_assignments.read:assigned award_assignments.score:assigned award_assignments.t.submit:assigned "
	 "award_scores.read:assigned award_rounds.read:all award_experts.read:all"},
	{"director", AW_READ_ALL "award_rounds.t.decide:all award_rounds.t.pay:all award_rounds.update:all "
	 "assess_years.t.publish:all"},
	{"district_officer", AW_READ("assess_years", "all") AW_READ("assess_indicators", "all") AW_READ("assess_vetoes", "all")
	 AW_READ("assess_govs", "juris") "assess_govs.update:juris assess_govs.t.submit:juris "
	 AW_CRUD("assess_scores", "juris") AW_READ("assess_findings", "juris")},
	{NULL, NULL},
};
/* clang-format on */

static const entity_def *const aw_entities[] = {
	&aw_ent_criteria,
	&aw_ent_rounds,
	&aw_ent_applications,
	&aw_ent_experts,
	&aw_ent_assignments,
	&aw_ent_scores,
	&as_ent_years,
	&as_ent_indicators,
	&as_ent_vetoes,
	&as_ent_govs,
	&as_ent_scores,
	&as_ent_findings,
	NULL,
};

static const public_endpoint *const aw_publics[] = {&aw_public_notice, &as_public_ranking, NULL};

static const menu_group aw_menus[] = {
	{"award", "质量奖与考核", "Quality award and assessment", "Trophy", 55},
	{NULL},
};

static const record_relation aw_related[] = {
	{"award_rounds", "award_applications", "round_id"},
	{"award_applications", "award_assignments", "application_id"},
	{"award_assignments", "award_scores", "assignment_id"},
	{"award_experts", "award_assignments", "expert_id"},
	{"enterprises", "award_applications", "enterprise_id"},
	{"assess_years", "assess_indicators", "year_id"},
	{"assess_years", "assess_vetoes", "year_id"},
	{"assess_years", "assess_govs", "year_id"},
	{"assess_govs", "assess_scores", "gov_id"},
	{"assess_govs", "assess_findings", "gov_id"},
	{NULL},
};

/* The rounds and years at a glance: where each stands. */
static json_t *widget_status(zj_ctx *c)
{
	if (!ctx_scope(c, "award_rounds.read") && !ctx_scope(c, "assess_years.read"))
		return NULL;
	json_t *rows = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db,
			    "SELECT 'award', year, title, state FROM aw_rounds WHERE deleted = 0 UNION ALL"
			    " SELECT 'assess', year, title, state FROM as_years WHERE deleted = 0 ORDER BY 2 DESC, 1",
			    &s);
	if (rc == DB_OK) {
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			int award = db_col_text(s, 0)[0] == 'a' && db_col_text(s, 0)[1] == 'w';
			const entity_def *e = award ? &aw_ent_rounds : &as_ent_years;
			const char *st = db_col_text(s, 3);
			json_array_append_new(rows, json_pack("{s:I, s:s, s:s}", "year", (json_int_t)db_col_int(s, 1),
							      "title", db_col_text(s, 2), "state_label",
							      workflow_state_label(e->workflow, st ? st : "", c->en)));
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) {
		json_decref(rows);
		ctx_internal(c, "award widget", db_errmsg(c->db));
		return NULL;
	}
	json_t *cols = json_pack("[{s:s, s:{s:s, s:s}}, {s:s, s:{s:s, s:s}}, {s:s, s:{s:s, s:s}}]", "name", "year",
				 "label", "zh", "年度", "en", "Year", "name", "title", "label", "zh", "名称", "en",
				 "Title", "name", "state_label", "label", "zh", "进度", "en", "Stage");
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:I, s:o, s:o}", "id", "award_status", "title", "zh",
			 "政府质量奖评选与食品安全考核进度", "en", "Quality award rounds and assessment years", "kind",
			 "table", "total", (json_int_t)json_array_size(rows), "rows", rows, "columns", cols);
}

const widget_def aw_widgets[] = {
	{"award_status", widget_status, "award_rounds.read,assess_years.read", "director"},
	{NULL},
};

/* The reference data comes first: the demo runs on a database seeded already. */
static int aw_demo_all(zj_ctx *c, FILE *report)
{
	if (aw_seed(c) != DB_OK)
		return -1;
	return aw_demo(c, report);
}

const module_def mod_award = {
	.name = "award",
	.menus = aw_menus,
	.entities = aw_entities,
	.roles = aw_roles,
	.grants = aw_grants,
	.dicts = aw_dicts,
	.seed = aw_seed,
	.demo = aw_demo_all,
	.publics = aw_publics,
	.widgets = aw_widgets,
	.related = aw_related,
	.public_notices = aw_public_notices,
};
