/* services.c — services to enterprises and parks (企业服务): the area's
 * module_def — its menu group, entities, roles and the grants it gives, its
 * dictionaries, demo, the portal's list of commitments, the dashboard
 * widget, the daily escalation job and the leader's to-do. Who does what:
 *   enterprise_service  publishes the commitments, takes the requests of
 *                       enterprises and parks in, handles and answers them,
 *                       records the rating; keeps the park agreements, the
 *                       joint meetings and their follow-ups;
 *   conduct_officer     takes in and investigates complaints about the
 *                       bureau's own staff and service (政风行风);
 *   director            reads everything, follows up the escalated requests
 *                       (督办), sees the report and the yearly counts;
 *   service_desk        the window takes conduct complaints in. */
#include "modules/modules.h"
#include "modules/services/services.h"

/* clang-format off */
#define SV_READ(e, s) e ".read:" s " " e ".export:" s " "
#define SV_CRUD(e, s) e ".read:" s " " e ".create:" s " " e ".update:" s " " e ".import:" s " " e ".export:" s " "
#define REQ_STEPS "service_requests.t.accept:juris service_requests.t.reply:juris service_requests.t.rate:juris " \
	"service_requests.t.close:juris service_requests.t.withdraw:juris "

static const role_seed svc_roles[] = {
	{"enterprise_service", "企业服务专员", "Enterprise service officer", "business",
	 SV_CRUD("service_commitments", "all") "service_commitments.t.publish:all service_commitments.t.withdraw:all "
	 SV_CRUD("service_requests", "juris") REQ_STEPS "service_requests.personal:juris "
	 SV_CRUD("park_agreements", "all") SV_CRUD("park_meetings", "all") SV_CRUD("park_followups", "all")
	 "park_followups.t.complete:all park_followups.t.drop:all "
	 "enterprises.read:all jurisdictions.read:all units.read:all"},
	{"conduct_officer", "政风行风监督员", "Conduct complaints officer", "business",
	 SV_CRUD("conduct_complaints", "all") "conduct_complaints.personal:all conduct_complaints.t.accept:all "
	 "conduct_complaints.t.conclude:all conduct_complaints.t.refuse:all units.read:all jurisdictions.read:all"},
	{NULL},
};

static const role_grant_seed svc_grants[] = {
	{"director", SV_READ("service_commitments", "all") SV_READ("service_requests", "all")
	 "service_requests.t.escalate:all service_requests.escalate_overdue:all " SV_READ("park_agreements", "all")
	 SV_READ("park_meetings", "all") SV_READ("park_followups", "all") SV_READ("conduct_complaints", "all")},
	{"service_desk", "conduct_complaints.create:all conduct_complaints.read:own service_requests.create:all "
	 "service_requests.read:own service_commitments.read:all"},
	{NULL, NULL},
};
/* clang-format on */

static const dict_seed svc_dicts[] = {
	{"svc_measure", "steady_growth", "稳增长促发展", "Steady growth"},
	{"svc_measure", "small_micro", "支持小微企业发展", "Small and micro enterprises"},
	{"svc_measure", "parks", "服务工业园区", "Industrial parks"},
	{"svc_measure", "general", "通用服务承诺", "General"},
	{"svc_kind", "licensing", "许可办理指导", "Licensing guidance"},
	{"svc_kind", "standards", "标准化服务", "Standards help"},
	{"svc_kind", "metrology", "计量服务", "Metrology"},
	{"svc_kind", "testing", "检验检测能力", "Testing capacity"},
	{"svc_kind", "project_review", "投资项目许可评价", "Investment-project licensing evaluation"},
	{"svc_kind", "other", "其他服务", "Other"},
	{"svc_conduct_channel", "letter", "来信", "Letter"},
	{"svc_conduct_channel", "phone", "来电", "Phone"},
	{"svc_conduct_channel", "hotline", "12345 热线", "12345 hotline"},
	{"svc_conduct_channel", "portal", "门户网站", "Portal"},
	{"svc_conduct_channel", "visit", "来访", "In person"},
	{"svc_conduct_channel", "referral", "上级转办", "Referred from above"},
	{"svc_conduct_finding", "substantiated", "属实", "Substantiated"},
	{"svc_conduct_finding", "partly", "部分属实", "Partly substantiated"},
	{"svc_conduct_finding", "unsubstantiated", "不属实", "Unsubstantiated"},
	{NULL},
};

static const entity_def *const svc_entities[] = {
	&svc_ent_commitments,
	&svc_ent_requests,
	&svc_ent_agreements,
	&svc_ent_meetings,
	&svc_ent_followups,
	&svc_ent_conduct,
	NULL,
};

static const public_endpoint *const svc_publics[] = {&svc_public_commitments, NULL};

static const menu_group svc_menus[] = {
	{"services", "企业服务", "Enterprise services", "Service", 45},
	{NULL},
};

static const record_relation svc_related[] = {
	{"enterprises", "service_requests", "enterprise_id"},
	{"service_commitments", "service_requests", "commitment_id"},
	{"park_agreements", "park_meetings", "agreement_id"},
	{"park_meetings", "park_followups", "meeting_id"},
	{NULL},
};

static const todo_fn svc_todos[] = {svc_todo_escalated, NULL};

const module_def mod_services = {
	.name = "services",
	.menus = svc_menus,
	.entities = svc_entities,
	.roles = svc_roles,
	.grants = svc_grants,
	.dicts = svc_dicts,
	.demo = svc_demo,
	.publics = svc_publics,
	.widgets = svc_widgets,
	.jobs = svc_jobs,
	.related = svc_related,
	.todos = svc_todos,
};
