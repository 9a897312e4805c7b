/* privacy.h — personal data on its way out of the core. The audit log, the
 * history of a record and job reports are read by people who may not see
 * personal data (the audit administrator, a district officer), so nothing is
 * handed to audit_append with a personal value in clear: fields flagged
 * F_PERSONAL are masked and free text is scrubbed of the row's personal
 * values and of phone, ID and credit-code numbers (lib/pii.h). GB/T 35273-2020
 * §6.2 (去标识化 in display), 个人信息保护法 第五十一条 (security measures). */
#ifndef ZJ_PRIVACY_H
#define ZJ_PRIVACY_H

#include "core/ctx.h"
#include "core/entity.h"

/* Free text: a text field with no pattern, check or uniqueness (not a code). */
int privacy_free_text(const field_def *f);

/* A copy of an audit payload of entity e — a row, a change list
 * {"field":[old,new]} or a step {"transition",...,"fields":{...}} — with
 * personal fields masked and free text scrubbed. NULL gives NULL; e NULL
 * gives a copy whose strings are scrubbed of numbers only. */
json_t *privacy_audit_json(const entity_def *e, const json_t *payload);

/* audit_append with both payloads passed through privacy_audit_json. */
int privacy_audit(zj_ctx *c, const char *action, const entity_def *e, int64_t id, const json_t *before,
		  const json_t *after);

/* A text (an import cell, an error message) about field f of e scrubbed for a
 * report: masked when f is personal, scrubbed of numbers when f is free text or
 * NULL (a message), else as is (malloc'ed). */
char *privacy_report_text(const entity_def *e, const field_def *f, const char *text);

/* Whether the acting user may see the personal data of record id (the scope
 * of <entity>.personal covers it; the system always may). */
int privacy_can_see(zj_ctx *c, const entity_def *e, int64_t id);

/* Whether e declares any personal field. */
int privacy_has_personal(const entity_def *e);

#endif
