/* draws.c — 双随机、一公开 (国务院办公厅关于推广随机抽查规范事中事后监管的
 * 通知, 国办发〔2015〕58号): enterprises of a stratum drawn at random for
 * inspection and inspectors drawn for each, reproducible by anyone from the
 * published seed and the published list. The list is the stratum's
 * enterprises ordered by credit code; enterprises on the watch list (重点
 * 监管) are taken first, with certainty; the rest of the places are drawn.
 * For each enterprise its team is drawn from the inspectors (users holding
 * a sampling or supervision role), leaving out those with a declared
 * conflict with it (回避). The record, its seed and its list are kept and
 * served on the portal (GET /api/v1/public/risk_draws). */
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "modules/modules.h"
#include "modules/risk/draw.h"
#include "modules/risk/risk.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

typedef struct cand {
	int64_t id;
	char *label;      /* "name（USCC）" */
	char *name, *key; /* the name; the credit code (enterprise) or login name (inspector) */
	int watched;
} cand;

typedef struct pool {
	cand *v;
	int n, cap;
} pool;

static void pool_free(pool *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i].label), free(p->v[i].name), free(p->v[i].key);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static int pool_load(zj_ctx *c, const char *sql, int64_t param, pool *p)
{
	db_stmt *s;
	int rc = db_prepare(c->db, sql, &s);
	if (rc != DB_OK)
		return rc;
	if (param)
		db_bind_int(s, 1, param);
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 64;
			p->v = xrealloc(p->v, sizeof(cand) * (size_t)p->cap);
		}
		char buf[400];
		snprintf(buf, sizeof buf, "%s（%s）", db_col_text(s, 1) ? db_col_text(s, 1) : "",
			 db_col_text(s, 2) ? db_col_text(s, 2) : "");
		const char *nm = db_col_text(s, 1), *ky = db_col_text(s, 2);
		p->v[p->n++] = (cand){db_col_int(s, 0), xstrdup(buf), xstrdup(nm ? nm : ""), xstrdup(ky ? ky : ""),
				      (int)db_col_int(s, 3)};
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

static const char SQL_ENTERPRISES[] =
	"SELECT e.id, e.name, e.uscc, CASE WHEN EXISTS (SELECT 1 FROM risk_watch w WHERE w.enterprise_id = e.id"
	" AND w.deleted = 0 AND w.state <> 'released') THEN 1 ELSE 0 END FROM enterprises e"
	" WHERE e.deleted = 0 AND e.jurisdiction_id = ? ORDER BY e.uscc, e.id";
static const char SQL_INSPECTORS[] =
	"SELECT DISTINCT u.id, u.name, u.username, 0 FROM users u JOIN user_roles ur ON ur.user_id = u.id"
	" JOIN roles r ON r.id = ur.role_id WHERE u.deleted = 0 AND r.code IN ('food_sampler', 'food_supervisor',"
	" 'district_officer') ORDER BY u.username";

/* Whether inspector (username) declared a conflict with enterprise id. */
static int conflicted(json_t *conflicts, const char *username, int64_t ent)
{
	size_t i;
	json_t *x;
	json_array_foreach (conflicts, i, x) {
		const char *u = json_string_value(json_object_get(x, "username"));
		if (u && !strcmp(u, username) && json_integer_value(json_object_get(x, "enterprise_id")) == ent)
			return 1;
	}
	return 0;
}

static int64_t num(json_t *body, const char *k, int64_t dflt, int *bad)
{
	json_t *v = json_object_get(body, k);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_integer(v))
		*bad = 1;
	return json_integer_value(v);
}

