/* food_ref.c — the reference set in memory: the classification tree, the
 * analytes and the limits, loaded from the database (the edited tables) or
 * built from the shipped tables (for `zhijian limit` without a database).
 * Holds the one limit lookup every verdict uses (DOMAIN.md §2.0, GB 2762
 * §3.3): from a food up its categories to the most specific limit for the
 * analyte in force on the sampling date, honouring exclusions. */
#include "modules/food/food.h"
#include "lib/jsonw.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}
static void refset_index(food_refset *rs);
static void limit_index(food_refset *rs);

void food_refset_free(food_refset *rs)
{
	if (!rs)
		return;
	for (int i = 0; i < rs->ncats; i++) {
		food_cat *c = &rs->cats[i];
		free(c->code), free(c->name), free(c->name_en), free(c->level), free(c->aliases);
	}
	for (int i = 0; i < rs->nanalytes; i++) {
		food_analyte *a = &rs->analytes[i];
		free(a->code), free(a->name), free(a->name_en), free(a->aliases), free(a->kind), free(a->unit),
			free(a->method);
	}
	for (int i = 0; i < rs->nlimits; i++) {
		food_limit *l = &rs->limits[i];
		free(l->code), free(l->standard), free(l->edition), free(l->clause), free(l->from), free(l->to);
		free(l->comparator), free(l->value), free(l->value_hi), free(l->unit), free(l->basis), free(l->method);
		free(l->interval), free(l->exclusions), free(l->status), free(l->source_ref), free(l->note);
		free(l->trace), free(l->summary), free(l->standard_ref);
	}
	free(rs->limits_by_analyte);
	for (int i = 0; i < rs->nakeys; i++)
		free(rs->akeys[i].key);
	for (int i = 0; i < rs->nfkeys; i++)
		free(rs->fkeys[i].key);
	free(rs->akeys), free(rs->fkeys);
	free(rs->cats), free(rs->analytes), free(rs->limits);
	free(rs);
}

/* ---- built from the shipped tables ---- */

static int64_t seed_cat_id(const char *code)
{
	for (int i = 0; code && i < food_ncat_seeds; i++)
		if (!strcmp(food_cat_seeds[i].code, code))
			return i + 1;
	return 0;
}

static int64_t seed_analyte_id(const char *code)
{
	for (int i = 0; i < food_nanalyte_seeds; i++)
		if (!strcmp(food_analyte_seeds[i].code, code))
			return i + 1;
	return 0;
}

static int count_list(const char *list)
{
	int n = 1;
	for (const char *p = list; *p; p++)
		n += *p == ',';
	return n;
}

static void builtin_limits(food_refset *rs)
{
	int cap = 0;
	for (int i = 0; i < food_nlimit_seeds; i++) {
		int ne = 0;
		while (food_limit_seeds[i].editions[ne])
			ne++;
		cap += ne * count_list(food_limit_seeds[i].categories);
	}
	rs->limits = xcalloc((size_t)cap, sizeof(food_limit));
	for (int i = 0; i < food_nlimit_seeds; i++) {
		const food_limit_seed *s = &food_limit_seeds[i];
		for (int e = 0; s->editions[e]; e++) {
			const food_edition *ed = s->editions[e];
			char *cats = xstrdup(s->categories), *save = NULL;
			for (char *cc = strtok_r(cats, ",", &save); cc; cc = strtok_r(NULL, ",", &save)) {
				food_limit *l = &rs->limits[rs->nlimits];
				char code[200], src[160];
				food_limit_code(ed, cc, s->analyte, code, sizeof code);
				food_limit_source(ed, s, src, sizeof src);
				l->id = rs->nlimits + 1;
				l->code = xstrdup(code), l->standard = xstrdup(ed->standard),
				l->edition = xstrdup(ed->edition);
				l->clause = dup_or_null(s->clause), l->from = xstrdup(ed->from),
				l->to = dup_or_null(ed->to);
				l->category = seed_cat_id(cc), l->analyte = seed_analyte_id(s->analyte);
				l->comparator = xstrdup(s->comparator), l->value = dup_or_null(s->value),
				l->value_hi = dup_or_null(s->value_hi);
				l->unit = xstrdup(s->unit), l->basis = dup_or_null(s->basis),
				l->method = dup_or_null(s->method);
				l->exclusions = dup_or_null(s->exclusions),
				l->status = xstrdup(ed->status ? ed->status : s->status);
				l->source_ref = xstrdup(src), l->note = dup_or_null(s->note);
				rs->nlimits++;
			}
			free(cats);
		}
	}
}

