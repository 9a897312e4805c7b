/* modules.h — what the platform areas (org, enterprises) share with the
 * business areas: their entities, the built-in roles and the seeding and
 * demo entry points of `init`. */
#ifndef ZJ_MODULES_H
#define ZJ_MODULES_H
#include "core/ctx.h"
#include "core/entity.h"
#include "core/module.h"
#include <stdio.h>

#define ZJ_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

extern const entity_def ent_jurisdictions, ent_units, ent_users, ent_roles, ent_role_grants, ent_dict_items,
	ent_holidays;
extern const entity_def ent_enterprises;

/* The platform's built-in roles and dictionaries (seed.c); each area adds
 * its own in its module_def. */
extern const role_seed org_roles[];
extern const dict_seed org_dicts[];

/* The id of the live row with this code in table (jurisdictions, units, roles); 0 when none. */
int64_t org_id_by_code(db *d, const char *table, const char *code);

/* Seeds every area's dictionaries, roles and grants and reference data, the
 * jurisdictions and the city units (init). */
int org_seed(zj_ctx *c);
/* Demo data of Baotou, then every area's demo; password for every demo user (NULL = generate and print). */
int demo_load(zj_ctx *c, const char *password, FILE *report);
#endif
