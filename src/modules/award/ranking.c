/* ranking.c — the round's ranking as the console and the portal show it:
 * every application still in the running with its total, its score per
 * GB/T 19580 category, the spread between its experts (and each expert's
 * total, not public), the consensus flag, the rank, level and prize. */
#include "modules/award/award.h"
#include "modules/modules.h"

#include <string.h>

static json_t *categories(zj_ctx *c)
{
	json_t *out = json_array();
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT d.code, d.label_zh, d.label_en, (SELECT SUM(k.points) FROM aw_criteria k WHERE k.category = d.code"
		    " AND k.deleted = 0) FROM dict_items d WHERE d.dict = 'aw_category' AND d.deleted = 0 ORDER BY d.code",
		    &s) == DB_OK) {
		while (db_step(s) == DB_ROW)
			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:I}", "code", db_col_text(s, 0), "zh",
							     db_col_text(s, 1), "en", db_col_text(s, 2), "points",
							     (json_int_t)db_col_int(s, 3)));
		db_finalize(s);
	}
	return out;
}

static json_t *experts_of(zj_ctx *c, int64_t app)
{
	json_t *out = json_array();
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT x.name, a.expert_total, a.state FROM aw_assignments a JOIN aw_experts x ON x.id = a.expert_id"
		    " WHERE a.application_id = ? AND a.deleted = 0 ORDER BY x.name",
		    &s) == DB_OK) {
		db_bind_int(s, 1, app);
		while (db_step(s) == DB_ROW)
			json_array_append_new(out, json_pack("{s:s, s:o, s:s}", "name", db_col_text(s, 0), "total",
							     db_col_null(s, 1) ? json_null()
									       : json_string(db_col_text(s, 1)),
							     "state", db_col_text(s, 2)));
		db_finalize(s);
	}
	return out;
}

json_t *aw_ranking(zj_ctx *c, int64_t round_id, int public_view)
{
	json_t *round = crud_load(c, &aw_ent_rounds, round_id);
	if (!round)
		return NULL;
	json_t *rows = json_array();
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT id, applicant, total, category_scores, spread, flagged, consensus_note, rank, level, prize_fen,"
		    " state, flagged_items FROM aw_applications WHERE round_id = ? AND deleted = 0"
		    " AND state IN ('eligible', 'reviewed', 'visited', 'concluded')"
		    " ORDER BY CASE WHEN rank IS NULL THEN 1 ELSE 0 END, rank, id",
		    &s) != DB_OK) {
		json_decref(round), json_decref(rows);
		ctx_internal(c, "award ranking", db_errmsg(c->db));
		return NULL;
	}
	db_bind_int(s, 1, round_id);
	while (db_step(s) == DB_ROW) {
		json_t *cats = db_col_text(s, 3) ? json_loads(db_col_text(s, 3), 0, NULL) : NULL;
		json_t *r = json_pack("{s:I, s:s, s:o, s:o}", "application_id", (json_int_t)db_col_int(s, 0),
				      "applicant", db_col_text(s, 1) ? db_col_text(s, 1) : "", "total",
				      db_col_null(s, 2) ? json_null() : json_string(db_col_text(s, 2)), "categories",
				      json_is_object(cats) ? json_incref(cats) : json_object());
		json_object_set_new(r, "rank", db_col_null(s, 7) ? json_null() : json_integer(db_col_int(s, 7)));
		json_object_set_new(r, "level", db_col_null(s, 8) ? json_null() : json_string(db_col_text(s, 8)));
		json_object_set_new(r, "prize_fen", db_col_null(s, 9) ? json_null() : json_integer(db_col_int(s, 9)));
		if (!public_view) {
			int64_t app = db_col_int(s, 0);
			json_object_set_new(r, "spread",
					    db_col_null(s, 4) ? json_null() : json_string(db_col_text(s, 4)));
			json_object_set_new(r, "flagged", json_boolean(db_col_int(s, 5)));
			json_t *fl = json_array();
			for (const char *p = db_col_text(s, 11); p && *p;) {
				const char *comma = strchr(p, ',');
				size_t len = comma ? (size_t)(comma - p) : strlen(p);
				json_array_append_new(fl, json_stringn(p, len));
				p = comma ? comma + 1 : p + len;
			}
			json_object_set_new(r, "flagged_items", fl);
			json_object_set_new(r, "consensus_note",
					    db_col_null(s, 6) ? json_null() : json_string(db_col_text(s, 6)));
			json_object_set_new(r, "state", json_string(db_col_text(s, 10)));
			json_object_set_new(r, "experts", experts_of(c, app));
		}
		json_decref(cats);
		json_array_append_new(rows, r);
	}
	db_finalize(s);
	json_t *out = json_pack("{s:{s:I, s:O, s:O, s:O, s:O, s:O, s:O}, s:o, s:o}", "round", "id",
				(json_int_t)round_id, "year", json_object_get(round, "year"), "title",
				json_object_get(round, "title"), "state", json_object_get(round, "state"), "budget_fen",
				json_object_get(round, "budget_fen"), "allocated_fen",
				json_object_get(round, "allocated_fen") ? json_object_get(round, "allocated_fen")
									: json_null(),
				"allocation_note",
				json_object_get(round, "allocation_note") ? json_object_get(round, "allocation_note")
									  : json_null(),
				"categories", categories(c), "rows", rows);
	if (public_view)
		json_object_set(json_object_get(out, "round"), "notice_from",
				json_object_get(round, "notice_from") ? json_object_get(round, "notice_from")
								      : json_null());
	json_decref(round);
	return out;
}