food_refset *food_refset_builtin(void)
{
	food_refset *rs = xcalloc(1, sizeof *rs);
	rs->cats = xcalloc((size_t)food_ncat_seeds, sizeof(food_cat));
	for (int i = 0; i < food_ncat_seeds; i++) {
		const food_cat_seed *s = &food_cat_seeds[i];
		food_cat *c = &rs->cats[rs->ncats++];
		c->id = i + 1, c->parent = seed_cat_id(s->parent);
		c->code = xstrdup(s->code), c->name = xstrdup(s->name), c->name_en = dup_or_null(s->name_en);
		c->level = xstrdup(s->level), c->aliases = dup_or_null(s->aliases);
	}
	rs->analytes = xcalloc((size_t)food_nanalyte_seeds, sizeof(food_analyte));
	for (int i = 0; i < food_nanalyte_seeds; i++) {
		const food_analyte_seed *s = &food_analyte_seeds[i];
		food_analyte *a = &rs->analytes[rs->nanalytes++];
		a->id = i + 1, a->code = xstrdup(s->code), a->name = xstrdup(s->name),
		a->name_en = dup_or_null(s->name_en);
		a->aliases = dup_or_null(s->aliases), a->kind = xstrdup(s->kind), a->unit = dup_or_null(s->unit);
		a->method = dup_or_null(s->method), a->microbial = s->microbial;
	}
	builtin_limits(rs);
	refset_index(rs);
	return rs;
}

/* ---- loaded from the database ---- */

static char *col(db_stmt *s, int i)
{
	return dup_or_null(db_col_text(s, i));
}

static int load_cats(db *d, food_refset *rs)
{
	db_stmt *s;
	int cap = 0;
	if (db_prepare(
		    d,
		    "SELECT id, parent_id, code, name, name_en, level, aliases FROM food_categories WHERE deleted = 0 ORDER BY id",
		    &s) != DB_OK)
		return -1;
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (rs->ncats == cap)
			rs->cats = xrealloc(rs->cats, sizeof(food_cat) * (size_t)(cap = cap ? cap * 2 : 256));
		food_cat *c = &rs->cats[rs->ncats++];
		c->id = db_col_int(s, 0), c->parent = db_col_text(s, 1) ? db_col_int(s, 1) : 0;
		c->code = col(s, 2), c->name = col(s, 3), c->name_en = col(s, 4), c->level = col(s, 5),
		c->aliases = col(s, 6);
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1; /* never a part of the reference set */
}

static int load_analytes(db *d, food_refset *rs)
{
	db_stmt *s;
	int cap = 0;
	if (db_prepare(
		    d,
		    "SELECT id, code, name, name_en, aliases, kind, unit, method, microbial FROM food_analytes WHERE deleted = 0 ORDER BY id",
		    &s) != DB_OK)
		return -1;
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (rs->nanalytes == cap)
			rs->analytes =
				xrealloc(rs->analytes, sizeof(food_analyte) * (size_t)(cap = cap ? cap * 2 : 128));
		food_analyte *a = &rs->analytes[rs->nanalytes++];
		a->id = db_col_int(s, 0), a->code = col(s, 1), a->name = col(s, 2), a->name_en = col(s, 3),
		a->aliases = col(s, 4);
		a->kind = col(s, 5), a->unit = col(s, 6), a->method = col(s, 7), a->microbial = (int)db_col_int(s, 8);
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1; /* never a part of the reference set */
}

