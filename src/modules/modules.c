/* modules.c — registers every business area's entities with the core. */
#include "modules/modules.h"

void modules_register(void)
{
	registry_add(&ent_jurisdictions);
	registry_add(&ent_units);
	registry_add(&ent_users);
	registry_add(&ent_roles);
	registry_add(&ent_role_grants);
	registry_add(&ent_dict_items);
	registry_add(&ent_holidays);
	registry_add(&ent_enterprises);
	food_register();
	cases_register();
	org_register_grants();
	registry_init();
}
