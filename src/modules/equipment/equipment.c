/* equipment.c — special equipment (特种设备): the area's module_def — its
 * menu group, entities, the grants it gives, its dictionaries, reference
 * data and demo, the public QR page, the due dashboard's widgets, the daily
 * due/overdue job and the `zhijian inspection-due` calculator. Who does what:
 *   equipment_registrar  registers units and their status changes (使用登记),
 *                        takes applications for inspection from user units,
 *                        keeps operators, maintenance units and their
 *                        visits, and accidents (juris);
 *   equipment_inspector  the inspection institute (特检所): accepts
 *                        applications, plans the month, records inspections
 *                        and defects, keeps the inspectors (all);
 *   director             reads everything, edits the rule table and has the
 *                        due dates recomputed, runs the scan;
 *   case_handler, district_officer  read the units and the notices of their
 *                        jurisdiction and mark them handled;
 *   sysadmin             the rule table is configuration, like dictionaries.
 * The two roles are the platform's (src/modules/seed.c); the area grants. */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

/* clang-format off */
#define EQ_READ(e, s) e ".read:" s " " e ".export:" s " "
#define EQ_CRUD(e, s) e ".read:" s " " e ".create:" s " " e ".update:" s " " e ".import:" s " " e ".export:" s " "
#define UNIT_STEPS(s) "equipment_units.t.commission:" s " equipment_units.t.suspend:" s " equipment_units.t.resume:" s \
	" equipment_units.t.scrap:" s " equipment_units.t.transfer:" s " equipment_units.t.relocate:" s " "
#define EQ_READ_ALL(s) EQ_READ("equipment_units", s) EQ_READ("equipment_rules", "all") EQ_READ("equipment_applications", s) \
	EQ_READ("equipment_inspections", s) EQ_READ("equipment_defects", s) EQ_READ("equipment_inspectors", "all") \
	EQ_READ("equipment_schedule", s) EQ_READ("equipment_notices", s) EQ_READ("equipment_operators", s) \
	EQ_READ("equipment_maintainers", "all") EQ_READ("equipment_maintenance", s) EQ_READ("equipment_accidents", s)

static const role_grant_seed eq_grants[] = {
	{"equipment_registrar", EQ_READ_ALL("juris") EQ_CRUD("equipment_units", "juris") UNIT_STEPS("juris")
	 EQ_CRUD("equipment_applications", "juris") "equipment_applications.t.withdraw:juris equipment_applications.personal:juris "
	 EQ_CRUD("equipment_operators", "juris") "equipment_operators.personal:juris " EQ_CRUD("equipment_maintainers", "all")
	 EQ_CRUD("equipment_maintenance", "juris") EQ_CRUD("equipment_accidents", "juris") "enterprises.export:juris"},
	{"equipment_inspector", EQ_READ_ALL("all") "equipment_units.scan:all "
	 "equipment_applications.update:all equipment_applications.t.accept:all equipment_applications.t.reject:all "
	 "equipment_applications.personal:all " EQ_CRUD("equipment_inspections", "all") EQ_CRUD("equipment_defects", "all")
	 "equipment_defects.t.rectify:all equipment_defects.t.verify:all equipment_defects.t.reopen:all "
	 EQ_CRUD("equipment_inspectors", "all") EQ_CRUD("equipment_schedule", "all") "equipment_schedule.delete:all "
	 "equipment_schedule.plan:all"},
	{"director", EQ_READ_ALL("all") EQ_CRUD("equipment_rules", "all") "equipment_rules.recompute:all "
	 "equipment_units.scan:all equipment_notices.update:all equipment_operators.personal:all"},
	{"sysadmin", EQ_CRUD("equipment_rules", "all") "equipment_rules.delete:all equipment_rules.recompute:all"},
	{"case_handler", EQ_READ("equipment_units", "juris") EQ_READ("equipment_notices", "juris")
	 "equipment_notices.update:juris " EQ_READ("equipment_inspections", "juris") EQ_READ("equipment_accidents", "juris")
	 EQ_READ("equipment_maintainers", "all")},
	{"district_officer", EQ_READ("equipment_units", "juris") EQ_READ("equipment_notices", "juris")
	 "equipment_notices.update:juris " EQ_READ("equipment_applications", "juris") EQ_READ("equipment_inspections", "juris")
	 EQ_READ("equipment_defects", "juris") EQ_READ("equipment_maintainers", "all") EQ_READ("equipment_accidents", "juris")},
	{NULL, NULL},
};
/* clang-format on */

static const entity_def *const eq_entities[] = {
	&eq_ent_maintainers,
	&eq_ent_units,
	&eq_ent_rules,
	&eq_ent_applications,
	&eq_ent_inspectors,
	&eq_ent_inspections,
	&eq_ent_defects,
	&eq_ent_schedule,
	&eq_ent_notices,
	&eq_ent_operators,
	&eq_ent_maintenance,
	&eq_ent_accidents,
	NULL,
};

static const public_endpoint *const eq_publics[] = {&eq_public_unit, &eq_public_qr, NULL};

static const menu_group eq_menus[] = {
	{"equipment", "特种设备", "Special equipment", "Tools", 30},
	{NULL},
};

/* A unit's page: its whole history (inspections, applications, defects,
 * notices (with the cases they drafted), maintenance, accidents,
 * operators); an enterprise's units (一企一档); a maintenance unit's lifts. */
static const record_relation eq_related[] = {
	{"equipment_units", "equipment_inspections", "unit_id"},
	{"equipment_units", "equipment_applications", "unit_id"},
	{"equipment_units", "equipment_defects", "unit_id"},
	{"equipment_units", "equipment_notices", "unit_id"},
	{"equipment_units", "equipment_maintenance", "unit_id"},
	{"equipment_units", "equipment_accidents", "unit_id"},
	{"equipment_units", "equipment_operators", "unit_id"},
	{"equipment_units", "equipment_schedule", "unit_id"},
	{"equipment_inspections", "equipment_defects", "inspection_id"},
	{"enterprises", "equipment_units", "user_id"},
	{"equipment_maintainers", "equipment_units", "maintainer_id"},
	{"equipment_maintainers", "equipment_maintenance", "maintainer_id"},
	{NULL},
};

/* The reference data comes first: the demo runs on a database seeded already. */
static int eq_demo_all(zj_ctx *c, FILE *report)
{
	if (eq_seed(c) != DB_OK)
		return -1;
	return eq_demo(c, report);
}

const module_def mod_equipment = {
	.name = "equipment",
	.menus = eq_menus,
	.entities = eq_entities,
	.grants = eq_grants,
	.dicts = eq_dicts,
	.seed = eq_seed,
	.demo = eq_demo_all,
	.publics = eq_publics,
	.widgets = eq_widgets,
	.jobs = eq_jobs,
	.cli = equipment_cli,
	.related = eq_related,
};
