/* dashboard.h — a user's dashboard (issue 14 §4): the widgets the areas
 * declare (module_def.widgets), filtered by whom each is for, and the
 * user's place (their jurisdiction: a district officer's district). */
#ifndef ZJ_DASHBOARD_H
#define ZJ_DASHBOARD_H
#include "core/ctx.h"
#include "core/entity.h"

/* Whether widget w is for this user: any permission of w->perms held, or
 * any role of w->roles held; both NULL: every signed-in user. */
int dashboard_widget_for(zj_ctx *c, const widget_def *w, const char *user_roles /* comma-joined codes */);
/* The user's role codes, comma-joined (caller frees); "" for none. */
char *dashboard_user_roles(zj_ctx *c);
/* The widgets of this user, in declaration order: [{...,"id"}]. */
json_t *dashboard_widgets(zj_ctx *c);
/* {"jurisdiction": {"id","name":{zh,en},"level"}} of the user, or null. */
json_t *dashboard_place(zj_ctx *c);
#endif
