/* test_modules.c — the list of business areas (core/module.h) holds
 * together: unique names, every entity registered once and in a declared
 * menu group with labels and an icon, every grant to a declared role and of
 * a permission the core knows (an entity's operation, a workflow step of
 * it), the calculators found by name; and the start-up check refuses a list
 * that does not hold together. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dashboard.h"
#include "core/module.h"
#include "core/workflow.h"
#include "lib/xalloc.h"

static int setup(void **st)
{
	modules_register();
	return 0;
}

static void test_names_unique(void **st)
{
	int n = 0;
	for (const module_def *const *m = zj_modules; *m; m++, n++) {
		assert_non_null((*m)->name);
		for (const module_def *const *o = zj_modules; o != m; o++)
			assert_string_not_equal((*o)->name, (*m)->name);
	}
	assert_true(n >= 4); /* org, enterprises, food, cases */
	assert_int_equal(modules_check(stderr), 0);
}

/* Every registered entity comes from exactly one area, and every area's entity is registered. */
static void test_entities_registered_once(void **st)
{
	int declared = 0;
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const entity_def *const *e = (*m)->entities; e && *e; e++) {
			declared++;
			assert_ptr_equal(registry_find((*e)->name), *e);
		}
	assert_int_equal(registry_count(), declared);
	for (int i = 0; i < registry_count(); i++) {
		int n = 0;
		for (const module_def *const *m = zj_modules; *m; m++)
			for (const entity_def *const *e = (*m)->entities; e && *e; e++)
				n += *e == registry_at(i);
		assert_int_equal(n, 1);
	}
	/* the areas' public endpoints and widgets reached the registry */
	int publics = 0, widgets = 0;
	for (const module_def *const *m = zj_modules; *m; m++) {
		for (const public_endpoint *const *p = (*m)->publics; p && *p; p++)
			publics++, assert_ptr_equal(registry_public((*p)->name, (*p)->method), *p);
		for (const widget_def *w = (*m)->widgets; w && w->fn; w++)
			widgets++, assert_true(w->id && w->id[0]);
	}
	assert_int_equal(registry_public_count(), publics);
	assert_int_equal(registry_widget_count(), widgets);
}

static void test_menu_groups(void **st)
{
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const menu_group *g = (*m)->menus; g && g->code; g++) {
			assert_true(g->label_zh && g->label_zh[0] && g->label_en && g->label_en[0]);
			assert_true(g->icon && g->icon[0]);
			assert_ptr_equal(module_menu(g->code), g);
		}
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		if (!module_menu(e->menu ? e->menu : "base"))
			fail_msg("entity %s: menu group %s is not declared", e->name, e->menu);
	}
	assert_null(module_menu("no_such_group"));
}

static int role_known(const char *code)
{
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const role_seed *r = (*m)->roles; r && r->code; r++)
			if (!strcmp(r->code, code))
				return 1;
	return 0;
}

/* Permissions that name no entity: the audit log, the job list, sessions. */
static const char *const non_entity[] = {"audit", "jobs", "sessions", NULL};

static int transition_known(const entity_def *e, const char *step)
{
	if (!e->workflow)
		return 0;
	for (int i = 0; i < e->workflow->ntransitions; i++)
		if (!strcmp(e->workflow->transitions[i].name, step))
			return 1;
	return 0;
}

/* "perm:scope perm:scope ...": every scope a data scope, every permission on a
 * registered entity (or one of the few that name none), every ".t.step" a
 * transition of the entity's workflow. */
