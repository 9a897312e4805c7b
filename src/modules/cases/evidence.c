/* evidence.c — evidence items (证据) stored by SHA-256 in the core's
 * content-addressed store (core/blobs.h: in the database, one copy per
 * distinct content, served by every node, in every backup). An item's hash is shown on
 * the case and in every document that cites it, and an item can never be
 * silently replaced: a declared hash that does not match the file is refused,
 * a stored file is never overwritten (a different body under an existing
 * name is refused as tampering), and the hash of a registered item cannot
 * change. The console uploads with POST /api/v1/files and sends the file
 * field (the server computes the hash); the upload action below, base64 in
 * JSON with an optional declared hash, stays for scripts. */
#include "core/audit.h"
#include "core/files.h"
#include "modules/cases/cases.h"
#include "lib/xalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The store is the core's (core/files.h, core/blobs.h) for every stored
 * file, evidence included. */
#define sha_hex files_sha_hex
#define blob_read files_read
#define blob_check files_check
#define blob_write files_write

/* Checks data before it is stored: the declared hash (may be NULL) must
 * match, and a stored copy must be whole (a damaged one is recorded, in a
 * transaction of its own, and never overwritten). 0 with *stored set (1: the
 * same file is already stored), or an HTTP status after ctx_problem. */
static int blob_vet(zj_ctx *c, const unsigned char *data, size_t len, const char *declared, char hex[65], int *stored)
{
	sha_hex(data, len, hex);
	if (declared && strcasecmp(declared, hex)) {
		json_t *errs = json_array();
		char msg[300];
		snprintf(msg, sizeof msg,
			 c->en ? "the file's SHA-256 is %s, not the declared %.64s: refused"
			       : "文件的 SHA-256 为 %s，与声明的 %.64s 不符，拒收",
			 hex, declared);
		json_array_append_new(errs, json_pack("{s:s, s:s, s:s}", "field", "sha256", "message", msg, "code",
						      fe_name(FE_HASH)));
		return ctx_fail_fields(c, errs);
	}
	int st = blob_check(c, hex, NULL);
	if (st == 2) {
		/* a stored file that no longer matches its hash: recorded, never overwritten */
		json_t *a = json_pack("{s:s}", "sha256", hex);
		audit_append(c, "evidence_tampered", "evidence", 0, NULL, a);
		json_decref(a);
		return cs_refuse(
			c, "证据保全：内容寻址存储", "存储中同名文件的内容与其哈希不符（疑被篡改），拒绝覆盖",
			"the stored file under this hash no longer matches it (tampering?): it is never overwritten");
	}
	*stored = st == 0;
	return 0;
}

/* Stores data (vetted) in the open transaction, else in one of its own. */
static int blob_put(zj_ctx *c, const unsigned char *data, size_t len, int stored, const char hex[65])
{
	if (!stored && blob_write(c, hex, data, len) != 0)
		return ctx_problem(c, PROB_EVIDENCE_NOT_STORED, db_errmsg(c->db));
	return 0;
}

int cs_evidence_store(zj_ctx *c, const void *data, size_t len, char hex[65])
{
	int stored = 0, st = blob_vet(c, data, len, NULL, hex, &stored);
	return st ? st : blob_put(c, data, len, stored, hex);
}

/* ---- the entity ---- */

static void evidence_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	cs_child_prepare(c, row, old);
	/* an uploaded file (FT_FILE) gives the item its hash, name and type:
	 * nobody types a hash; a hash given with it must be the file's */
	json_t *file = json_object_get(row, "file");
	if (json_is_object(file)) {
		const char *fh = json_string_value(json_object_get(file, "sha256"));
		if (!json_object_get(row, "sha256") && fh)
			json_object_set_new(row, "sha256", json_string(fh));
		if (!old && !cs_str(row, "file_name") && json_is_string(json_object_get(file, "name")))
			json_object_set(row, "file_name", json_object_get(file, "name"));
		if (!old && !cs_str(row, "mime") && json_is_string(json_object_get(file, "mime")))
			json_object_set(row, "mime", json_object_get(file, "mime"));
	}
	const char *hex = cs_str(row, "sha256");
	int64_t size = 0;
	if (!old && hex && strlen(hex) == 64 && blob_check(c, hex, &size) == 0)
		json_object_set_new(row, "size", json_integer(size));
	if (!old) {
		char idt[24];
		CS_ID(idt, cs_int(row, "case_id"));
		const char *p[] = {idt};
		json_object_set_new(row, "seq",
				    json_integer(db_query_int(
					    c->db,
					    "SELECT COALESCE(MAX(seq), 0) + 1 FROM case_evidence WHERE case_id = ?", 1,
					    p, 1)));
	}
}

