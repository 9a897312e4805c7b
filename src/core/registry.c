/* registry.c — the table of declared entities. registry_init compiles the
 * field patterns once and refuses declarations that break the core's
 * rules (a sortable field must be required, because keyset paging cannot
 * order NULLs the same way on both backends). */
#include "core/entity.h"
#include "core/workflow.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTITIES 128
static const entity_def *entities[MAX_ENTITIES];
static int nentities;
/* compiled field patterns, parallel to entities[] (declarations stay const) */
static regex_t *patterns[MAX_ENTITIES];

void action_summary(action_result *out, const char *zh, const char *en)
{
	if (json_is_object(out->json))
		json_object_set_new(out->json, "summary", json_pack("{s:s, s:s}", "zh", zh, "en", en));
}

void registry_add(const entity_def *e)
{
	if (registry_find(e->name))
		return;
	if (nentities == MAX_ENTITIES) {
		fprintf(stderr, "registry: too many entities\n");
		abort();
	}
	entities[nentities++] = e;
}

static void die(const entity_def *e, const field_def *f, const char *why)
{
	fprintf(stderr, "registry: %s.%s: %s\n", e->name, f ? f->name : "-", why);
	abort();
}

const sys_column entity_sys_columns[] = {
	{"id", FT_INT, NULL, 1, 1, "编号", "ID"},
	{"version", FT_INT, NULL, 1, 1, "版本", "Version"},
	{"created_at", FT_DATETIME, NULL, 1, 0, "创建时间", "Created at"},
	{"updated_at", FT_DATETIME, NULL, 1, 0, "修改时间", "Updated at"},
	{"created_by", FT_INT, NULL, 1, 0, "创建人", "Created by"},
	{"owner_unit_id", FT_INT, NULL, 1, 0, "所属单位", "Owner unit"},
	{"updated_by", FT_INT, NULL, 0, 0, "修改人", "Updated by"},
	{"deleted", FT_BOOL, NULL, 0, 1, "已删除", "Deleted"},
};
const int entity_nsys_columns = (int)(sizeof entity_sys_columns / sizeof entity_sys_columns[0]);

const sys_column *entity_sys_column(const char *name)
{
	for (int i = 0; i < entity_nsys_columns; i++)
		if (!strcmp(entity_sys_columns[i].name, name))
			return &entity_sys_columns[i];
	return NULL;
}

/* ---- permissions ---- */

#define MAX_PERMS 64
#define MAX_GRANTS 128
/* Checked by the core itself, outside any entity's operations. */
static const char *perms[MAX_PERMS] = {
	"audit.read",           /* the audit log (web/api.c) */
	"audit.export",         /* its export */
	"jobs.read",            /* background jobs (web/api.c) */
	"sessions.revoke_any",  /* ending another user's sessions (core/auth.c) */
	"users.assign_roles",   /* giving users roles (modules/org.c) */
	"users.reset_password", /* an administrator's reset: a one-time password (web/api.c) */
	"users.approve_reset",  /* the second administrator's approval of a privileged reset */
};
static int nperms = 7; /* the names above; keep in step */
static struct {
	const char *role, *grants;
} grants[MAX_GRANTS];
static int ngrants;

void registry_add_perm(const char *perm)
{
	if (registry_perm_known(perm))
		return;
	if (nperms == MAX_PERMS) {
		fprintf(stderr, "registry: too many platform permissions (%d)\n", MAX_PERMS);
		abort();
	}
	perms[nperms++] = perm;
}

void registry_add_grants(const char *role, const char *g)
{
	for (int i = 0; i < ngrants; i++) /* modules_register may run more than once */
		if (grants[i].grants == g && !strcmp(grants[i].role, role))
			return;
	if (ngrants == MAX_GRANTS) {
		fprintf(stderr, "registry: too many grant lists (%d)\n", MAX_GRANTS);
		abort();
	}
	grants[ngrants].role = role;
	grants[ngrants++].grants = g;
}

static const char *const entity_ops[] = {"read", "create", "update", "delete", "import", "export", "personal"};

int registry_perm_known(const char *perm)
{
	if (!perm)
		return 0;
	for (int i = 0; i < nperms; i++)
		if (!strcmp(perms[i], perm))
			return 1;
	const char *dot = strchr(perm, '.');
	if (!dot)
		return 0;
	char name[96];
	snprintf(name, sizeof name, "%.*s", (int)(dot - perm), perm);
	/* an entity's own operation first: most grants name one, and the scan
	 * below ran for every grant of every role at each start (~30 ms) */
	if (registry_find(name))
		for (size_t k = 0; k < sizeof entity_ops / sizeof *entity_ops; k++)
			if (!strcmp(dot + 1, entity_ops[k]))
				return 1;
	/* an action or a workflow step may name another entity's permission */
	for (int i = 0; i < nentities; i++) {
		const entity_def *e = entities[i];
		for (int k = 0; k < e->nactions; k++)
			if (e->actions[k].perm && !strcmp(e->actions[k].perm, perm))
				return 1;
		if (e->workflow) {
			char buf[160];
			for (int k = 0; k < e->workflow->ntransitions; k++)
				if (!strcmp(workflow_perm(e, &e->workflow->transitions[k], buf, sizeof buf), perm))
					return 1;
		}
	}
	return 0;
}