/* The seed: the one given (64 hex digits, to repeat a draw), else fresh. */
static int seed_of(json_t *body, unsigned char seed[RK_SEED_BYTES], char hex[2 * RK_SEED_BYTES + 1])
{
	const char *given = json_string_value(json_object_get(body, "seed"));
	if (given) {
		size_t len = 0;
		if (strlen(given) != 2 * RK_SEED_BYTES ||
		    sodium_hex2bin(seed, RK_SEED_BYTES, given, strlen(given), NULL, &len, NULL) || len != RK_SEED_BYTES)
			return -1;
	} else
		randombytes_buf(seed, RK_SEED_BYTES);
	sodium_bin2hex(hex, 2 * RK_SEED_BYTES + 1, seed, RK_SEED_BYTES);
	return 0;
}

/* The draw itself into result (lines "企业：检查人员、检查人员"); 0, or -1 when
 * an enterprise cannot get a full team. */
static int draw_all(const unsigned char seed[RK_SEED_BYTES], pool *ents, pool *insp, int places, int team,
		    json_t *conflicts, strbuf *result, json_t *chosen)
{
	rk_rng r;
	if (rk_rng_init(&r, seed, 64 + 4 * (places + places * team) + 4 * ents->n))
		return -1;
	int *pick = xcalloc((size_t)places + 1, sizeof(int)), *rest = xcalloc((size_t)ents->n + 1, sizeof(int));
	int nw = 0, nr = 0, rc = 0;
	for (int i = 0; i < ents->n; i++) /* the watch list first, with certainty */
		if (ents->v[i].watched && nw < places)
			pick[nw++] = i;
		else
			rest[nr++] = i;
	int *drawn = xcalloc((size_t)(places - nw) + 1, sizeof(int));
	if (rk_draw(&r, nr, places - nw, drawn))
		rc = -1;
	for (int i = 0; rc == 0 && i < places - nw; i++)
		pick[nw + i] = rest[drawn[i]];
	int *avail = xcalloc((size_t)insp->n + 1, sizeof(int)), *who = xcalloc((size_t)team + 1, sizeof(int));
	for (int i = 0; rc == 0 && i < places; i++) {
		const cand *e = &ents->v[pick[i]];
		int na = 0;
		for (int j = 0; j < insp->n; j++)
			if (!conflicted(conflicts, insp->v[j].key, e->id))
				avail[na++] = j;
		if (rk_draw(&r, na, team, who)) {
			rc = -1;
			break;
		}
		sb_printf(result, "%d. %s%s：", i + 1, e->label, e->watched ? "［重点监管］" : "");
		json_t *names = json_array();
		for (int k = 0; k < team; k++) {
			sb_add(result, insp->v[avail[who[k]]].name);
			if (k + 1 < team)
				sb_add(result, "、");
			json_array_append_new(names, json_integer(insp->v[avail[who[k]]].id));
		}
		sb_add(result, "\n");
		json_array_append_new(chosen,
				      json_pack("{s:I, s:o}", "enterprise_id", (json_int_t)e->id, "inspectors", names));
	}
	free(pick), free(rest), free(drawn), free(avail), free(who);
	rk_rng_free(&r);
	return rc;
}

/* POST /api/v1/risk_draws/actions/draw {"jurisdiction_id","places","team","link"?,
 * "seed"? (64 hex digits, to repeat a draw), "conflicts"?: [{"username","enterprise_id"}]} */