static void evidence_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	cs_child_check(c, row, old, errors);
	const char *hex = cs_str(row, "sha256");
	if (old && !json_equal(json_object_get(old, "sha256"), json_object_get(row, "sha256"))) {
		crud_field_error(c, errors, "sha256", FE_IMMUTABLE,
				 "证据登记后不得替换文件；如有新文件请另行登记为新证据",
				 "a registered item's file is never replaced: register the new file as a new item");
		return;
	}
	json_t *file = json_object_get(row, "file");
	json_t *ofile = old ? json_object_get(old, "file") : NULL;
	if (json_is_object(ofile) && !json_equal(ofile, file)) {
		crud_field_error(c, errors, "file", FE_IMMUTABLE,
				 "证据登记后不得替换文件；如有新文件请另行登记为新证据",
				 "a registered item's file is never replaced: register the new file as a new item");
		return;
	}
	if (json_is_object(file) && hex && strcmp(hex, json_string_value(json_object_get(file, "sha256")) ?: "")) {
		crud_field_error(c, errors, "file", FE_HASH, "文件与登记的 SHA-256 不符",
				 "the file does not match the registered SHA-256");
		return;
	}
	if (old || !hex || strlen(hex) != 64)
		return;
	int st = blob_check(c, hex, NULL);
	if (st == 1)
		crud_field_error(c, errors, "sha256", FE_HASH, "证据存储中没有该哈希的文件，请先上传",
				 "no stored file has this hash: upload it first");
	else if (st == 2)
		crud_field_error(c, errors, "sha256", FE_HASH, "存储的文件与哈希不符（疑被篡改），拒绝登记",
				 "the stored file does not match its hash (tampering?)");
	char a[24];
	CS_ID(a, cs_int(row, "case_id"));
	const char *p[] = {a, hex};
	int64_t dup =
		db_query_int(c->db, "SELECT seq FROM case_evidence WHERE case_id = ? AND sha256 = ? AND deleted = 0", 2,
			     p, 0);
	if (dup > 0) {
		char msg[160];
		snprintf(msg, sizeof msg,
			 c->en ? "already registered as item %lld of this case" : "该文件已登记为本案第%lld号证据",
			 (long long)dup);
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", "sha256", "message", msg, "code",
							fe_name(FE_UNIQUE)));
	}
}

static const char *fields_of_upload[] = {"case_id",      "title",        "kind",     "file_name",  "mime",
					 "collected_on", "collected_by", "provider", "description"};

/* POST /api/v1/evidence/actions/upload {content_base64, sha256?, case_id?, title?, ...}:
 * stores the file; with case_id, also registers the item (201 row). */
static int act_upload(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	const char *b64 = cs_str(body, "content_base64");
	if (!b64) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "content_base64", FE_REQUIRED, "请附上文件内容（base64）",
				 "attach the file as base64");
		return ctx_fail_fields(c, errs);
	}
	size_t n = strlen(b64), len = 0;
	unsigned char *bin = xmalloc(n / 4 * 3 + 4);
	if (sodium_base642bin(bin, n / 4 * 3 + 4, b64, n, " \r\n\t", &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(bin);
		json_t *errs = json_array();
		crud_field_error(c, errs, "content_base64", FE_TYPE, "不是有效的 base64", "is not valid base64");
		return ctx_fail_fields(c, errs);
	}
	char hex[65];
	int stored = 0, st = blob_vet(c, bin, len, cs_str(body, "sha256"), hex, &stored);
	/* the bytes and the audit record of the upload: one transaction */
	if (!st && db_begin(c->db) != DB_OK)
		st = ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	if (!st)
		st = blob_put(c, bin, len, stored, hex);
	free(bin);
	json_t *a = json_pack("{s:s, s:I}", "sha256", hex, "size", (json_int_t)len);
	if (cs_str(body, "file_name"))
		json_object_set_new(a, "file_name", json_string(cs_str(body, "file_name")));
	int arc = st ? DB_OK : audit_append(c, "upload", e->name, 0, NULL, a);
	json_decref(a);
	if (st || arc != DB_OK || db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		return st ? st : ctx_problem(c, PROB_AUDIT_UNAVAILABLE, NULL);
	}
	/* with a case, the item is registered next (crud_create, its own
	 * transaction): a refused item leaves the file stored and audited, as an
	 * upload through POST /api/v1/files followed by a refused record does */
	if (!json_is_integer(json_object_get(body, "case_id"))) {
		out->json = json_pack("{s:s, s:I}", "sha256", hex, "size", (json_int_t)len);
		return 200;
	}
	json_t *rec = json_object();
	for (size_t i = 0; i < sizeof fields_of_upload / sizeof fields_of_upload[0]; i++)
		if (json_object_get(body, fields_of_upload[i]))
			json_object_set(rec, fields_of_upload[i], json_object_get(body, fields_of_upload[i]));
	json_object_set_new(rec, "sha256", json_string(hex));
	json_object_set_new(rec, "file",
			    json_pack("{s:s, s:s}", "sha256", hex, "name",
				      cs_str(body, "file_name") ? cs_str(body, "file_name") : hex));
	st = crud_create(c, e, rec, &out->json);
	json_decref(rec);
	return st;
}