static int load_limits(db *d, food_refset *rs)
{
	db_stmt *s;
	int cap = 0;
	if (db_prepare(
		    d,
		    "SELECT id, code, standard, edition, clause, effective_from, effective_to, category_id, analyte_id, comparator,"
		    " value, value_hi, unit, basis, method, rounding_interval, exclusions, status, source_ref, note"
		    " FROM food_limits WHERE deleted = 0 ORDER BY id",
		    &s) != DB_OK)
		return -1;
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (rs->nlimits == cap)
			rs->limits = xrealloc(rs->limits, sizeof(food_limit) * (size_t)(cap = cap ? cap * 2 : 512));
		food_limit *l = &rs->limits[rs->nlimits++];
		*l = (food_limit){0};
		l->id = db_col_int(s, 0), l->code = col(s, 1), l->standard = col(s, 2), l->edition = col(s, 3),
		l->clause = col(s, 4);
		l->from = col(s, 5), l->to = col(s, 6), l->category = db_col_int(s, 7), l->analyte = db_col_int(s, 8);
		l->comparator = col(s, 9), l->value = col(s, 10), l->value_hi = col(s, 11), l->unit = col(s, 12),
		l->basis = col(s, 13);
		l->method = col(s, 14), l->interval = col(s, 15), l->exclusions = col(s, 16), l->status = col(s, 17);
		l->source_ref = col(s, 18), l->note = col(s, 19);
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1; /* never a part of the reference set */
}

food_refset *food_refset_load(db *d)
{
	food_refset *rs = xcalloc(1, sizeof *rs);
	if (load_cats(d, rs) || load_analytes(d, rs) || load_limits(d, rs)) {
		food_refset_free(rs);
		return NULL;
	}
	refset_index(rs);
	return rs;
}

/* ---- finding ---- */

const food_cat *food_cat_by_id(const food_refset *rs, int64_t id)
{
	for (int i = 0; i < rs->ncats; i++)
		if (rs->cats[i].id == id)
			return &rs->cats[i];
	return NULL;
}

const food_cat *food_cat_by_code(const food_refset *rs, const char *code)
{
	for (int i = 0; code && i < rs->ncats; i++)
		if (!strcmp(rs->cats[i].code, code))
			return &rs->cats[i];
	return NULL;
}

const food_analyte *food_analyte_by_id(const food_refset *rs, int64_t id)
{
	for (int i = 0; i < rs->nanalytes; i++)
		if (rs->analytes[i].id == id)
			return &rs->analytes[i];
	return NULL;
}

/* Folds what does not matter for matching: spaces, full-width brackets and
 * punctuation, ASCII case. */
static void fold(const char *s, char *out, size_t n)
{
	static const char *const map[][2] = {{"（", "("}, {"）", ")"}, {"【", "["},  {"】", "]"},
					     {"，", ","}, {"　", ""},  {"₁", "1"},   {"₂", "2"},
					     {"Ⅰ", "I"},  {"Ⅱ", "II"}, {"Ⅲ", "III"}, {"Ⅳ", "IV"}};
	size_t w = 0;
	while (s && *s && w + 4 < n) {
		int hit = 0;
		/* every mapped spelling starts with a non-ASCII byte */
		for (size_t i = 0; (unsigned char)*s >= 0x80 && i < sizeof map / sizeof map[0] && !hit; i++) {
			size_t l = strlen(map[i][0]);
			if (!strncmp(s, map[i][0], l)) {
				for (const char *r = map[i][1]; *r; r++)
					out[w++] = *r;
				s += l, hit = 1;
			}
		}
		if (hit)
			continue;
		char c = *s++;
		if (c == ' ' || c == '\t')
			continue;
		out[w++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[w] = 0;
}

/* Drops a trailing "(以…计)" qualifier, as in "铅(以Pb计)". */
static void strip_basis(char *s)
{
	size_t n = strlen(s);
	const char *tail = "计)";
	size_t tl = strlen(tail);
	if (n < tl || strcmp(s + n - tl, tail))
		return;
	char *open = strstr(s, "(以");
	if (open)
		*open = 0;
}

/* ---- the name index: every code, name and alias folded once ---- */

static void add_key(food_name_key **keys, int *n, int *cap, const char *name, int idx)
{
	char buf[256];
	fold(name, buf, sizeof buf);
	if (!*buf)
		return;
	if (*n == *cap)
		*keys = xrealloc(*keys, sizeof(food_name_key) * (size_t)(*cap = *cap ? *cap * 2 : 256));
	(*keys)[(*n)++] = (food_name_key){xstrdup(buf), idx};
}

static void add_names(food_name_key **keys, int *n, int *cap, const char *code, const char *name, const char *aliases,
		      int idx)
{
	if (code)
		add_key(keys, n, cap, code, idx);
	if (name)
		add_key(keys, n, cap, name, idx);
	if (!aliases)
		return;
	char *dup = xstrdup(aliases), *save = NULL;
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save))
		add_key(keys, n, cap, t, idx);
	free(dup);
}