/* Every "perm:scope" of every registered grant list names a known
 * permission and a scope the core understands: a typo in a seed would
 * otherwise grant nothing, silently. */
int registry_check_grants(void)
{
	static const char *const scopes[] = {"all", "juris", "unit", "own", "assigned"};
	int bad = 0;
	for (int i = 0; i < ngrants; i++) {
		char *dup = xstrdup(grants[i].grants), *save = NULL;
		for (char *t = strtok_r(dup, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			char *colon = strchr(t, ':');
			int scope_ok = 0;
			if (colon) {
				*colon = 0;
				for (size_t k = 0; k < sizeof scopes / sizeof *scopes; k++)
					scope_ok |= !strcmp(colon + 1, scopes[k]);
			}
			if (!colon || !scope_ok || !registry_perm_known(t)) {
				fprintf(stderr, "registry: role %s: grant '%s%s%s' names an unknown %s\n",
					grants[i].role, t, colon ? ":" : "", colon ? colon + 1 : "",
					!colon || !scope_ok ? "scope" : "permission");
				bad++;
			}
		}
		free(dup);
	}
	return bad;
}

void registry_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (int i = 0; i < nentities; i++) {
		const entity_def *e = entities[i];
		patterns[i] = xcalloc((size_t)e->nfields, sizeof(regex_t));
		for (int j = 0; j < e->nfields; j++) {
			const field_def *f = &e->fields[j];
			if ((f->flags & F_SORT) && !(f->flags & (F_REQUIRED | F_FILLED)))
				die(e, f, "sortable fields must be required or filled by the server");
			if (f->type == FT_DICT && !f->dict)
				die(e, f, "dict field without dictionary");
			if (f->type == FT_REF && !f->ref)
				die(e, f, "ref field without entity");
			if (f->pattern && regcomp(&patterns[i][j], f->pattern, REG_EXTENDED | REG_NOSUB) != 0)
				die(e, f, "bad pattern");
		}
	}
	for (int i = 0; i < nentities; i++)
		for (int j = 0; j < entities[i]->nfields; j++) {
			const field_def *f = &entities[i]->fields[j];
			if (f->type == FT_REF && !registry_find(f->ref))
				die(entities[i], f, "reference to an undeclared entity");
		}
	if (registry_check_grants())
		abort();
}

const entity_def *registry_find(const char *name)
{
	/* Asked for the same entity row after row in an import: one compare. */
	static _Thread_local const entity_def *last;
	if (last && !strcmp(last->name, name))
		return last;
	for (int i = 0; i < nentities; i++)
		if (!strcmp(entities[i]->name, name))
			return last = entities[i];
	return NULL;
}

int registry_count(void)
{
	return nentities;
}
const entity_def *registry_at(int i)
{
	return i >= 0 && i < nentities ? entities[i] : NULL;
}

int entity_field_index(const entity_def *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (!strcmp(e->fields[i].name, name))
			return i;
	return -1;
}

const field_def *entity_field(const entity_def *e, const char *name)
{
	int i = entity_field_index(e, name);
	return i < 0 ? NULL : &e->fields[i];
}

const regex_t *registry_pattern(const entity_def *e, int field_index)
{
	for (int i = 0; i < nentities; i++)
		if (entities[i] == e)
			return patterns[i] ? &patterns[i][field_index] : NULL;
	return NULL;
}

/* Registrations past the tables' size fail loudly at start-up, never silently. */
#define MAX_PUBLICS 128
#define MAX_WIDGETS 128
static const public_endpoint *publics[MAX_PUBLICS];
static int npublics;
static const widget_def *widgets[MAX_WIDGETS];
static int nwidgets;

void registry_add_public(const public_endpoint *p)
{
	if (npublics == MAX_PUBLICS) {
		fprintf(stderr, "registry: too many public endpoints (%d)\n", MAX_PUBLICS);
		abort();
	}
	publics[npublics++] = p;
}

int registry_public_count(void)
{
	return npublics;
}
const public_endpoint *registry_public_at(int i)
{
	return i >= 0 && i < npublics ? publics[i] : NULL;
}

const public_endpoint *registry_public(const char *name, const char *method)
{
	for (int i = 0; i < npublics; i++)
		if (!strcmp(publics[i]->name, name) && !strcmp(publics[i]->method, method))
			return publics[i];
	return NULL;
}

void registry_add_widget(const widget_def *w)
{
	if (nwidgets == MAX_WIDGETS) {
		fprintf(stderr, "registry: too many widgets (%d)\n", MAX_WIDGETS);
		abort();
	}
	widgets[nwidgets++] = w;
}

int registry_widget_count(void)
{
	return nwidgets;
}
const widget_def *registry_widget_at(int i)
{
	return i >= 0 && i < nwidgets ? widgets[i] : NULL;
}

const entity_action *entity_find_action(const entity_def *e, const char *name, const char *method, int on_record)
{
	for (int i = 0; i < e->nactions; i++)
		if (!strcmp(e->actions[i].name, name) && !strcmp(e->actions[i].method, method) &&
		    e->actions[i].on_record == on_record)
			return &e->actions[i];
	return NULL;
}
