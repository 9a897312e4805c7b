/* dashboard.c — which widgets a user sees (see dashboard.h). The filter is
 * the declaration's (perms, roles); each widget still applies the user's
 * data scope to what it computes, so a district officer's widgets count
 * only their district. */
#include "core/dashboard.h"
#include "lib/clist.h"
#include "lib/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dashboard_widget_for(zj_ctx *c, const widget_def *w, const char *user_roles)
{
	if (!c->user)
		return 0;
	if (!w->perms && !w->roles)
		return 1;
	if (w->perms) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s", w->perms);
		for (char *sv, *p = strtok_r(buf, ",", &sv); p; p = strtok_r(NULL, ",", &sv))
			if (ctx_can(c, p))
				return 1;
	}
	if (w->roles && user_roles) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s", w->roles);
		for (char *sv, *r = strtok_r(buf, ",", &sv); r; r = strtok_r(NULL, ",", &sv))
			if (clist_has(user_roles, r))
				return 1;
	}
	return 0;
}

char *dashboard_user_roles(zj_ctx *c)
{
	strbuf b;
	sb_init(&b);
	sb_add(&b, "");
	db_stmt *s;
	if (c->user && db_prepare(c->db,
				  "SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted = 0"
				  " WHERE ur.user_id = ? ORDER BY r.code",
				  &s) == DB_OK) {
		db_bind_int(s, 1, c->user->id);
		while (db_step(s) == DB_ROW)
			sb_printf(&b, "%s%s", b.len ? "," : "", db_col_text(s, 0) ? db_col_text(s, 0) : "");
		db_finalize(s);
	}
	return sb_take(&b);
}

json_t *dashboard_widgets(zj_ctx *c)
{
	json_t *out = json_array();
	char *roles = NULL;
	for (int i = 0; i < registry_widget_count(); i++) {
		const widget_def *w = registry_widget_at(i);
		if (w->roles && !roles)
			roles = dashboard_user_roles(c);
		if (!dashboard_widget_for(c, w, roles))
			continue;
		json_t *x = w->fn(c);
		ctx_clear(c);
		if (!x)
			continue;
		if (!json_object_get(x, "id") && w->id)
			json_object_set_new(x, "id", json_string(w->id));
		json_array_append_new(out, x);
	}
	free(roles);
	return out;
}

json_t *dashboard_place(zj_ctx *c)
{
	db_stmt *s;
	json_t *out = json_null();
	if (!c->user || c->user->jurisdiction_id <= 0 ||
	    db_prepare(c->db, "SELECT id, name, name_en, level FROM jurisdictions WHERE id = ? AND deleted = 0", &s) !=
		    DB_OK)
		return out;
	db_bind_int(s, 1, c->user->jurisdiction_id);
	if (db_step(s) == DB_ROW)
		out = json_pack("{s:I, s:{s:s, s:s}, s:s}", "id", (json_int_t)db_col_int(s, 0), "name", "zh",
				db_col_text(s, 1), "en", db_col_text(s, 2) ? db_col_text(s, 2) : db_col_text(s, 1),
				"level", db_col_text(s, 3) ? db_col_text(s, 3) : "");
	db_finalize(s);
	return out;
}