int rk_draws_draw(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *errors = json_array();
	int bad = 0;
	int64_t juris = num(body, "jurisdiction_id", 0, &bad);
	if (bad || juris <= 0 || !rk_row_live(c, "jurisdictions", juris))
		crud_field_error(c, errors, "jurisdiction_id", FE_REF, "区划不存在", "No such jurisdiction");
	bad = 0;
	int64_t places = num(body, "places", 0, &bad), team = num(body, "team", 2, &bad);
	if (bad || places < 1 || places > 10000)
		crud_field_error(c, errors, "places", FE_RANGE, "抽取家数应为 1～10000", "Places must be 1 to 10000");
	if (team < 1 || team > 10)
		crud_field_error(c, errors, "team", FE_RANGE, "每组检查人员应为 1～10 人",
				 "A team is 1 to 10 inspectors");
	json_t *conflicts = json_object_get(body, "conflicts");
	if (conflicts && !json_is_array(conflicts))
		crud_field_error(c, errors, "conflicts", FE_TYPE, "应为回避声明列表",
				 "Must be a list of declared conflicts");
	const char *link = json_string_value(json_object_get(body, "link"));
	unsigned char seed[RK_SEED_BYTES];
	char hex[2 * RK_SEED_BYTES + 1];
	if (seed_of(body, seed, hex))
		crud_field_error(c, errors, "seed", FE_PATTERN, "种子应为 64 位十六进制数",
				 "The seed must be 64 hex digits");
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	pool ents = {0}, insp = {0};
	int rc = pool_load(c, SQL_ENTERPRISES, juris, &ents);
	if (rc == DB_OK)
		rc = pool_load(c, SQL_INSPECTORS, 0, &insp);
	if (rc != DB_OK) {
		pool_free(&ents), pool_free(&insp), json_decref(errors);
		return ctx_internal(c, "risk draw", db_errmsg(c->db));
	}
	char msg_zh[200], msg_en[200];
	if (ents.n < places) {
		snprintf(msg_zh, sizeof msg_zh, "该区划只有 %d 家企业，少于抽取家数 %lld", ents.n, (long long)places);
		snprintf(msg_en, sizeof msg_en, "%d enterprises in the jurisdiction, fewer than %lld places", ents.n,
			 (long long)places);
		crud_field_error(c, errors, "places", FE_RANGE, msg_zh, msg_en);
	}
	/* the list as published: one line per enterprise, its digest recorded */
	strbuf list, result;
	sb_init(&list), sb_init(&result);
	for (int i = 0; i < ents.n; i++)
		sb_printf(&list, "%s\n", ents.v[i].label);
	json_t *chosen = json_array();
	if (!json_array_size(errors) &&
	    draw_all(seed, &ents, &insp, (int)places, (int)team, conflicts, &result, chosen)) {
		snprintf(msg_zh, sizeof msg_zh, "可派检查人员不足（共 %d 人，每组 %lld 人，已除去回避人员）", insp.n,
			 (long long)team);
		snprintf(msg_en, sizeof msg_en, "Not enough inspectors (%d, teams of %lld, conflicts left out)", insp.n,
			 (long long)team);
		crud_field_error(c, errors, "team", FE_RANGE, msg_zh, msg_en);
	}
	if (json_array_size(errors)) {
		pool_free(&ents), pool_free(&insp), sb_free(&list), sb_free(&result), json_decref(chosen);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	unsigned char dg[32];
	char dhex[65];
	crypto_hash_sha256(dg, (const unsigned char *)(list.s ? list.s : ""), list.len);
	sodium_bin2hex(dhex, sizeof dhex, dg, sizeof dg);
	json_t *row = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:i, s:i, s:s, s:s}", "drawn_at", c->now, "seed", hex,
				"list_sha256", dhex, "jurisdiction_id", (json_int_t)juris, "places", (json_int_t)places,
				"team", (json_int_t)team, "candidates", ents.n, "inspectors", insp.n, "list_text",
				list.s ? list.s : "", "result", result.s ? result.s : "");
	if (link)
		json_object_set_new(row, "link", json_string(link));
	if (conflicts && json_array_size(conflicts)) {
		char *cj = json_dumps(conflicts, JSON_COMPACT);
		json_object_set_new(row, "conflicts", json_string(cj ? cj : ""));
		free(cj);
	}
	int64_t did = 0;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = crud_add(c, &rk_ent_draws, row, &did);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	char emsg[256];
	snprintf(emsg, sizeof emsg, "%s", db_errmsg(c->db));
	if (rc != DB_OK)
		db_rollback(c->db);
	json_decref(row);
	pool_free(&ents), pool_free(&insp), sb_free(&list), sb_free(&result);
	if (rc != DB_OK) {
		json_decref(chosen);
		return ctx_internal(c, "risk draw write", emsg);
	}
	return crud_get(c, &rk_ent_draws, did, &out->json) == 200
		       ? (json_object_set_new(out->json, "chosen", chosen), 200)
		       : (json_decref(chosen), c->status ? c->status : 500);
}

