/* ledger.c — the support ledger and leaders' instructions (支撑与批示): the
 * area's module_def — its menu group, entities, role, the grants it gives
 * other roles, dictionaries, demo and the 督办 to-do. Who does what:
 *   ledger_clerk      the bureau office (办公室): keeps the ledger of grants,
 *                     numbers and files the reports sent up, registers the
 *                     leaders' instructions, assigns them with a deadline,
 *                     urges (催办), records feedback and closes them;
 *   director          reads all of it, urges and closes;
 *   district_officer  reads the instructions and adds progress notes of
 *                     the units that act. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

/* clang-format off */
#define LG_READ(e) e ".read:all " e ".export:all "
#define LG_CRUD(e) e ".read:all " e ".create:all " e ".update:all " e ".import:all " e ".export:all "
#define LG_STEPS "ledger_instructions.t.assign:all ledger_instructions.t.urge:all ledger_instructions.t.feedback:all " \
	"ledger_instructions.t.return:all ledger_instructions.t.close:all "

static const role_seed lg_roles[] = {
	{"ledger_clerk", "办公室文秘（支撑与批示）", "Office clerk (ledger and instructions)", "business",
	 LG_CRUD("ledger_grants") "ledger_grants.delete:all " LG_CRUD("ledger_reports") LG_CRUD("ledger_report_files")
	 "ledger_report_files.delete:all " LG_CRUD("ledger_instructions")
	 LG_STEPS LG_CRUD("ledger_notes") "units.read:all jurisdictions.read:all food_budgets.read:all jobs.read:own"},
	{NULL},
};

static const role_grant_seed lg_grants[] = {
	{"director", LG_READ("ledger_grants") LG_READ("ledger_reports") LG_READ("ledger_report_files") LG_READ("ledger_instructions")
	 LG_READ("ledger_notes") "ledger_instructions.t.urge:all ledger_instructions.t.close:all "
	 "ledger_instructions.t.return:all"},
	{"district_officer", LG_READ("ledger_instructions") LG_READ("ledger_reports") LG_READ("ledger_report_files") "ledger_notes.read:all "
	 "ledger_notes.create:all"},
	{NULL, NULL},
};
/* clang-format on */

static const entity_def *const lg_entities[] = {
	&lg_ent_grants, &lg_ent_reports, &lg_ent_report_files, &lg_ent_instructions, &lg_ent_notes, NULL,
};

static const menu_group lg_menus[] = {
	{"ledger", "支撑与批示", "Support and instructions", "Wallet", 50},
	{NULL},
};

/* An instruction's page lists its progress notes; a report's, the instructions on it. */
static const record_relation lg_related[] = {
	{"ledger_instructions", "ledger_notes", "instruction_id"},
	{"ledger_reports", "ledger_report_files", "report_id"},
	{"ledger_reports", "ledger_instructions", "report_id"},
	{"units", "ledger_grants", "recipient_id"},
	{NULL},
};

static const todo_fn lg_todo_list[] = {lg_todos, NULL};

const module_def mod_ledger = {
	.name = "ledger",
	.menus = lg_menus,
	.entities = lg_entities,
	.roles = lg_roles,
	.grants = lg_grants,
	.dicts = lg_dicts,
	.demo = lg_demo,
	.widgets = lg_widgets,
	.related = lg_related,
	.todos = lg_todo_list,
};