static void check_grants(const char *who, const char *grants)
{
	char *dup = xstrdup(grants), *save = NULL;
	for (char *t = strtok_r(dup, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(t, ':');
		if (!colon)
			fail_msg("%s: grant %s has no scope", who, t);
		*colon = 0;
		const char *scope = colon + 1;
		if (strcmp(scope, "all") && strcmp(scope, "juris") && strcmp(scope, "unit") && strcmp(scope, "own") &&
		    strcmp(scope, "assigned"))
			fail_msg("%s: %s: unknown scope %s", who, t, scope);
		char *dot = strchr(t, '.');
		if (!dot || !dot[1])
			fail_msg("%s: %s names no operation", who, t);
		*dot = 0;
		const char *op = dot + 1;
		const entity_def *e = registry_find(t);
		int special = 0;
		for (const char *const *s = non_entity; *s; s++)
			special |= !strcmp(*s, t);
		if (!e && !special)
			fail_msg("%s: %s.%s: no such entity", who, t, op);
		if (e && !strncmp(op, "t.", 2) && !transition_known(e, op + 2))
			fail_msg("%s: %s.%s: no such workflow step", who, t, op);
	}
	free(dup);
}

static void test_grants_declared(void **st)
{
	int roles = 0;
	for (const module_def *const *m = zj_modules; *m; m++) {
		for (const role_seed *r = (*m)->roles; r && r->code; r++, roles++) {
			assert_true(!strcmp(r->duty, "system") || !strcmp(r->duty, "security") ||
				    !strcmp(r->duty, "audit") || !strcmp(r->duty, "business"));
			check_grants(r->code, r->grants);
		}
		for (const role_grant_seed *g = (*m)->grants; g && g->role; g++) {
			if (!role_known(g->role))
				fail_msg("%s: grants to undeclared role %s", (*m)->name, g->role);
			check_grants(g->role, g->grants);
		}
	}
	assert_true(roles >= 3); /* the three administrators at least */
}

static void test_calculators(void **st)
{
	assert_non_null(module_cli_find("limit"));
	assert_non_null(module_cli_find("latefee"));
	assert_null(module_cli_find("init")); /* platform commands are main.c's */
}

/* The start-up check refuses a list with faults, one count per fault. */
static const entity_def ent_a = {.name = "t_a", .table = "t_a", .label_zh = "甲", .label_en = "A", .menu = "nowhere"};
static const entity_def *const ents_a[] = {&ent_a, NULL};
static const menu_group no_icon[] = {{"g", "组", "Group", NULL, 1}, {NULL}};
static const role_grant_seed stray[] = {{"no_such_role", "t_a.read:all"}, {NULL, NULL}};
static const module_def bad1 = {.name = "x", .menus = no_icon, .entities = ents_a, .grants = stray};
static const module_def bad2 = {.name = "x", .entities = ents_a};

/* Every declared relation (module_def.related) leads by filterable
 * references to its parent; a relation that does not is refused. */
static void test_relations(void **st)
{
	(void)st;
	int n = 0;
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const record_relation *r = (*m)->related; r && r->parent; r++, n++)
			assert_true(module_relation_ok(zj_modules, r));
	assert_true(n >= 5); /* 一企一档: samples, results, disposals, cases, complaints */
	const record_relation bad[] = {
		{"enterprises", "samples", "food_id"},              /* a reference to another entity */
		{"enterprises", "results", "sample_id", "food_id"}, /* through samples, to food categories */
		{"enterprises", "samples", "product_name"},         /* not a reference */
		{"enterprises", "no_such_entity", "enterprise_id"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(module_relation_ok(zj_modules, &bad[i]));
	const record_relation good = {"enterprises", "results", "sample_id", "enterprise_id"};
	assert_true(module_relation_ok(zj_modules, &good));
}

static void test_check_refuses(void **st)
{
	const module_def *const list[] = {&bad1, &bad2, NULL};
	/* icon missing; t_a's group undeclared (twice); t_a declared twice (twice); grant to no role; x listed twice */
	assert_int_equal(modules_check_list(list, NULL), 7);
	const module_def *const one[] = {&bad2, NULL};
	assert_int_equal(modules_check_list(one, NULL), 1); /* the undeclared group */
	/* two areas' groups with one order: /meta would show only one of them */
	static const menu_group ga[] = {{"ga", "甲", "A", "Tools", 40}, {NULL}},
				gb[] = {{"gb", "乙", "B", "Tools", 40}, {NULL}};
	static const module_def ma = {.name = "ma", .menus = ga}, mb = {.name = "mb", .menus = gb};
	const module_def *const clash[] = {&ma, &mb, NULL};
	assert_int_equal(modules_check_list(clash, NULL), 1);
}

/* Widgets name the permissions they are for (issue 14 §4): every one a
 * permission the core knows, ids unique; the core shows a widget to a user
 * holding any of its permissions or roles, and to nobody signed out. */
static void test_widgets_for(void **st)
{
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const widget_def *w = (*m)->widgets; w && w->fn; w++) {
			for (const module_def *const *o = zj_modules; *o; o++)
				for (const widget_def *x = (*o)->widgets; x && x->fn; x++)
					assert_true(x == w || strcmp(x->id, w->id));
			char buf[512];
			snprintf(buf, sizeof buf, "%s", w->perms ? w->perms : "");
			for (char *sv, *p = strtok_r(buf, ",", &sv); p; p = strtok_r(NULL, ",", &sv))
				if (!registry_perm_known(p)) {
					fprintf(stderr, "widget %s: unknown permission %s\n", w->id, p);
					fail();
				}
		}
	zj_perm perms[] = {{"disposals.read", SCOPE_JURIS}};
	zj_user u = {.id = 1, .nperms = 1, .perms = perms};
	zj_ctx c;
	memset(&c, 0, sizeof c);
	widget_def kpi = {"k", NULL, "food_plans.t.approve,cases.t.decide", "director"},
		   dist = {"d", NULL, "samples.read,disposals.read", NULL}, all = {"a", NULL, NULL, NULL};
	assert_false(dashboard_widget_for(&c, &all, "")); /* signed out */
	c.user = &u;
	assert_true(dashboard_widget_for(&c, &all, ""));
	assert_true(dashboard_widget_for(&c, &dist, "district_officer"));
	assert_false(dashboard_widget_for(&c, &kpi, "district_officer"));
	assert_true(dashboard_widget_for(&c, &kpi, "district_officer,director")); /* by role */
	perms[0].name = "cases.t.decide";
	assert_true(dashboard_widget_for(&c, &kpi, ""));
	assert_false(dashboard_widget_for(&c, &dist, ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_unique), cmocka_unit_test(test_entities_registered_once),
		cmocka_unit_test(test_menu_groups),  cmocka_unit_test(test_grants_declared),
		cmocka_unit_test(test_calculators),  cmocka_unit_test(test_check_refuses),
		cmocka_unit_test(test_relations),    cmocka_unit_test(test_widgets_for),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