/* GET /api/v1/evidence/{id}/actions/file → the file as base64, after re-checking its hash. */
static int act_file(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *row = crud_load(c, e, id);
	const char *hex = row ? cs_str(row, "sha256") : NULL;
	size_t len = 0;
	unsigned char *b = hex ? blob_read(c, hex, &len) : NULL;
	char got[65] = "";
	if (b)
		sha_hex(b, len, got);
	int rc = 200;
	if (!b)
		rc = ctx_problem(c, PROB_EVIDENCE_FILE_MISSING, hex);
	else if (strcmp(got, hex))
		rc = cs_refuse(c, "证据保全", "存储的文件与登记的哈希不符，疑被篡改",
			       "the stored file does not match the registered hash");
	else {
		size_t blen = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		char *enc = xmalloc(blen);
		sodium_bin2base64(enc, blen, b, len, sodium_base64_VARIANT_ORIGINAL);
		out->json = json_pack("{s:s, s:I, s:s, s:s}", "sha256", hex, "size", (json_int_t)len, "file_name",
				      cs_str(row, "file_name") ? cs_str(row, "file_name") : hex, "content_base64", enc);
		free(enc);
		json_t *a = json_pack("{s:s}", "sha256", hex);
		audit_append(c, "read_evidence", e->name, id, NULL, a);
		json_decref(a);
	}
	free(b);
	json_decref(row);
	return rc;
}

/* GET /api/v1/evidence/{id}/actions/verify → {"sha256","intact","size"}. */
static int act_verify(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *row = crud_load(c, e, id);
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int64_t size = 0;
	int st = blob_check(c, cs_str(row, "sha256"), &size);
	out->json = json_pack("{s:s, s:b, s:s, s:I}", "sha256", cs_str(row, "sha256"), "intact", st == 0, "state",
			      st == 0   ? "intact"
			      : st == 1 ? "missing"
					: "mismatch",
			      "size", (json_int_t)size);
	json_decref(row);
	return 200;
}

static const field_def evidence_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"seq", FT_INT, "证据序号", "Item no.", F_READONLY | F_LIST},
	{"title", FT_TEXT, "证据名称", "Title", F_REQUIRED | F_LIST | F_SEARCH, 1, 200},
	{"kind", FT_DICT, "证据种类", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_evidence_kind"},
	{"file", FT_FILE, "证据文件", "File", 0, .help_zh = "上传文件，服务器计算其 SHA-256，登记后不可更换",
	 .help_en = "upload the file; the server computes its SHA-256, which never changes once registered"},
	{"sha256", FT_TEXT, "SHA-256", "SHA-256", F_REQUIRED | F_DERIVED | F_LIST | F_SEARCH, 64, 64, 0, 0,
	 FILES_HASH_PATTERN, .help_zh = "由服务器根据上传的文件计算，登记后不可更改",
	 .help_en = "computed by the server from the uploaded file; never changes"},
	{"size", FT_INT, "文件大小", "Size", F_READONLY | F_LIST, .unit = "byte"},
	{"file_name", FT_TEXT, "文件名", "File name", F_DERIVED, 0, 200},
	{"mime", FT_TEXT, "文件类型", "Media type", F_DERIVED, 0, 100, 0, 0, "^[a-z]+/[A-Za-z0-9.+-]+$"},
	{"collected_on", FT_DATE, "取证日期", "Collected on", F_LIST},
	{"collected_by", FT_TEXT, "取证人", "Collected by", 0, 0, 100},
	{"provider", FT_TEXT, "证据提供人或来源", "Provided by / source", 0, 0, 200},
	{"description", FT_TEXT, "证明对象及说明", "What it proves", 0, 0, 2000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks evidence_hooks = {.prepare = evidence_prepare,
					    .validate = evidence_validate,
					    .assigned_sql = cs_assigned_child};
static const entity_action evidence_actions[] = {
	{"upload", "POST", "evidence.create", 0, act_upload, .body_limit = 20u << 20}, /* files, base64 in JSON */
	{"file", "GET", NULL, 1, act_file},
	{"verify", "GET", NULL, 1, act_verify},
};
const entity_def cs_ent_evidence = {
	.name = "evidence",
	.table = "case_evidence",
	.label_zh = "证据",
	.label_en = "Evidence",
	.menu = "cases",
	.fields = evidence_fields,
	.nfields = ZJ_COUNT(evidence_fields),
	.label_field = "title",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.hooks = &evidence_hooks,
	.actions = evidence_actions,
	.nactions = ZJ_COUNT(evidence_actions),
	.no_delete = 1,
	.no_import = 1,
};