static int key_cmp(const void *a, const void *b)
{
	const food_name_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The limits of one analyte in table order, found by binary search; and
 * each row's trace text, written once instead of on every verdict. */
typedef struct {
	int64_t analyte;
	int pos;
} analyte_pos;
static int analyte_pos_cmp(const void *a, const void *b)
{
	const analyte_pos *x = a, *y = b;
	return x->analyte != y->analyte ? (x->analyte > y->analyte) - (x->analyte < y->analyte)
					: (x->pos > y->pos) - (x->pos < y->pos);
}

static void limit_index(food_refset *rs)
{
	size_t n = (size_t)rs->nlimits;
	analyte_pos *tmp = xmalloc(sizeof *tmp * (n ? n : 1));
	rs->limits_by_analyte = xmalloc(sizeof(int) * (n ? n : 1));
	if (!tmp || !rs->limits_by_analyte)
		abort();
	for (size_t i = 0; i < n; i++)
		tmp[i] = (analyte_pos){rs->limits[i].analyte, (int)i};
	if (n)
		qsort(tmp, n, sizeof *tmp, analyte_pos_cmp);
	for (size_t i = 0; i < n; i++)
		rs->limits_by_analyte[i] = tmp[i].pos;
	free(tmp);
	for (int i = 0; i < rs->nlimits; i++) {
		food_limit *l = &rs->limits[i];
		strbuf b;
		sb_init(&b);
		food_limit_trace(rs, l, &b);
		l->trace_len = b.len;
		l->trace = sb_take(&b);
		char text[160];
		food_limit_summary(l, text, sizeof text);
		l->summary = xstrdup(text);
		food_limit_standard_ref(l, text, sizeof text);
		l->standard_ref = xstrdup(text);
		l->basis_zh = l->basis ? food_basis_text(l->basis, 1) : NULL;
	}
}

void food_limit_trace(const food_refset *rs, const food_limit *l, strbuf *b)
{
	if (l->trace) {
		sb_addn(b, l->trace, l->trace_len);
		return;
	}
	jsonw w;
	jw_init(&w, b);
	char text[96];
	food_limit_text(l, text, sizeof text);
	const food_cat *c = food_cat_by_id(rs, l->category);
	jw_obj(&w, NULL);
	jw_int(&w, "limit_id", (long long)l->id);
	jw_str(&w, "code", l->code ? l->code : "");
	jw_str(&w, "standard", l->standard ? l->standard : "");
	jw_str(&w, "edition", l->edition ? l->edition : "");
	jw_str(&w, "clause", l->clause ? l->clause : "");
	jw_str(&w, "limit", text);
	jw_str(&w, "category", c ? c->name : "?");
	jw_str(&w, "status", l->status ? l->status : "U");
	jw_str(&w, "basis", l->basis);
	jw_obj(&w, "effective");
	jw_str(&w, "from", l->from ? l->from : "");
	jw_str(&w, "to", l->to);
	jw_end(&w);
	if (l->exclusions && *l->exclusions)
		jw_str(&w, "exclusions", l->exclusions);
	if (l->source_ref)
		jw_str(&w, "source_ref", l->source_ref);
	if (l->note)
		jw_str(&w, "note", l->note);
	jw_end(&w);
}

void food_limit_summary(const food_limit *l, char *buf, size_t n)
{
	if (l->summary) {
		food_copy(buf, n, l->summary);
		return;
	}
	char text[96];
	food_limit_text(l, text, sizeof text);
	if (strcmp(l->comparator, "nd")) /* 不得检出 has no unit */
		snprintf(buf, n, "%s %s", text, l->unit ? l->unit : "");
	else
		food_copy(buf, n, text);
}

void food_limit_standard_ref(const food_limit *l, char *buf, size_t n)
{
	if (l->standard_ref)
		food_copy(buf, n, l->standard_ref);
	else
		snprintf(buf, n, "%s-%s %s", l->standard ? l->standard : "", l->edition ? l->edition : "",
			 l->clause ? l->clause : "");
}

/* Sorted by (key, position): the first row that bears a name wins, as a
 * scan in table order would have it. */
static void refset_index(food_refset *rs)
{
	int cap = 0;
	for (int i = 0; i < rs->nanalytes; i++)
		add_names(&rs->akeys, &rs->nakeys, &cap, rs->analytes[i].code, rs->analytes[i].name,
			  rs->analytes[i].aliases, i);
	cap = 0;
	for (int i = 0; i < rs->ncats; i++)
		add_names(&rs->fkeys, &rs->nfkeys, &cap, rs->cats[i].code, rs->cats[i].name, rs->cats[i].aliases, i);
	if (rs->nakeys)
		qsort(rs->akeys, (size_t)rs->nakeys, sizeof *rs->akeys, key_cmp);
	if (rs->nfkeys)
		qsort(rs->fkeys, (size_t)rs->nfkeys, sizeof *rs->fkeys, key_cmp);
	limit_index(rs);
}

/* Position of the first row bearing the folded name, or -1. */
static int find_key(const food_name_key *keys, int n, const char *folded)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(keys[mid].key, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(keys[lo].key, folded) ? keys[lo].idx : -1;
}

/* Adds category idx to the candidates unless there already. */
static void add_candidate(int *cand, int *n, int max, int idx)
{
	for (int k = 0; k < *n; k++)
		if (cand[k] == idx)
			return;
	if (*n < max)
		cand[(*n)++] = idx;
}

int food_resolve_food(const food_refset *rs, const char *text, const food_cat **out, const food_cat **cand, int max,
		      int *ncand)
{
	char f[256];
	int idx[FOOD_MAX_CANDIDATES], n = 0;
	*out = NULL, *ncand = 0;
	fold(text, f, sizeof f);
	if (!*f)
		return FR_UNKNOWN;
	if (max > FOOD_MAX_CANDIDATES)
		max = FOOD_MAX_CANDIDATES;
	/* every row bearing exactly the name: more than one is ambiguous */
	int lo = 0, hi = rs->nfkeys;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(rs->fkeys[mid].key, f) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < rs->nfkeys && !strcmp(rs->fkeys[i].key, f); i++)
		add_candidate(idx, &n, max, rs->fkeys[i].idx);
	if (n == 1) {
		*out = &rs->cats[idx[0]];
		return FR_FOUND;
	}
	/* no exact name: the categories whose names contain it are offered,
	 * never picked ("虾" is 海水虾, 虾蛄 or 小龙虾: GB 2760 treats them apart) */
	int exact = n;
	for (int i = 0; !exact && i < rs->nfkeys; i++)
		if (strstr(rs->fkeys[i].key, f))
			add_candidate(idx, &n, max, rs->fkeys[i].idx);
	for (int k = 0; k < n; k++)
		cand[k] = &rs->cats[idx[k]];
	*ncand = n;
	return n ? FR_AMBIGUOUS : FR_UNKNOWN;
}

