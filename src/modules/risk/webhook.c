/* webhook.c — red and orange warnings pushed to a configured address (the
 * bureau's duty desk, a messaging gateway), beside the console's to-do and
 * bell. 突发事件应对法第六十五条 asks that a warning reach those concerned
 * by every means at hand; a webhook is one.
 *
 * The address is configuration: `zhijian serve --risk-webhook URL` (or the
 * key `risk-webhook` of --config, or the environment ZJ_RISK_WEBHOOK). When
 * a red or orange warning is issued, or a warning's level is changed to red
 * or orange, a delivery row (risk_deliveries) is written in the same
 * transaction as the warning — nothing is sent there, so the request that
 * raised the warning never waits on the network and never fails because the
 * receiver is down. A background job (risk_webhook, each minute, one server
 * at a time) and the list's button 立即发送 POST the due deliveries with
 * libcurl (a timeout, no redirects, http/https only), outside any
 * transaction, then record the outcome through the core: delivered (with
 * the HTTP status), or failed with the HTTP status (0: no answer) and the
 * error, retried with a doubling back-off (1, 2, 4 ... minutes, at most an
 * hour) up to `webhook_attempts` (8) times. A failed delivery is a to-do
 * (重新发送) of the risk analysts. Delivery is at least once: a receiver
 * drops a repeat by the warning's number, event and level. */
#include "modules/modules.h"
#include "lib/xalloc.h"
#include "modules/risk/risk.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *str_of(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

/* The configured address, or NULL. */
static const char *webhook_url(void)
{
	const char *u = getenv("ZJ_RISK_WEBHOOK");
	return u && *u ? u : NULL;
}

/* "YYYY-MM-DDTHH:MM:SSZ" s seconds after now. */
static void after_s(const char *now, long s, char out[32])
{
	struct tm tm = {0};
	snprintf(out, 32, "%s", now);
	if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	time_t t = timegm(&tm) + s;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int urgent(const char *level)
{
	return level && (!strcmp(level, "red") || !strcmp(level, "orange"));
}

int rk_webhook_queue(zj_ctx *c, int64_t warning_id, const json_t *w, const char *event)
{
	const char *url = webhook_url(), *level = str_of(w, "level");
	if (!url || !urgent(level))
		return 0;
	const char *base = getenv("ZJ_PUBLIC_URL");
	char link[400];
	snprintf(link, sizeof link, "%s/e/risk_warnings/%lld", base && *base ? base : "", (long long)warning_id);
	json_t *p = json_pack("{s:s, s:I, s:s, s:s, s:s, s:{s:s?, s:s?, s:s?}, s:s?, s:s?, s:s}", "event", event,
			      "number", (json_int_t)warning_id, "level", level, "level_label",
			      !strcmp(level, "red") ? "红色预警（一级）" : "橙色预警（二级）", "title",
			      str_of(w, "title") ? str_of(w, "title") : "", "scope", "foods", str_of(w, "scope_foods"),
			      "hazards", str_of(w, "scope_hazards"), "areas", str_of(w, "scope_areas"), "measures",
			      str_of(w, "measures"), "issued_at", str_of(w, "issued_at"), "link", link);
	char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(p);
	if (!text)
		return ctx_internal(c, "risk webhook", "payload");
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s}", "warning_id", (json_int_t)warning_id, "level", level,
				"url", url, "payload", text, "attempts", 0, "next_at", c->now);
	free(text);
	int64_t id = 0;
	int rc = row ? crud_add(c, &rk_ent_deliveries, row, &id) : DB_ERR;
	json_decref(row);
	return rc == DB_OK ? 0 : ctx_internal(c, "risk webhook queue", db_errmsg(c->db));
}

/* ---- sending ---- */

static size_t discard(char *p, size_t size, size_t n, void *u)
{
	(void)p, (void)u;
	return size * n;
}

