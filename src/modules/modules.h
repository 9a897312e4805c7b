/* modules.h — what the business areas export to the core and the CLI. */
#ifndef ZJ_MODULES_H
#define ZJ_MODULES_H
#include "core/ctx.h"
#include "core/entity.h"
#include <stdio.h>

#define ZJ_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

extern const entity_def ent_jurisdictions, ent_units, ent_users, ent_roles, ent_role_grants, ent_dict_items, ent_holidays;
extern const entity_def ent_enterprises;

/* Extra grants a business area adds to the built-in roles (seed.c applies
 * them): role code and "perm:scope perm:scope ...". Ends with {NULL, NULL}. */
typedef struct role_grant_seed {
	const char *role, *grants;
} role_grant_seed;
extern const role_grant_seed food_grants[], cases_grants[];

/* The built-in roles (seed.c): code, names, duty (system | security | audit
 * | business) and "perm:scope ..." grants. Ends with a row of NULLs. The
 * grants of the system, security and audit roles, with the areas' extra
 * grants, are also the only permissions a role of that duty may ever hold
 * (duties.c). */
typedef struct role_seed {
	const char *code, *name, *name_en, *duty, *grants;
} role_seed;
extern const role_seed org_roles[];

/* Each area registers its entities, public endpoints and widgets, and loads its demo data. */
void food_register(void);
void cases_register(void);
int food_demo(zj_ctx *c, FILE *report);
/* Reference data every installation needs (food classification, limits, templates, rules): run by init. */
int food_seed(zj_ctx *c);
int cases_demo(zj_ctx *c, FILE *report);

/* The id of the live row with this code in table (jurisdictions, units, roles); 0 when none. */
int64_t org_id_by_code(db *d, const char *table, const char *code);

/* Registers the seeded grants with the registry (checked by registry_init). */
void org_register_grants(void);
/* Seeds dictionaries, roles and grants, jurisdictions and the city units (init). */
int org_seed(zj_ctx *c);
/* Demo data of Baotou; password for every demo user (NULL = generate and print). */
int demo_load(zj_ctx *c, const char *password, FILE *report);
#endif