const food_cat *food_find_food(const food_refset *rs, const char *text)
{
	const food_cat *c, *cand[FOOD_MAX_CANDIDATES];
	int n;
	return food_resolve_food(rs, text, &c, cand, FOOD_MAX_CANDIDATES, &n) == FR_FOUND ? c : NULL;
}

void food_candidates_text(const food_cat *const *cand, int n, char *buf, size_t size)
{
	size_t w = 0;
	buf[0] = 0;
	for (int k = 0; k < n && w + 1 < size; k++) {
		int r = snprintf(buf + w, size - w, "%s%s", k ? "、" : "", cand[k]->name);
		if (r < 0 || (size_t)r >= size - w)
			break;
		w += (size_t)r;
	}
}

const food_analyte *food_find_analyte(const food_refset *rs, const char *text)
{
	char f[256];
	fold(text, f, sizeof f);
	if (!*f)
		return NULL;
	for (int pass = 0; pass < 2; pass++) {
		int i = find_key(rs->akeys, rs->nakeys, f);
		if (i >= 0)
			return &rs->analytes[i];
		strip_basis(f);
	}
	return NULL;
}

const food_cat *food_cat_major(const food_refset *rs, const food_cat *c)
{
	for (int guard = 0; c && guard < 32; guard++) {
		const food_cat *p = c->parent ? food_cat_by_id(rs, c->parent) : NULL;
		if (!p || !p->parent)
			return c; /* c is the root or a category just below it */
		c = p;
	}
	return c;
}

