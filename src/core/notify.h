/* notify.h — the console's bell (issue 14 §10): notifications per user,
 * derived from the user's to-do (core/todo.h) and its deadlines when the
 * user looks (GET /api/v1/notifications): a to-do assigned ("assigned", or
 * the area's kind, e.g. "opinion" for an opinion requested in a
 * consultation), a deadline within NOTIFY_DUE_WORKDAYS working days of the
 * one calendar ("due_soon"), a deadline passed ("overdue"). Each event is
 * written once per user (migration 022, unique event_key) through the core
 * (crud_add, audited); the user marks them read (crud_set_fields, audited).
 * An unread notification whose event is no longer on the to-do (the step
 * was taken) is not counted. docs/dashboards.md says why on read. */
#ifndef ZJ_NOTIFY_H
#define ZJ_NOTIFY_H
#include "core/ctx.h"
#include "core/entity.h"

enum { NOTIFY_DUE_WORKDAYS = 3 };

extern const entity_def ent_notifications;

/* Writes the events of the user's to-do not yet noticed; *active gets the
 * object {event_key: true} of the events that hold now (caller frees).
 * 0, or a status with the problem set. */
int notify_refresh(zj_ctx *c, json_t **active);
/* {"items":[{"id","kind","kind_label","entity","entity_label","entity_id",
 * "step","action","title","due","read","active","created_at"}],"unread"}:
 * refreshes first; newest first, at most limit (1..200); unread_only: the
 * unread ones that hold. 200 or a status with the problem set. */
int notify_list(zj_ctx *c, int limit, int unread_only, json_t **out);
/* Marks notification id of this user read (id 0: all of them). 200 and
 * {"marked": n, "unread": n}; 404 for another user's or an absent one. */
int notify_mark_read(zj_ctx *c, int64_t id, json_t **out);
#endif
