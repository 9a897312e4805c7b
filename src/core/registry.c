/* registry.c — the table of declared entities. registry_init compiles the
 * field patterns once and refuses declarations that break the core's
 * rules (a sortable field must be required, because keyset paging cannot
 * order NULLs the same way on both backends). */
#include "core/entity.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTITIES 128
static const entity_def *entities[MAX_ENTITIES];
static int nentities;
/* compiled field patterns, parallel to entities[] (declarations stay const) */
static regex_t *patterns[MAX_ENTITIES];

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

void registry_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (int i = 0; i < nentities; i++) {
		const entity_def *e = entities[i];
		patterns[i] = calloc((size_t)e->nfields, sizeof(regex_t));
		for (int j = 0; j < e->nfields; j++) {
			const field_def *f = &e->fields[j];
			if ((f->flags & F_SORT) && !(f->flags & F_REQUIRED))
				die(e, f, "sortable fields must be required");
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

int registry_count(void) { return nentities; }
const entity_def *registry_at(int i) { return i >= 0 && i < nentities ? entities[i] : NULL; }

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
static widget_fn widgets[MAX_WIDGETS];
static int nwidgets;

void registry_add_public(const public_endpoint *p)
{
	if (npublics == MAX_PUBLICS) {
		fprintf(stderr, "registry: too many public endpoints (%d)\n", MAX_PUBLICS);
		abort();
	}
	publics[npublics++] = p;
}

int registry_public_count(void) { return npublics; }
const public_endpoint *registry_public_at(int i) { return i >= 0 && i < npublics ? publics[i] : NULL; }

const public_endpoint *registry_public(const char *name, const char *method)
{
	for (int i = 0; i < npublics; i++)
		if (!strcmp(publics[i]->name, name) && !strcmp(publics[i]->method, method))
			return publics[i];
	return NULL;
}

void registry_add_widget(widget_fn fn)
{
	if (nwidgets == MAX_WIDGETS) {
		fprintf(stderr, "registry: too many widgets (%d)\n", MAX_WIDGETS);
		abort();
	}
	widgets[nwidgets++] = fn;
}

int registry_widget_count(void) { return nwidgets; }
widget_fn registry_widget_at(int i) { return i >= 0 && i < nwidgets ? widgets[i] : NULL; }

const entity_action *entity_find_action(const entity_def *e, const char *name, const char *method, int on_record)
{
	for (int i = 0; i < e->nactions; i++)
		if (!strcmp(e->actions[i].name, name) && !strcmp(e->actions[i].method, method) && e->actions[i].on_record == on_record)
			return &e->actions[i];
	return NULL;
}