/* GET /api/v1/public/risk_draws: the published draws (seed, list digest, list, result). */
static int public_draws(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	db_stmt *s;
	json_t *items = json_array();
	if (db_prepare(
		    c->db,
		    "SELECT d.drawn_at, d.seed, d.list_sha256, j.name, d.places, d.team, d.candidates, d.list_text,"
		    " d.result FROM risk_draws d JOIN jurisdictions j ON j.id = d.jurisdiction_id WHERE d.deleted = 0"
		    " ORDER BY d.drawn_at DESC, d.id DESC LIMIT 100",
		    &s) != DB_OK) {
		json_decref(items);
		return ctx_internal(c, "public draws", db_errmsg(c->db));
	}
	while (db_step(s) == DB_ROW)
		json_array_append_new(items,
				      json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:s}", "drawn_at",
						db_col_text(s, 0), "seed", db_col_text(s, 1), "list_sha256",
						db_col_text(s, 2), "jurisdiction", db_col_text(s, 3), "places",
						(json_int_t)db_col_int(s, 4), "team", (json_int_t)db_col_int(s, 5),
						"candidates", (json_int_t)db_col_int(s, 6), "list", db_col_text(s, 7),
						"result", db_col_text(s, 8)));
	db_finalize(s);
	out->json =
		json_pack("{s:o, s:s}", "items", items, "method",
			  "randombytes_buf_deterministic(seed) → 32-bit little-endian words; partial Fisher–Yates with"
			  " rejection sampling; the watch list first; a team per enterprise from the inspectors without"
			  " a declared conflict");
	return 200;
}

const public_endpoint rk_public_draws = {"risk_draws", "GET", public_draws};

static const entity_action draw_actions[] = {
	{"draw", "POST", "risk_draws.draw", 0, rk_draws_draw, .label_zh = "双随机抽取", .label_en = "Draw at random"},
};

/* clang-format off */
static const field_def draw_fields[] = {
	{"drawn_at", FT_DATETIME, "抽取时间", "Drawn at", F_READONLY | F_FILLED | F_LIST | F_SORT},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_READONLY | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"link", FT_DICT, "环节", "Link", F_READONLY | F_LIST, .dict = "sampling_link"},
	{"places", FT_INT, "抽取家数", "Places", F_READONLY | F_LIST},
	{"team", FT_INT, "每组人数", "Team size", F_READONLY},
	{"candidates", FT_INT, "名录企业数", "Enterprises listed", F_READONLY | F_LIST},
	{"inspectors", FT_INT, "检查人员数", "Inspectors", F_READONLY},
	{"seed", FT_TEXT, "随机种子", "Seed", F_READONLY | F_CODE, 64, 64},
	{"list_sha256", FT_TEXT, "名录摘要（SHA-256）", "List digest (SHA-256)", F_READONLY | F_CODE, 64, 64},
	{"list_text", FT_TEXT, "抽查名录", "List", F_READONLY},
	{"result", FT_TEXT, "抽取结果", "Result", F_READONLY | F_LIST},
	{"conflicts", FT_TEXT, "回避声明", "Declared conflicts", F_READONLY},
};
/* clang-format on */

const entity_def rk_ent_draws = {
	.name = "risk_draws",
	.table = "risk_draws",
	.label_zh = "双随机抽查记录",
	.label_en = "Random inspection draws",
	.menu = "risk",
	.fields = draw_fields,
	.nfields = ZJ_COUNT(draw_fields),
	.label_field = "result",
	.juris_field = "jurisdiction_id",
	.default_sort = "-drawn_at",
	.actions = draw_actions,
	.nactions = ZJ_COUNT(draw_actions),
	.no_create = 1,
	.no_update = 1,
	.no_delete = 1,
	.no_import = 1,
	.first_columns = "drawn_at,jurisdiction_id,places,result",
};
