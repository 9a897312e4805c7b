/* crud_internal.h — what the crud_*.c files share and nobody else uses:
 * crud.c (writes), crud_validate.c (coercion, validation), crud_query.c
 * (lists, keyset, filters), crud_scope.c (scope SQL, access checks, masking
 * decisions), crud_output.c (row output, history). */
#ifndef ZJ_CRUD_INTERNAL_H
#define ZJ_CRUD_INTERNAL_H

#include "core/crud.h"

/* A date in the one grammar (lib/date.c); 1 yes. (crud_validate.c) */
int crud_date_valid(const char *s);
/* A whole signed integer of at most 18 digits into out; 1 when it is one. (crud_query.c) */
int crud_parse_i64(const char *s, int64_t *out);
/* The column of field f in the crud_select_sql statement; -1 when not. (crud_output.c) */
int crud_select_col(const entity_def *e, const field_def *f);
/* The data scope the acting user holds for "<entity>.<op>". (crud_scope.c) */
unsigned crud_op_scope(zj_ctx *c, const entity_def *e, const char *op);
/* Whether the acting user sees personal fields of e unmasked. (crud_scope.c) */
int crud_can_unmask(zj_ctx *c, const entity_def *e);
/* Whether e declares any personal field. (crud_scope.c) */
int crud_has_personal(const entity_def *e);
/* crud_check_access for "<entity>.<op>". (crud_scope.c) */
int crud_check_op(zj_ctx *c, const entity_def *e, const char *op, int64_t id);

#endif
