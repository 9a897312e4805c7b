/* report.c — the support ledger's report: totals by year, by granting level
 * and by kind, year on year (amount and increase), by recipient, with the
 * land, floor space and seconded staff beside the money. Every sum is in
 * integer fen (ledger_tally, pure, overflow-checked); the console shows yuan.
 * The city's figure and the districts', banners', counties' and parks'
 * (旗县区) are kept apart, as the bureau reports them to the city. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"
#include "lib/decimal.h"

#include <stdlib.h>
#include <string.h>

const char *const lg_levels[5] = {"city", "district", "banner", "county", "park"};
const char *const lg_kinds[5] = {"funds", "land", "floor", "instrument", "staff"};

static int index_of(const char *const *list, const char *s)
{
	for (int i = 0; s && i < 5; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

static int add(int64_t *sum, int64_t v)
{
	if (__builtin_add_overflow(*sum, v, sum))
		return -1;
	return 0;
}

int ledger_tally(const lg_grant *g, int ng, lg_year *out, int *n, int cap)
{
	for (int i = 0; i < ng; i++) {
		int lv = index_of(lg_levels, g[i].level), kd = index_of(lg_kinds, g[i].kind);
		if (lv < 0 || kd < 0 || g[i].fen < 0)
			return -1;
		int at = 0;
		while (at < *n && out[at].year < g[i].year)
			at++;
		if (at == *n || out[at].year != g[i].year) { /* a new year, in its place */
			if (*n == cap)
				return -1;
			memmove(&out[at + 1], &out[at], (size_t)(*n - at) * sizeof *out);
			memset(&out[at], 0, sizeof *out);
			out[at].year = g[i].year;
			(*n)++;
		}
		lg_year *y = &out[at];
		if (add(&y->total, g[i].fen) || add(lv ? &y->local : &y->city, g[i].fen) ||
		    add(&y->by_level[lv], g[i].fen) || add(&y->by_kind[kd], g[i].fen) || add(&y->staff, g[i].staff))
			return -1;
		y->count++;
	}
	return 0;
}

static json_t *label_of(const char *dict, const char *code)
{
	for (int i = 0; lg_dicts[i].dict; i++)
		if (!strcmp(lg_dicts[i].dict, dict) && !strcmp(lg_dicts[i].code, code))
			return json_pack("{s:s, s:s}", "zh", lg_dicts[i].label_zh, "en", lg_dicts[i].label_en);
	return json_pack("{s:s, s:s}", "zh", code, "en", code);
}

static json_t *money(int64_t fen)
{
	char y[48];
	lg_yuan(fen, y, sizeof y);
	return json_string(y);
}

static const lg_year *find_year(const lg_year *ys, int n, int year)
{
	for (int i = 0; i < n; i++)
		if (ys[i].year == year)
			return &ys[i];
	return NULL;
}

static json_t *year_json(const lg_year *y, int year)
{
	static const lg_year none;
	if (!y)
		y = &none;
	return json_pack("{s:i, s:I, s:o, s:I, s:I, s:I, s:I}", "year", year, "total_fen", (json_int_t)y->total,
			 "total_yuan", money(y->total), "city_fen", (json_int_t)y->city, "local_fen",
			 (json_int_t)y->local, "count", (json_int_t)y->count, "staff", (json_int_t)y->staff);
}

/* The rows of one breakdown: this year, the year before and the increase. */
static json_t *breakdown(const char *dict, const char *const *codes, const int64_t *now, const int64_t *before)
{
	json_t *a = json_array();
	for (int i = 0; i < 5; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:I, s:I, s:I, s:o}", "code", codes[i], "label",
						   label_of(dict, codes[i]), "fen", (json_int_t)now[i], "previous_fen",
						   (json_int_t)before[i], "increase_fen",
						   (json_int_t)(now[i] - before[i]), "yuan", money(now[i])));
	return a;
}

static int load(zj_ctx *c, lg_year *ys, int *n, int cap)
{
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT budget_year, level, kind, COALESCE(amount_fen, 0), COALESCE(staff_count, 0)"
		       " FROM ledger_grants WHERE deleted = 0 ORDER BY budget_year, id",
		       &s) != DB_OK)
		return -1;
	int rc = 0;
	while (rc == 0 && db_step(s) == DB_ROW) {
		lg_grant g = {(int)db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), 0,
			      db_col_int(s, 3),      db_col_int(s, 4)};
		rc = ledger_tally(&g, 1, ys, n, cap);
	}
	db_finalize(s);
	return rc;
}

