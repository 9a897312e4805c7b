/* module.h — a business area, declared once. Each area (src/modules/<area>/)
 * exports one `module_def`; src/modules/modules.c lists them, and the core
 * iterates that list: the registry (entities, public endpoints, widgets),
 * the seeder (roles, grants, dictionaries, reference data), the demo, the
 * menu groups of /meta, the periodic jobs and the CLI's calculators. Nothing
 * outside an area's folder names the area. docs/architecture.md, "Adding a
 * business area", lists the steps. */
#ifndef ZJ_MODULE_H
#define ZJ_MODULE_H
#include "core/ctx.h"
#include "core/entity.h"
#include "core/jobs.h"
#include "core/todo.h"
#include <stdio.h>

/* A built-in role: code, names, duty (system | security | audit | business)
 * and "perm:scope perm:scope ..." grants. The grants of the system, security
 * and audit roles, with the areas' extra grants, are also the only
 * permissions a role of that duty may ever hold (duties.c). */
typedef struct role_seed {
	const char *code, *name, *name_en, *duty, *grants;
} role_seed;

/* Grants an area adds to a role another area (or the platform) declares:
 * role code and "perm:scope perm:scope ...". */
typedef struct role_grant_seed {
	const char *role, *grants;
} role_grant_seed;

/* A dictionary entry seeded at init (sort order: its place in the list). */
typedef struct dict_seed {
	const char *dict, *code, *label_zh, *label_en;
} dict_seed;

/* A menu group of the console: /meta's {"group","label":{zh,en},"icon",
 * "entities"}; an entity names its group in entity_def.menu. icon is an
 * Element Plus icon name; groups are shown by ascending order. */
typedef struct menu_group {
	const char *code, *label_zh, *label_en, *icon;
	int order;
} menu_group;

/* A calculator of the CLI: `zhijian NAME ...` (conventions in cli/cli.h). */
typedef struct module_cli {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} module_cli;

/* Records of `entity` a record of `parent` lists on its page (一企一档: an
 * enterprise's samples, cases, complaints...): those whose `field` is the
 * parent's id, or, with `via`, whose `field` (a reference to another
 * entity) names a row whose `via` field is the parent's id (an
 * enterprise's results through their samples). The area of the child
 * declares it; /meta gives each entity its list ("related"). */
typedef struct record_relation {
	const char *parent, *entity, *field, *via;
} record_relation;
/* Every list ends with a NULL (or all-NULL) entry; any may be NULL. */
typedef struct module_def {
	const char *name;                      /* "food" */
	const menu_group *menus;               /* the groups this area adds */
	const entity_def *const *entities;     /* registered in this order */
	const role_seed *roles;                /* the area's built-in roles */
	const role_grant_seed *grants;         /* grants to roles declared elsewhere */
	const dict_seed *dicts;                /* dictionaries seeded at init */
	int (*seed)(zj_ctx *c);                /* reference data every installation needs (init), idempotent */
	int (*demo)(zj_ctx *c, FILE *report);  /* demo data (init --demo), after the platform's users and enterprises */
	const public_endpoint *const *publics; /* no sign-in: /api/v1/public/{name} */
	const widget_def *widgets;             /* dashboard, each for the users it names (entity.h) */
	const periodic_job *jobs;              /* run by `serve` */
	const module_cli *cli;                 /* `zhijian NAME` */
	const record_relation *related;        /* tabs of other records on a record's page */
	const todo_fn *todos;                  /* to-dos no workflow step expresses (core/todo.h) */
	/* Notices the area publishes on its own for the portal's notices page
	 * (beside the notices entity): a JSON array of {"kind":"announcement"|
	 * "consumer_tip","title","issuer","published_on","area","link"}, or NULL. */
	json_t *(*public_notices)(zj_ctx *c);
} module_def;

/* The list of business areas (src/modules/modules.c), ending with NULL. */
extern const module_def *const zj_modules[];

/* Whether the relation leads, by filterable references, from its entity to its parent. */
int module_relation_ok(const module_def *const *list, const record_relation *r);
/* The declared menu group with this code; NULL when none. */
const menu_group *module_menu(const char *code);
/* The area calculator `zhijian name`; NULL when none. */
const module_cli *module_cli_find(const char *name);
/* 0 when the list holds together (unique names and groups, every entity's
 * menu group declared, every group labelled with an icon, grants only to
 * declared roles); else a line on stderr per fault and the number of faults. */
int modules_check(FILE *err);
int modules_check_list(const module_def *const *list, FILE *err); /* the same for another list (tests) */
#endif
