/* todo.h — "My to-do" (issue 14 §4): what this user must do next, computed
 * from the declarations alone, for every area:
 *   - every workflow step the user holds the permission of (not an `aside`
 *     step, not one from "*", not an in-place step), on the records that are
 *     in a state the step leaves, within the data scope of that permission;
 *   - plus what an area declares that no step expresses (module_def.todos:
 *     an opinion a consulting agency must sign).
 * Each item: the record by its number and title, the steps it waits for
 * (their labels), its nearest open deadline as a countdown; oldest deadline
 * first, records without a deadline last. docs/dashboards.md. */
#ifndef ZJ_TODO_H
#define ZJ_TODO_H
#include "core/ctx.h"
#include "core/entity.h"

/* An area's own to-dos: appends to `items` objects
 *   {"entity", "id", "kind" (e.g. "opinion"), "action": {"zh","en"}}
 * for the records this user must act on; the core adds the number, title,
 * state and deadline. Returns 0 (a failure leaves the list without them). */
typedef int (*todo_fn)(zj_ctx *c, json_t *items);

enum { TODO_MAX = 200 };

/* {"items":[{"entity","entity_label":{zh,en},"id","number","title","state",
 * "state_label":{zh,en},"kind","actions":[{"name","label":{zh,en}}],
 * "deadline":{"kind","due","left","unit","overdue","workdays_left"}|null,
 * "jurisdiction"}], "total", "more"} — at most `limit` items (1..TODO_MAX).
 * Returns 200, or a status with the problem set. */
int todo_collect(zj_ctx *c, int limit, json_t **out);

#endif