/* ---- the lookup ---- */

enum { MAX_CHAIN = 32 };

static int chain_of(const food_refset *rs, int64_t food, const food_cat **chain)
{
	int n = 0;
	for (const food_cat *c = food_cat_by_id(rs, food); c && n < MAX_CHAIN;
	     c = c->parent ? food_cat_by_id(rs, c->parent) : NULL)
		chain[n++] = c;
	return n;
}

static int in_force(const food_limit *l, const char *on)
{
	return l->from && strcmp(l->from, on) <= 0 && (!l->to || !*l->to || strcmp(on, l->to) <= 0);
}

/* Whether the row excludes the food: one of the categories below the row's
 * own (chain[0..depth-1]) is listed in its exclusions. */
static int excludes(const food_limit *l, const food_cat *const *chain, int depth)
{
	for (int i = 0; l->exclusions && i < depth; i++)
		if (clist_has(l->exclusions, chain[i]->code))
			return 1;
	return 0;
}

static int same_limit(const food_limit *a, const food_limit *b)
{
	return !strcmp(a->comparator, b->comparator) && !strcmp(a->unit, b->unit) &&
	       !strcmp(a->value ? a->value : "", b->value ? b->value : "") &&
	       !strcmp(a->value_hi ? a->value_hi : "", b->value_hi ? b->value_hi : "");
}

static void set_reason(food_lookup *out, const char *zh, const char *en)
{
	snprintf(out->reason_zh, sizeof out->reason_zh, "%s", zh);
	snprintf(out->reason_en, sizeof out->reason_en, "%s", en);
}

/* Picks the better of two equally specific rows in force: later edition wins. */
static int better(const food_limit *cand, const food_limit *best, int *ambiguous)
{
	int c = strcmp(cand->from, best->from);
	if (c != 0)
		return c > 0;
	if (!same_limit(cand, best))
		*ambiguous = 1;
	return 0;
}

