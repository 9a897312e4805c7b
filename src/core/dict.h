/* dict.h — dictionaries (code tables) kept in dict_items, editable by an admin. */
#ifndef ZJ_DICT_H
#define ZJ_DICT_H
#include "core/ctx.h"
int dict_has(zj_ctx *c, const char *dict, const char *code);
/* {"dict":[{"code","label":{"zh","en"}}...]} of every active item. */
json_t *dict_all(zj_ctx *c);
/* Label of a code in the context's language, or NULL. Caller frees. */
char *dict_label(zj_ctx *c, const char *dict, const char *code);
/* The code whose label (zh or en) is `label`, or NULL. Caller frees. */
char *dict_code_by_label(zj_ctx *c, const char *dict, const char *label);
#endif