/* POSTs body to url; the HTTP status (0: no answer) and, on failure, why. */
static long post_json(const char *url, const char *body, long timeout_ms, char *err, size_t errn)
{
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(err, errn, "curl_easy_init failed");
		return 0;
	}
	char ebuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "zhijian-risk-webhook/1");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	long status = 0;
	CURLcode rc = curl_easy_perform(h);
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK)
		snprintf(err, errn, "%s", *ebuf ? ebuf : curl_easy_strerror(rc));
	else if (status < 200 || status > 299)
		snprintf(err, errn, "HTTP %ld", status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	return status;
}

typedef struct due_row {
	int64_t id;
	long attempts;
	char *url, *payload;
} due_row;

/* The deliveries due now, at most n (queued, or failed with attempts left). */
static int load_due(zj_ctx *c, int64_t max_attempts, due_row *out, int n, int *got)
{
	db_stmt *s;
	*got = 0;
	if (db_prepare(c->db,
		       "SELECT id, attempts, url, payload FROM risk_deliveries WHERE deleted = 0 AND next_at <= ?"
		       " AND (state = 'queued' OR (state = 'failed' AND attempts < ?)) ORDER BY id",
		       &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, c->now);
	db_bind_int(s, 2, max_attempts);
	int rc;
	for (rc = db_step(s); rc == DB_ROW && *got < n; rc = db_step(s)) {
		due_row *r = &out[(*got)++];
		r->id = db_col_int(s, 0);
		r->attempts = (long)db_col_int(s, 1);
		r->url = xstrdup(db_col_text(s, 2) ? db_col_text(s, 2) : "");
		r->payload = xstrdup(db_col_text(s, 3) ? db_col_text(s, 3) : "");
	}
	db_finalize(s);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : DB_ERR;
}

/* Records one attempt's outcome through the core, in its own transaction;
 * a delivery another server recorded meanwhile is left as it is. */
static int record(zj_ctx *c, const due_row *r, long status, const char *err)
{
	if (db_begin(c->db) != DB_OK)
		return DB_ERR;
	json_t *old = crud_load(c, &rk_ent_deliveries, r->id);
	const char *state = old ? str_of(old, "state") : NULL;
	int ok = status >= 200 && status <= 299, rc = DB_OK;
	if (state && strcmp(state, "delivered")) {
		long n = r->attempts + 1, wait = 60L << (n - 1 < 6 ? n - 1 : 6);
		char next[32];
		after_s(c->now, wait > 3600 ? 3600 : wait, next);
		json_t *f = json_pack("{s:i, s:I, s:s?, s:s}", "attempts", (int)n, "http_status", (json_int_t)status,
				      "last_error", ok ? NULL : err, "next_at", ok ? c->now : next);
		if (ok)
			json_object_set_new(f, "delivered_at", json_string(c->now));
		rc = crud_set_fields_old(c, &rk_ent_deliveries, r->id, old, f, "update");
		json_decref(f);
		const char *step = ok ? "deliver" : (!strcmp(state, "queued") ? "fail" : NULL);
		if (rc == DB_OK && step && workflow_apply(c, &rk_ent_deliveries, r->id, step, NULL, NULL))
			rc = DB_ERR;
	}
	json_decref(old);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	return rc;
}

/* Sends what is due; *sent, *failed count the outcomes. DB_OK or an error. */
static int send_due(zj_ctx *c, int *sent, int *failed)
{
	enum { BATCH = 50 };
	due_row rows[BATCH];
	int n = 0, rc = load_due(c, rk_param(c, "webhook_attempts", 8), rows, BATCH, &n);
	long timeout = (long)rk_param(c, "webhook_timeout_ms", 5000);
	*sent = *failed = 0;
	for (int i = 0; i < n; i++) {
		char err[300] = "";
		if (rc == DB_OK) {
			long status = post_json(rows[i].url, rows[i].payload, timeout, err, sizeof err);
			rc = record(c, &rows[i], status, err);
			if (status >= 200 && status <= 299)
				(*sent)++;
			else
				(*failed)++;
		}
		free(rows[i].url);
		free(rows[i].payload);
	}
	return rc;
}

/* POST /risk_deliveries/actions/send: the due deliveries now (the list's button). */
int rk_deliveries_send(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int sent = 0, failed = 0;
	zj_user *who = c->user;
	c->user = NULL; /* recorded as the system's, as when the job sends */
	int rc = send_due(c, &sent, &failed);
	c->user = who;
	if (rc != DB_OK)
		return ctx_internal(c, "risk webhook send", db_errmsg(c->db));
	out->json = json_pack("{s:i, s:i}", "delivered", sent, "failed", failed);
	char zh[120], en[120];
	snprintf(zh, sizeof zh, "送达 %d 条，失败 %d 条", sent, failed);
	snprintf(en, sizeof en, "%d delivered, %d failed", sent, failed);
	action_summary(out, zh, en);
	return 200;
}

int rk_webhook_job(db *d, const char *now)
{
	zj_ctx c;
	ctx_init(&c, d);
	int sent = 0, failed = 0, rc = send_due(&c, &sent, &failed);
	if (rc != DB_OK)
		fprintf(stderr, "risk_webhook: %s\n", db_errmsg(d));
	ctx_clear(&c);
	(void)now;
	return rc;
}

/* ---- the record ---- */

static void retry_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "next_at", json_string(c->now));
}