int food_limit_lookup(const food_refset *rs, int64_t food, int64_t analyte, const char *on, food_lookup *out)
{
	memset(out, 0, sizeof *out);
	out->outcome = FL_NONE;
	const food_cat *chain[MAX_CHAIN];
	int n = chain_of(rs, food, chain);
	const food_limit *best = NULL, *excluder = NULL, *dormant = NULL, *rival = NULL;
	int best_depth = MAX_CHAIN, excl_depth = MAX_CHAIN;
	int lo = 0, hi = rs->nlimits; /* first limit of the analyte */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (rs->limits[rs->limits_by_analyte[mid]].analyte < analyte)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < rs->nlimits && rs->limits[rs->limits_by_analyte[i]].analyte == analyte; i++) {
		const food_limit *l = &rs->limits[rs->limits_by_analyte[i]];
		int depth = -1;
		for (int k = 0; k < n && depth < 0; k++)
			if (chain[k]->id == l->category)
				depth = k;
		if (depth < 0)
			continue;
		if (!in_force(l, on)) {
			dormant = l;
			continue;
		}
		if (excludes(l, chain, depth)) {
			if (depth < excl_depth)
				excluder = l, excl_depth = depth;
			continue;
		}
		int amb = 0;
		if (!best || depth < best_depth) {
			best = l, best_depth = depth, rival = NULL;
		} else if (depth == best_depth && better(l, best, &amb)) {
			best = l, rival = NULL;
		} else if (depth == best_depth && amb) {
			rival = l;
		}
	}
	out->other = excluder;
	if (best && rival) {
		out->outcome = FL_AMBIGUOUS, out->limit = best, out->other = rival, out->depth = best_depth;
		set_reason(out, "同一层级有两条不同的限量同时有效",
			   "two different limits are equally specific and in force");
	} else if (best) {
		out->outcome = FL_FOUND, out->limit = best, out->depth = best_depth;
	} else if (excluder) {
		out->outcome = FL_EXCLUDED;
		set_reason(out, "适用的限量条目明确除外了该食品，且没有更具体的限量",
			   "the limits on its categories exclude this food and none is more specific");
	} else if (dormant) {
		out->outcome = FL_NOT_IN_FORCE, out->other = dormant;
		set_reason(out, "该项目的限量在抽样日期不在有效期内",
			   "no limit for this item is in force on the sampling date");
	} else {
		set_reason(out, "该食品及其所属类别均无此项目的限量",
			   "neither the food nor its categories have a limit for this item");
	}
	return out->outcome;
}

void food_limit_text(const food_limit *l, char *buf, size_t n)
{
	const char *v = l->value ? l->value : "", *h = l->value_hi ? l->value_hi : "";
	const char *c = l->comparator;
	if (!strcmp(c, "le"))
		snprintf(buf, n, "≤%s", v);
	else if (!strcmp(c, "lt"))
		snprintf(buf, n, "<%s", v);
	else if (!strcmp(c, "ge"))
		snprintf(buf, n, "≥%s", v);
	else if (!strcmp(c, "gt"))
		snprintf(buf, n, ">%s", v);
	else if (!strcmp(c, "range"))
		snprintf(buf, n, "%s～%s", v, h);
	else if (!strcmp(c, "range_excl"))
		snprintf(buf, n, "%s<x<%s", v, h);
	else if (!strcmp(c, "tol"))
		snprintf(buf, n, "%s±%s", v, h);
	else
		snprintf(buf, n, "不得检出");
}

int food_limit_expr(const food_limit *l, char *buf, size_t n)
{
	const char *v = l->value ? l->value : "", *h = l->value_hi ? l->value_hi : "";
	const char *c = l->comparator;
	if (!strcmp(c, "nd"))
		snprintf(buf, n, "ND");
	else if (!*v)
		return -1;
	else if (!strcmp(c, "le"))
		snprintf(buf, n, "<=%s", v);
	else if (!strcmp(c, "lt"))
		snprintf(buf, n, "<%s", v);
	else if (!strcmp(c, "ge"))
		snprintf(buf, n, ">=%s", v);
	else if (!strcmp(c, "gt"))
		snprintf(buf, n, ">%s", v);
	else if (!*h)
		return -1;
	else if (!strcmp(c, "range"))
		snprintf(buf, n, "%s~%s", v, h);
	else if (!strcmp(c, "range_excl"))
		snprintf(buf, n, "%s<x<%s", v, h);
	else if (!strcmp(c, "tol"))
		snprintf(buf, n, "%s±%s", v, h);
	else
		return -1;
	return 0;
}