static json_t *by_recipient(zj_ctx *c, int year)
{
	char y[12];
	snprintf(y, sizeof y, "%d", year);
	db_stmt *s;
	json_t *a = json_array();
	if (db_prepare(c->db,
		       "SELECT g.recipient_id, u.name, COALESCE(SUM(g.amount_fen), 0), COALESCE(SUM(g.staff_count), 0),"
		       " COUNT(*) FROM ledger_grants g JOIN units u ON u.id = g.recipient_id"
		       " WHERE g.deleted = 0 AND g.budget_year = ? GROUP BY g.recipient_id, u.name"
		       " ORDER BY 3 DESC, g.recipient_id",
		       &s) != DB_OK)
		return a;
	db_bind_text(s, 1, y);
	while (db_step(s) == DB_ROW)
		json_array_append_new(a,
				      json_pack("{s:I, s:s, s:I, s:o, s:I, s:I}", "unit_id",
						(json_int_t)db_col_int(s, 0), "name",
						db_col_text(s, 1) ? db_col_text(s, 1) : "", "fen",
						(json_int_t)db_col_int(s, 2), "yuan", money(db_col_int(s, 2)), "staff",
						(json_int_t)db_col_int(s, 3), "count", (json_int_t)db_col_int(s, 4)));
	db_finalize(s);
	return a;
}

/* Land and floor space of the year, one line per grant (an area keeps its own unit). */
static json_t *areas(zj_ctx *c, int year)
{
	char y[12];
	snprintf(y, sizeof y, "%d", year);
	db_stmt *s;
	json_t *a = json_array();
	if (db_prepare(c->db,
		       "SELECT g.kind, g.grantor, u.name, g.area, g.area_unit, g.purpose FROM ledger_grants g"
		       " JOIN units u ON u.id = g.recipient_id WHERE g.deleted = 0 AND g.budget_year = ?"
		       " AND g.area IS NOT NULL ORDER BY g.granted_on, g.id",
		       &s) != DB_OK)
		return a;
	db_bind_text(s, 1, y);
	while (db_step(s) == DB_ROW) {
		const char *unit = db_col_text(s, 4) ? db_col_text(s, 4) : "";
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "kind", db_col_text(s, 0),
						   "grantor", db_col_text(s, 1), "recipient", db_col_text(s, 2), "area",
						   db_col_text(s, 3), "unit", unit, "unit_label",
						   label_of("ledger_area_unit", unit), "purpose",
						   label_of("ledger_purpose", db_col_text(s, 5))));
	}
	db_finalize(s);
	return a;
}

enum { LG_MAX_YEARS = 200 };

int ledger_report(zj_ctx *c, int year, json_t **out)
{
	lg_year *ys = calloc(LG_MAX_YEARS, sizeof *ys);
	int n = 0;
	if (!ys || load(c, ys, &n, LG_MAX_YEARS) != 0) {
		free(ys);
		return ctx_internal(c, "ledger report", db_errmsg(c->db));
	}
	const lg_year *now = find_year(ys, n, year), *before = find_year(ys, n, year - 1);
	static const lg_year none;
	const lg_year *a = now ? now : &none, *b = before ? before : &none;
	json_t *years = json_array();
	for (int i = 0; i < n; i++) {
		const lg_year *p = find_year(ys, n, ys[i].year - 1);
		json_t *y = year_json(&ys[i], ys[i].year);
		json_object_set_new(y, "increase_fen", json_integer(ys[i].total - (p ? p->total : 0)));
		json_array_append_new(years, y);
	}
	*out = json_pack("{s:i, s:I, s:o, s:I, s:o, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "year", year, "total_fen", (json_int_t)a->total, "total_yuan", money(a->total), "city_fen",
			 (json_int_t)a->city, "city_yuan", money(a->city), "local_fen", (json_int_t)a->local,
			 "local_yuan", money(a->local), "count", (json_int_t)a->count, "staff", (json_int_t)a->staff,
			 "previous", year_json(before, year - 1), "increase_fen", (json_int_t)(a->total - b->total),
			 "local_increase_fen", (json_int_t)(a->local - b->local), "increase_yuan",
			 money(a->total - b->total), "by_level",
			 breakdown("ledger_level", lg_levels, a->by_level, b->by_level), "by_kind",
			 breakdown("ledger_kind", lg_kinds, a->by_kind, b->by_kind), "by_recipient",
			 by_recipient(c, year), "areas", areas(c, year), "years", years);
	free(ys);
	return 200;
}

int lg_grants_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	(void)e, (void)id, (void)body;
	int year;
	if (lg_query_year(c, q, &year))
		return c->status;
	return ledger_report(c, year, &out->json);
}
