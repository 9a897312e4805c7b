/* privacy.c — see privacy.h. */
#include "core/privacy.h"
#include "core/audit.h"
#include "core/crud.h"
#include "lib/pii.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAMES = 16 };

int privacy_free_text(const field_def *f)
{
	return f->type == FT_TEXT && !(f->flags & (F_PERSONAL | F_UNIQUE)) && !f->pattern && !f->check;
}

int privacy_has_personal(const entity_def *e)
{
	for (int i = 0; e && i < e->nfields; i++)
		if (e->fields[i].flags & F_PERSONAL)
			return 1;
	return 0;
}

int privacy_can_see(zj_ctx *c, const entity_def *e, int64_t id)
{
	if (!c->user)
		return 1;
	char perm[128];
	snprintf(perm, sizeof perm, "%s.personal", e->name);
	unsigned sc = ctx_scope(c, perm);
	return sc && ((sc & SCOPE_ALL) || crud_in_scope_perm(c, e, perm, id));
}

/* The personal string values of a payload (a row's or a change list's), the
 * "names" free text is scrubbed of. */
static void collect_names(const entity_def *e, const json_t *o, const char **names, int *n)
{
	const char *k;
	json_t *v;
	json_object_foreach ((json_t *)o, k, v) {
		const field_def *f = entity_field(e, k);
		if (!f) {
			if (!strcmp(k, "fields") && json_is_object(v))
				collect_names(e, v, names, n);
			continue;
		}
		if (!(f->flags & F_PERSONAL))
			continue;
		if (json_is_string(v) && *n < MAX_NAMES)
			names[(*n)++] = json_string_value(v);
		size_t i;
		json_t *it;
		if (json_is_array(v))
			json_array_foreach (v, i, it)
				if (json_is_string(it) && *n < MAX_NAMES)
					names[(*n)++] = json_string_value(it);
	}
}

static json_t *scrub_value(json_t *v, const pii_opts *o, int personal)
{
	if (json_is_string(v)) {
		char *t = personal ? pii_mask(json_string_value(v)) : pii_scrub(json_string_value(v), o, NULL);
		json_t *r = json_string(t);
		free(t);
		return r ? r : json_string("*");
	}
	if (json_is_array(v)) { /* a change [old, new] */
		json_t *a = json_array();
		size_t i;
		json_t *it;
		json_array_foreach (v, i, it)
			json_array_append_new(a, scrub_value(it, o, personal));
		return a;
	}
	return json_incref(v);
}

static json_t *mask_object(const entity_def *e, const json_t *o, const pii_opts *po)
{
	json_t *out = json_object();
	const char *k;
	json_t *v;
	json_object_foreach ((json_t *)o, k, v) {
		const field_def *f = e ? entity_field(e, k) : NULL;
		json_t *nv;
		if (f && f->type == FT_SECRET)
			nv = json_string("***");
		else if (f && (f->flags & F_PERSONAL))
			nv = scrub_value(v, po, 1);
		else if (f ? privacy_free_text(f) : json_is_string(v))
			nv = scrub_value(v, po, 0);
		else if (!f && json_is_object(v))
			nv = mask_object(e, v, po); /* a step's "fields" */
		else
			nv = json_incref(v);
		json_object_set_new(out, k, nv);
	}
	return out;
}

json_t *privacy_audit_json(const entity_def *e, const json_t *payload)
{
	if (!payload)
		return NULL;
	if (!json_is_object(payload))
		return json_incref((json_t *)payload);
	const char *names[MAX_NAMES];
	int n = 0;
	if (e)
		collect_names(e, payload, names, &n);
	pii_opts o = {.names = names, .nnames = n, .what = PII_NUMBERS};
	return mask_object(e, payload, &o);
}

int privacy_audit(zj_ctx *c, const char *action, const entity_def *e, int64_t id, const json_t *before,
		  const json_t *after)
{
	json_t *b = privacy_audit_json(e, before), *a = privacy_audit_json(e, after);
	int rc = audit_append(c, action, e->name, id, b, a);
	json_decref(b), json_decref(a);
	return rc;
}

char *privacy_report_text(const entity_def *e, const field_def *f, const char *text)
{
	if (!text)
		return NULL;
	if (f && (f->flags & F_PERSONAL))
		return *text ? pii_mask(text) : strdup("");
	if (f && !privacy_free_text(f)) /* a code the importer must see to correct it */
		return strdup(text);
	pii_opts o = {.what = PII_NUMBERS};
	return pii_scrub(text, &o, NULL);
}
