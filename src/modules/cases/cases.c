/* cases.c — enforcement cases (执法打假), major-penalty consultation
 * (重大行政处罚会商) and complaints (12315/12365): the area's module_def —
 * its menu group, entities, roles and the permissions it adds to the
 * platform's roles, the demo, the public complaint form, the deadline
 * widget and the `zhijian latefee` calculator. Who does what:
 *   case_handler   registers clues and complaints, investigates, convenes
 *                  consultations, notifies, serves; reads complainants
 *                  (complaints.personal: the only role that may);
 *   director       approves filing, extensions, transfers, discusses,
 *                  decides and closes; sets the case rules;
 *   legal_reviewer the legal review (法制审核);
 *   agency_member  reads only the cases referred to their unit (assigned)
 *                  and signs their unit's consultation opinion;
 *   service_desk   takes complaints in, accepts or refuses them, turns
 *                  reports into clues (complainants masked);
 *   district_officer reads the complaints of their district (masked). */
#include "modules/cases/cases.h"
#include "cli/cli.h"
#include "core/module.h"

#define HANDLER_CASE_STEPS \
	"cases.t.request_filing:juris cases.t.finish_investigation:juris cases.t.send_review:juris cases.t.notify:juris " \
	"cases.t.request_hearing:juris cases.t.schedule_hearing:juris cases.t.hold_hearing:juris cases.t.serve:juris " \
	"cases.t.record_payment:juris cases.t.renotify:juris cases.t.waive_statement:juris cases.t.demand_payment:juris "
#define DIRECTOR_CASE_STEPS \
	"cases.t.approve_filing:all cases.t.no_case:all cases.t.transfer_police:all cases.t.transfer:all cases.t.discuss:all " \
	"cases.t.decide:all cases.t.decide_no_penalty:all cases.t.close:all cases.t.apply_enforcement:all "
#define COMPLAINT_STEPS(s) \
	"complaints.t.accept:" s " complaints.t.refuse:" s " complaints.t.start_mediation:" s \
	" complaints.t.mediation_agree:" s " complaints.t.mediation_end:" s " complaints.t.finish:" s \
	" complaints.t.to_clue:" s " complaints.t.inform_reporter:" s " complaints.t.close_report:" s " "
#define DOSSIER_READ(s) \
	"evidence.read:" s " inquiries.read:" s " compulsory_measures.read:" s " case_periods.read:" s \
	" case_extensions.read:" s " consultations.read:" s " consultation_opinions.read:" s " case_referrals.read:" s \
	" "

/* The area's own roles (their grants outside the area's entities here; the
 * rest in cases_grants below). */
static const role_seed cases_roles[] = {
	{"case_handler", "办案人员", "Case handler", "business",
	 "enterprises.read:juris enterprises.personal:juris enterprises.export:juris jurisdictions.read:all units.read:all jobs.read:own"},
	{"legal_reviewer", "法制审核员", "Legal reviewer", "business",
	 "enterprises.read:all jurisdictions.read:all units.read:all"},
	{"agency_member", "会商单位成员", "Consulting-agency member", "business", "jurisdictions.read:all"},
	{"service_desk", "服务窗口", "Service desk", "business",
	 "enterprises.read:all jurisdictions.read:all units.read:all"},
	{NULL, NULL, NULL, NULL, NULL},
};

static const role_grant_seed cases_grants[] = {
	{"case_handler",
	 "cases.read:juris cases.create:juris cases.update:juris cases.export:juris cases.personal:juris cases.stats:juris " HANDLER_CASE_STEPS
		 DOSSIER_READ(
			 "juris") "evidence.create:juris evidence.update:juris evidence.export:juris inquiries.create:juris inquiries.update:juris "
				  "inquiries.personal:juris compulsory_measures.create:juris compulsory_measures.update:juris compulsory_measures.t.release:juris "
				  "case_periods.create:juris case_periods.update:juris consultations.create:juris consultations.update:juris "
				  "consultations.t.hold:juris consultations.t.conclude:juris consultations.t.cancel:juris case_referrals.create:juris "
				  "case_referrals.delete:juris complaints.read:juris complaints.create:juris complaints.update:juris complaints.export:juris "
				  "complaints.personal:juris " COMPLAINT_STEPS(
					  "juris") "case_rules.read:all "
						   "report_rewards.read:juris report_rewards.create:juris report_rewards.update:juris report_rewards.t.pay:juris"},
	{"director",
	 "cases.read:all cases.update:all cases.export:all cases.personal:all cases.stats:all " DIRECTOR_CASE_STEPS
		 DOSSIER_READ(
			 "all") "case_extensions.create:all compulsory_measures.t.extend:all complaints.read:all complaints.export:all "
				"case_rules.read:all case_rules.create:all case_rules.update:all report_rewards.read:all report_rewards.t.approve:all "
				"report_rewards.t.approve_with_finance:all report_rewards.t.refuse:all"},
	{"legal_reviewer",
	 "cases.read:all cases.t.review_pass:all cases.t.review_return:all " DOSSIER_READ("all") "case_rules.read:all"},
	{"agency_member",
	 "cases.read:assigned " DOSSIER_READ(
		 "assigned") "consultation_opinions.create:assigned consultation_opinions.update:assigned"},
	{"service_desk",
	 "complaints.read:all complaints.create:all complaints.update:all complaints.export:all complaints.t.accept:all "
	 "complaints.t.refuse:all complaints.t.to_clue:all"},
	{"district_officer", "complaints.read:juris"},
	{NULL, NULL},
};

static const entity_def *const cases_entities[] = {
	&cs_ent_cases,
	&cs_ent_complaints,
	&cs_ent_evidence,
	&cs_ent_inquiries,
	&cs_ent_measures,
	&cs_ent_periods,
	&cs_ent_extensions,
	&cs_ent_consultations,
	&cs_ent_opinions,
	&cs_ent_referrals,
	&cs_ent_rules,
	&cs_ent_rewards,
	NULL,
};
static const public_endpoint *const cases_publics[] = {&cs_public_complaints, &cs_public_complaint_status, NULL};
/* The leaders' figures (kpi.c); the deadlines of the records in the reader's scope. */
static const widget_def cases_widgets[] = {
	{"cases_kpi", cs_kpi_widget, "cases.t.decide", "director"},
	{"cases_deadlines", cs_deadline_widget, "cases.read,complaints.read"},
	{NULL},
};
static const todo_fn cases_todos[] = {cs_todo_opinions, NULL};

static const menu_group cases_menus[] = {
	{"cases", "执法办案", "Enforcement", "Document", 40},
	{NULL},
};

static const module_cli cases_cli[] = {
	{"latefee", cmd_latefee, "late-payment surcharge of a fine (3%/day, capped)"},
	{NULL},
};

/* 一企一档: an enterprise's cases and complaints; a case's dossier. */
static const record_relation cases_related[] = {
	{"enterprises", "cases", "enterprise_id"},
	{"enterprises", "complaints", "enterprise_id"},
	{"cases", "evidence", "case_id"},
	{"cases", "inquiries", "case_id"},
	{"cases", "compulsory_measures", "case_id"},
	{"cases", "case_periods", "case_id"},
	{"cases", "case_extensions", "case_id"},
	{"complaints", "cases", "complaint_id"},
	{NULL},
};

const module_def mod_cases = {
	.name = "cases",
	.menus = cases_menus,
	.entities = cases_entities,
	.roles = cases_roles,
	.grants = cases_grants,
	.demo = cases_demo,
	.publics = cases_publics,
	.widgets = cases_widgets,
	.cli = cases_cli,
	.related = cases_related,
	.todos = cases_todos,
};
