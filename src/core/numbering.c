/* numbering.c — the numbering service (see numbering.h). */
#include "core/numbering.h"
#include "lib/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upper bound on numbers passed over in one call (a series far behind its
 * records, e.g. after an import of numbered rows, catches up in a few calls). */
enum { NUMBERING_MAX_SKIP = 100000 };

static int bump(zj_ctx *c, const char *series, const char *period, int64_t *n)
{
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"INSERT INTO number_series (series, period, last_no) VALUES (?, ?, 1)"
		" ON CONFLICT (series, period) DO UPDATE SET last_no = number_series.last_no + 1 RETURNING last_no",
		&s);
	if (rc != DB_OK)
		return rc;
	db_bind_text(s, 1, series);
	db_bind_text(s, 2, period);
	int r = db_step(s);
	if (r == DB_ROW)
		*n = db_col_int(s, 0);
	int hit = r == DB_ROW;
	while (r == DB_ROW)
		r = db_step(s);
	db_finalize(s);
	return r != DB_DONE ? r : hit ? DB_OK : DB_ERR;
}

int numbering_next(zj_ctx *c, const char *series, const char *period, numbering_taken_fn taken, const void *ud,
		   int64_t *n)
{
	if (!series || !period || !*series || !*period)
		return DB_ERR;
	for (int i = 0; i < NUMBERING_MAX_SKIP; i++) {
		int rc = bump(c, series, period, n);
		if (rc != DB_OK)
			return rc;
		if (!taken || !taken(c, period, *n, ud))
			return DB_OK;
	}
	return DB_ERR;
}

int numbering_format(const char *pattern, const char *year, const char *period, int64_t n, char *out, size_t len)
{
	size_t w = 0;
	if (!len)
		return -1;
	out[0] = 0;
	for (const char *p = pattern; *p;) {
		char piece[64];
		const char *add = NULL;
		size_t addn = 0;
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (!end)
				return -1;
			size_t k = (size_t)(end - p - 1);
			if (k == 4 && !strncmp(p + 1, "year", 4))
				add = year ? year : "";
			else if (k == 6 && !strncmp(p + 1, "period", 6))
				add = period ? period : "";
			else if (k == 1 && p[1] == 'n') {
				snprintf(piece, sizeof piece, "%lld", (long long)n);
				add = piece;
			} else if (k >= 3 && k <= 4 && p[1] == 'n' && p[2] == ':') {
				char wt[3] = {p[3], k == 4 ? p[4] : 0, 0};
				long long width;
				if (!num_parse(wt, 1, 20, &width))
					return -1;
				snprintf(piece, sizeof piece, "%0*lld", (int)width, (long long)n);
				add = piece;
			} else
				return -1;
			addn = strlen(add);
			p = end + 1;
		} else {
			add = p, addn = 1, p++;
		}
		if (w + addn >= len)
			return -1;
		memcpy(out + w, add, addn);
		w += addn;
		out[w] = 0;
	}
	return 0;
}

int numbering_take(zj_ctx *c, const char *series, const char *pattern, const char *period, numbering_taken_fn taken,
		   const void *ud, int64_t *n, char *out, size_t len)
{
	char year[5];
	snprintf(year, sizeof year, "%.4s", period ? period : "");
	int rc = numbering_next(c, series, period, taken, ud, n);
	if (rc == DB_OK && numbering_format(pattern, year, period, *n, out, len) != 0)
		rc = DB_ERR;
	return rc;
}