static const wf_state dl_states[] = {
	{"queued", "待发送", "Queued"},
	{"delivered", "已送达", "Delivered", 1},
	{"failed", "发送失败", "Failed"},
};
static const wf_transition dl_steps[] = {
	{"deliver", "送达", "Delivered", "queued,failed", "delivered", .aside = 1},
	{"fail", "发送失败", "Failed", "queued", "failed", .aside = 1},
	{"retry", "重新发送", "Send again", "failed", "queued", .fill = retry_fill},
};
static const workflow_def dl_workflow = {"queued", dl_states, ZJ_COUNT(dl_states), dl_steps, ZJ_COUNT(dl_steps)};

static const entity_action dl_actions[] = {
	{"send", "POST", "risk_deliveries.send", 0, rk_deliveries_send, .label_zh = "立即发送到期的预警推送",
	 .label_en = "Send the due warning notifications now", .button = 1},
};

/* clang-format off */
static const field_def dl_fields[] = {
	{"warning_id", FT_REF, "预警", "Warning", F_READONLY | F_LIST | F_FILTER, .ref = "risk_warnings"},
	{"level", FT_DICT, "预警级别", "Level", F_READONLY | F_LIST | F_FILTER, .dict = "risk_level"},
	{"url", FT_TEXT, "推送地址", "Address", F_READONLY | F_CODE, 0, 2000},
	{"payload", FT_TEXT, "推送内容", "Payload", F_READONLY | F_CODE, 0, 20000},
	{"attempts", FT_INT, "已尝试次数", "Attempts", F_READONLY | F_LIST},
	{"next_at", FT_DATETIME, "下次发送时间", "Next attempt", F_READONLY | F_LIST},
	{"http_status", FT_INT, "HTTP 状态码", "HTTP status", F_READONLY | F_LIST,
	 .help_zh = "0 表示对方无应答（连接失败或超时）", .help_en = "0: no answer (connection failed or timed out)"},
	{"last_error", FT_TEXT, "失败原因", "Error", F_READONLY | F_LIST, 0, 1000},
	{"delivered_at", FT_DATETIME, "送达时间", "Delivered at", F_READONLY | F_LIST},
};
/* clang-format on */

const entity_def rk_ent_deliveries = {
	.name = "risk_deliveries",
	.table = "risk_deliveries",
	.label_zh = "预警推送记录",
	.label_en = "Warning notifications (webhook)",
	.menu = "risk",
	.fields = dl_fields,
	.nfields = ZJ_COUNT(dl_fields),
	.label_field = "level",
	.default_sort = "-id",
	.workflow = &dl_workflow,
	.actions = dl_actions,
	.nactions = ZJ_COUNT(dl_actions),
	.no_create = 1,
	.no_update = 1,
	.no_delete = 1,
	.no_import = 1,
	.first_columns = "state,warning_id,level,attempts,http_status,last_error,delivered_at",
};
