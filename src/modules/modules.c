/* modules.c — the list of business areas: the one place an area is named
 * outside its folder. The core walks it (core/module.h). Adding an area is
 * one line here, in both lines below (docs/architecture.md). */
#include "core/module.h"

extern const module_def mod_org, mod_enterprises, mod_food, mod_cases, mod_equipment, mod_risk, mod_services, mod_award,
	mod_ledger, mod_portal;

const module_def *const zj_modules[] = {
	&mod_org,      &mod_enterprises, &mod_food,   &mod_cases,  &mod_equipment, &mod_risk,
	&mod_services, &mod_award,       &mod_ledger, &mod_portal, NULL,
};
