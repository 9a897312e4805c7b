/* module.c — the core's walk over the list of business areas (module.h):
 * registration at start-up, the menu groups, the area calculators, and the
 * start-up check that the declarations hold together. Registries grow to
 * their size and abort beyond it; a fault here stops the server at start,
 * never silently drops a declaration. */
#include "core/module.h"
#include <stdlib.h>
#include <string.h>

void modules_register(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	if (modules_check(stderr) != 0) {
		fprintf(stderr, "modules: the list of business areas does not hold together\n");
		abort();
	}
	for (const module_def *const *m = zj_modules; *m; m++) {
		for (const entity_def *const *e = (*m)->entities; e && *e; e++)
			registry_add(*e);
		for (const public_endpoint *const *p = (*m)->publics; p && *p; p++)
			registry_add_public(*p);
		for (const widget_def *w = (*m)->widgets; w && w->fn; w++)
			registry_add_widget(w);
		for (const periodic_job *j = (*m)->jobs; j && j->name; j++)
			jobs_add(j);
		/* every seeded grant: registry_init refuses one naming a permission nothing declares */
		for (const role_seed *r = (*m)->roles; r && r->code; r++)
			registry_add_grants(r->code, r->grants);
		for (const role_grant_seed *g = (*m)->grants; g && g->role; g++)
			registry_add_grants(g->role, g->grants);
	}
	registry_init();
}


static const menu_group *menu_in(const module_def *const *list, const char *code)
{
	for (const module_def *const *m = list; *m; m++)
		for (const menu_group *g = (*m)->menus; g && g->code; g++)
			if (!strcmp(g->code, code))
				return g;
	return NULL;
}

static const module_cli *cli_in(const module_def *const *list, const char *name)
{
	for (const module_def *const *m = list; *m; m++)
		for (const module_cli *k = (*m)->cli; k && k->name; k++)
			if (!strcmp(k->name, name))
				return k;
	return NULL;
}

static int role_declared(const module_def *const *list, const char *code)
{
	for (const module_def *const *m = list; *m; m++)
		for (const role_seed *r = (*m)->roles; r && r->code; r++)
			if (!strcmp(r->code, code))
				return 1;
	return 0;
}

/* How many modules declare an entity of this name (1 when right). */
static int entity_declared(const module_def *const *list, const char *name)
{
	int n = 0;
	for (const module_def *const *m = list; *m; m++)
		for (const entity_def *const *e = (*m)->entities; e && *e; e++)
			n += !strcmp((*e)->name, name);
	return n;
}

static const entity_def *entity_in(const module_def *const *list, const char *name)
{
	for (const module_def *const *m = list; *m; m++)
		for (const entity_def *const *e = (*m)->entities; e && *e; e++)
			if (name && !strcmp((*e)->name, name))
				return *e;
	return NULL;
}

/* The entity a reference field of e names, when the field is a filterable reference. */
static const char *filter_ref(const entity_def *e, const char *field)
{
	for (int i = 0; e && i < e->nfields; i++)
		if (!strcmp(e->fields[i].name, field))
			return e->fields[i].type == FT_REF && (e->fields[i].flags & F_FILTER) ? e->fields[i].ref : NULL;
	return NULL;
}

/* Whether a relation holds: field (through via) leads from entity to parent. */
int module_relation_ok(const module_def *const *list, const record_relation *r)
{
	const entity_def *child = entity_in(list, r->entity);
	const char *to = r->field ? filter_ref(child, r->field) : NULL;
	if (to && r->via)
		to = filter_ref(entity_in(list, to), r->via);
	return entity_in(list, r->parent) && to && !strcmp(to, r->parent);
}

const menu_group *module_menu(const char *code)
{
	return menu_in(zj_modules, code);
}
const module_cli *module_cli_find(const char *name)
{
	return cli_in(zj_modules, name);
}

#define FAULT(...) (faults++, err ? fprintf(err, "modules: " __VA_ARGS__) : 0)

int modules_check(FILE *err)
{
	return modules_check_list(zj_modules, err);
}

int modules_check_list(const module_def *const *list, FILE *err)
{
	int faults = 0;
	for (const module_def *const *m = list; *m; m++) {
		const module_def *d = *m;
		if (!d->name || !d->name[0]) {
			FAULT("an area without a name\n");
			continue;
		}
		for (const module_def *const *o = list; o != m; o++)
			if (!strcmp((*o)->name, d->name))
				FAULT("%s: listed twice\n", d->name);
		for (const menu_group *g = d->menus; g && g->code; g++) {
			if (!g->label_zh || !g->label_zh[0] || !g->label_en || !g->label_en[0] || !g->icon ||
			    !g->icon[0])
				FAULT("%s: menu group %s needs labels (zh, en) and an icon\n", d->name, g->code);
			if (menu_in(list, g->code) != g)
				FAULT("%s: menu group %s declared twice\n", d->name, g->code);
			/* /meta orders the groups by `order`: two groups with one order would hide one */
			for (const module_def *const *o = list; *o; o++)
				for (const menu_group *h = (*o)->menus; h && h->code; h++)
					if (h != g && h->order == g->order && strcmp(h->code, g->code) < 0)
						FAULT("%s: menu groups %s and %s have the same order %d\n", d->name,
						      h->code, g->code, g->order);
		}
		for (const entity_def *const *e = d->entities; e && *e; e++) {
			const char *g = (*e)->menu ? (*e)->menu : "base";
			if (!menu_in(list, g))
				FAULT("%s: entity %s names an undeclared menu group %s\n", d->name, (*e)->name, g);
			if (entity_declared(list, (*e)->name) != 1)
				FAULT("%s: entity %s declared more than once\n", d->name, (*e)->name);
		}
		for (const role_seed *r = d->roles; r && r->code; r++) {
			int n = 0;
			for (const module_def *const *o = list; *o; o++)
				for (const role_seed *q = (*o)->roles; q && q->code; q++)
					n += !strcmp(q->code, r->code);
			if (n != 1)
				FAULT("%s: role %s declared more than once\n", d->name, r->code);
		}
		for (const role_grant_seed *g = d->grants; g && g->role; g++)
			if (!role_declared(list, g->role))
				FAULT("%s: grants to an undeclared role %s\n", d->name, g->role);
		for (const record_relation *r = d->related; r && r->parent; r++)
			if (!module_relation_ok(list, r))
				FAULT("%s: relation %s → %s.%s%s%s does not lead through a filterable reference\n",
				      d->name, r->parent, r->entity, r->field ? r->field : "?", r->via ? "." : "",
				      r->via ? r->via : "");
		for (const module_cli *k = d->cli; k && k->name; k++)
			if (cli_in(list, k->name) != k)
				FAULT("%s: calculator %s declared twice\n", d->name, k->name);
	}
	return faults;
}
