/* complaint_lookup.c — the portal's progress lookup of a complaint or report
 * (市场监督管理投诉举报处理暂行办法 Art. 14: the complainant is told whether
 * the complaint is accepted; Art. 31: a named reporter is told the outcome).
 * The submission returns, once, a random lookup code beside the tracking
 * number; only its salted hash is kept (complaints.lookup_hash). POST
 * /api/v1/public/complaint_status {"tracking_no","code"} answers the
 * progress — states and dates, never a name, phone or the facts — and 404,
 * the same as for an unknown number, when the code is missing or wrong.
 * POST: the core's public-form rate limit applies (web/ratelimit.c), and the
 * code never lands in a URL or an access log. */
#include "core/workflow.h"
#include "modules/cases/cases.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Crockford's base32: no I, L, O, U, so that a code read aloud or retyped
 * survives (I and L read as 1, O as 0). 12 characters = 60 bits. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void cs_lookup_code_new(char out[CS_LOOKUP_CODE_LEN])
{
	size_t k = 0;
	for (int i = 0; i < 12; i++) {
		if (i && i % 4 == 0)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(32)];
	}
	out[k] = 0;
}

/* The hash kept: SHA-256 of "<tracking no>:<code without separators, upper case>". */
void cs_lookup_code_hash(const char *tracking_no, const char *code, char hex[65])
{
	char norm[64];
	size_t k = 0;
	for (const char *p = code ? code : ""; *p && k + 1 < sizeof norm; p++) {
		int ch = toupper((unsigned char)*p);
		if (ch == '-' || ch == ' ')
			continue;
		norm[k++] = (char)(ch == 'O' ? '0' : ch == 'I' || ch == 'L' ? '1' : ch);
	}
	norm[k] = 0;
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)(tracking_no ? tracking_no : ""),
				  strlen(tracking_no ? tracking_no : ""));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)norm, k);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

/* The step dates a complainant may read, in order. */
static const struct {
	const char *field, *zh, *en;
} dates[] = {
	{"received_on", "登记", "Received"},
	{"decided_on", "作出是否受理的决定", "Acceptance decided"},
	{"mediation_ended_on", "调解结束", "Mediation ended"},
	{"parties_informed_on", "告知处理结果", "Parties told of the outcome"},
	{"reporter_informed_on", "告知举报人处理结果", "Reporter told of the outcome"},
};

static json_t *progress(zj_ctx *c, const json_t *row)
{
	const char *state = cs_str(row, "state");
	json_t *steps = json_array();
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		if (cs_str(row, dates[i].field))
			json_array_append_new(steps, json_pack("{s:s, s:s}", "step", TR(c, dates[i].zh, dates[i].en),
							       "on", cs_str(row, dates[i].field)));
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:o}", "tracking_no", cs_str(row, "tracking_no"), "kind",
				cs_str(row, "kind"), "state", state, "state_label",
				workflow_state_label(cs_ent_complaints.workflow, state, c->en), "steps", steps);
	/* the open deadline of the current stage (7 working days to decide on acceptance, ...) */
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT due FROM deadlines WHERE entity = 'complaints' AND entity_id = ? AND closed_at IS NULL"
		       " ORDER BY due LIMIT 1",
		       &s) == DB_OK) {
		char id[24];
		CS_ID(id, cs_int(row, "id"));
		db_bind_text(s, 1, id);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			json_object_set_new(out, "due", json_string(db_col_text(s, 0)));
		db_finalize(s);
	}
	return out;
}

static int public_status(zj_ctx *c, const void *q, json_t *body, action_result *out)
{
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	const char *no = cs_str(body, "tracking_no"), *code = cs_str(body, "code");
	char want[65];
	cs_lookup_code_hash(no, code, want); /* the same work whether or not the number exists */
	int64_t id = 0;
	char kept[65] = "";
	db_stmt *s;
	if (no && db_prepare(c->db, "SELECT id, lookup_hash FROM complaints WHERE tracking_no = ? AND deleted = 0",
			     &s) == DB_OK) {
		db_bind_text(s, 1, no);
		if (db_step(s) == DB_ROW) {
			id = db_col_int(s, 0);
			snprintf(kept, sizeof kept, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		}
		db_finalize(s);
	}
	int ok = id > 0 && code && *code && strlen(kept) == 64 && sodium_memcmp(kept, want, 64) == 0;
	if (!ok)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	zj_user *who = c->user;
	c->user = NULL; /* read as the system: the code is the permission */
	json_t *row = crud_load(c, &cs_ent_complaints, id);
	c->user = who;
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	out->json = progress(c, row);
	json_decref(row);
	return 200;
}

const public_endpoint cs_public_complaint_status = {"complaint_status", "POST", public_status};
