/* food_verdict.c — the verdict engine. One measured item is judged against
 * the national limit the lookup found and against every further
 * specification of the product (declared product standard, label claim),
 * each in exact decimal arithmetic (DOMAIN.md §1): the value is converted to
 * the limit's unit by a power of ten, then judged by GB/T 8170 — full-value
 * comparison unless the row says rounded-value comparison (§4.3), 不得检出
 * against the detection limit. Every judgement leaves a trace that names
 * the limit row (standard, edition, clause), the conversion, the method, the
 * rounded value and the comparison, and is stored with the result.
 * Item verdict: fail if any specification fails; no applicable limit or a
 * value that cannot be decided is never 合格: it waits for a person.
 * The trace is written as JSON text as the judgement goes (lib/jsonw.h): an
 * import judges every row, and a jansson tree dumped per row cost more than
 * the judgement itself. */
#include "modules/food/food.h"
#include "lib/jsonw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *food_verdict_code(int v)
{
	static const char *const codes[] = {"pass", "fail", "no_limit", "undecidable"};
	return v >= 0 && v <= FV_UNDECIDABLE ? codes[v] : "no_limit";
}

static int input_error(food_judgement *j, int kind, const char *zh, const char *en)
{
	j->input_error = kind;
	food_copy(j->error_zh, sizeof j->error_zh, zh);
	food_copy(j->error_en, sizeof j->error_en, en);
	return -1;
}

static void dec_text(const dec *x, char *buf, size_t n)
{
	if (dec_format(x, buf, n) != DEC_OK)
		snprintf(buf, n, "?");
}

static const char *mark_text(int mark) { return mark > 0 ? "(+)" : mark < 0 ? "(-)" : ""; }

/* The value as compared, after conversion: "0.0634", "30.5(+)", "ND", "<0.01". */
static void value_text(const struct gbt_value *v, char *buf, size_t n)
{
	char d[DEC_STRMAX];
	if (v->kind == GBT_NOT_DETECTED && !v->has_bound) {
		snprintf(buf, n, "ND");
		return;
	}
	dec_text(&v->v, d, sizeof d);
	if (v->kind == GBT_NOT_DETECTED)
		snprintf(buf, n, "<%s", d);
	else
		snprintf(buf, n, "%s%s", d, mark_text(v->mark));
}

/* A relation between the compared number and the limit's bounds: "0.25 > 0.2". */
static void comparison_text(const struct gbt_value *v, const char *shown, const struct gbt_limit *lim, const dec *lod, char *buf, size_t n)
{
	char a[DEC_STRMAX], b[DEC_STRMAX];
	if (lim->kind == GBT_ND) {
		if (v->kind == GBT_NOT_DETECTED)
			snprintf(buf, n, "%s: 未检出 / not detected", shown);
		else if (lod) {
			dec_text(lod, a, sizeof a);
			snprintf(buf, n, "%s %s LOD %s", shown, dec_cmp(&v->v, lod) >= 0 ? "≥" : "<", a);
		} else
			snprintf(buf, n, "%s %s 0 (no LOD given)", shown, dec_sign(&v->v) > 0 ? ">" : "≤");
		return;
	}
	if (v->kind == GBT_NOT_DETECTED) {
		snprintf(buf, n, "%s (未检出) vs limit", shown);
		return;
	}
	if (lim->has_lo && lim->has_hi) {
		dec_text(&lim->lo, a, sizeof a), dec_text(&lim->hi, b, sizeof b);
		int cl = dec_cmp(&v->v, &lim->lo), ch = dec_cmp(&v->v, &lim->hi);
		if (cl < 0)
			snprintf(buf, n, "%s < %s", shown, a);
		else if (ch > 0)
			snprintf(buf, n, "%s > %s", shown, b);
		else
			snprintf(buf, n, "%s %s %s %s %s", a, cl == 0 ? "=" : "<", shown, ch == 0 ? "=" : "<", b);
		return;
	}
	const dec *bound = lim->has_hi ? &lim->hi : &lim->lo;
	dec_text(bound, a, sizeof a);
	int c = dec_cmp(&v->v, bound);
	snprintf(buf, n, "%s %s %s", shown, c < 0 ? "<" : c > 0 ? ">" : "=", a);
}

/* Converts value (and lod) from one unit to another in place: exact. */
static int convert(struct gbt_value *v, dec *lod, int has_lod, int k)
{
	if (k == 0)
		return 0;
	if ((v->kind == GBT_NUMBER || v->has_bound) && dec_shift(&v->v, &v->v, k) != DEC_OK)
		return -1;
	if (has_lod && dec_shift(lod, lod, k) != DEC_OK)
		return -1;
	return 0;
}

typedef struct spec_in {
	const char *source, *expr, *unit, *method, *interval;
} spec_in;

typedef struct spec_out {
	int verdict; /* FV_PASS, FV_FAIL, FV_UNDECIDABLE */
	char compared[DEC_STRMAX + 8];
} spec_out;

static int parse_method(const char *m) { return m && !strcmp(m, "rounded") ? GBT_ROUNDED : GBT_FULL; }

/* Judges the parsed value (in unit vu, lod optional) against one limit and
 * writes the specification's entry into the trace, left open for the caller
 * to add what the limit was. On an input error nothing is written. */
static int judge_one(const struct gbt_value *x0, const food_unit *vu, const dec *lod0, int has_lod, const spec_in *sp,
		     spec_out *o, food_judgement *j, jsonw *w)
{
	food_unit lu;
	int k;
	struct gbt_value x = *x0;
	dec lod = has_lod ? *lod0 : (dec){0};
	char why_zh[200], why_en[200];
	if (food_unit_parse(sp->unit, &lu) != 0) {
		snprintf(why_en, sizeof why_en, "the limit's unit '%s' is not known", sp->unit);
		return input_error(j, FIE_CONVERT, "限量的单位无法识别", why_en);
	}
	if (food_unit_factor(vu, &lu, &k) != 0) {
		snprintf(why_zh, sizeof why_zh, "单位 %s 不能换算为限量的单位 %s", vu->canon, lu.canon);
		snprintf(why_en, sizeof why_en, "unit %s cannot be converted to the limit's unit %s", vu->canon, lu.canon);
		return input_error(j, FIE_CONVERT, why_zh, why_en);
	}
	if (convert(&x, &lod, has_lod, k) != 0)
		return input_error(j, FIE_VALUE, "数值超出可表示范围", "the value is out of the representable range");
	struct gbt_limit lim;
	struct gbt_interval iv;
	const char *why = NULL;
	if (gbt_parse_limit(sp->expr, &lim, &why) != 0)
		return input_error(j, FIE_CONVERT, "限量表达式无效", why ? why : "the limit expression is invalid");
	int method = parse_method(sp->method), has_iv = sp->interval && *sp->interval;
	if (has_iv && gbt_parse_interval(sp->interval, &iv, &why) != 0)
		return input_error(j, FIE_CONVERT, "修约间隔无效", why ? why : "bad rounding interval");
	struct gbt_verdict gv;
	char shown[DEC_STRMAX + 8], conv[DEC_STRMAX + 8], cmp[512] = "";
	value_text(&x, conv, sizeof conv);
	int rc = gbt_judge_parsed(&x, &lim, method, has_lod ? &lod : NULL, has_iv ? &iv : NULL, &gv, &why);
	jw_obj(w, NULL);
	jw_str(w, "source", sp->source);
	jw_str(w, "unit", lu.canon);
	jw_str(w, "method", method == GBT_ROUNDED ? "rounded" : "full");
	jw_str(w, "compared_value", conv);
	if (k != 0) {
		char f[16];
		snprintf(f, sizeof f, "10^%d", k);
		jw_obj(w, "conversion");
		jw_str(w, "from", vu->canon), jw_str(w, "to", lu.canon), jw_str(w, "factor", f), jw_str(w, "value", conv);
		jw_end(w);
	} else
		jw_null(w, "conversion");
	if (has_lod) {
		char l[DEC_STRMAX];
		dec_text(&lod, l, sizeof l);
		jw_str(w, "lod", l);
	}
	if (rc != 0) {
		o->verdict = FV_UNDECIDABLE;
		food_copy(o->compared, sizeof o->compared, conv);
		jw_str(w, "verdict", "undecidable");
		jw_str(w, "reason", why ? why : "cannot be judged");
		return 0;
	}
	food_copy(shown, sizeof shown, conv);
	if (gv.rounded) {
		food_copy(shown, sizeof shown, gv.value);
		jw_str(w, "rounded_value", gv.value);
	}
	struct gbt_value shown_v = x;
	if (gv.rounded)
		dec_parse(&shown_v.v, gv.value), shown_v.mark = 0;
	comparison_text(&shown_v, shown, &lim, has_lod ? &lod : NULL, cmp, sizeof cmp);
	jw_str(w, "comparison", cmp);
	o->verdict = gv.pass ? FV_PASS : FV_FAIL;
	food_copy(o->compared, sizeof o->compared, shown);
	jw_str(w, "verdict", gv.pass ? "pass" : "fail");
	return 0;
}

/* A limit row as the trace records it (standard, edition, clause ...): the
 * reference set writes each row's text once, when it is loaded. */
static void limit_write(jsonw *w, const char *key, const food_refset *rs, const food_limit *l)
{
	jw_key(w, key);
	food_limit_trace(rs, l, w->b);
}

static const char *outcome_code(int o)
{
	static const char *const codes[] = {"found", "none", "excluded", "not_in_force", "ambiguous"};
	return o >= 0 && o <= FL_AMBIGUOUS ? codes[o] : "none";
}

/* The national limit: judged when found, else the reason there is none. */
static int judge_national(const food_refset *rs, const food_lookup *lk, const struct gbt_value *x, const food_unit *vu,
			  const dec *lod, int has_lod, food_judgement *j, int *verdict, jsonw *w)
{
	if (!lk || lk->outcome != FL_FOUND) {
		jw_obj(w, NULL);
		jw_str(w, "source", "national");
		jw_str(w, "outcome", outcome_code(lk ? lk->outcome : FL_NONE));
		jw_str(w, "reason_zh", lk ? lk->reason_zh : "");
		jw_str(w, "reason_en", lk ? lk->reason_en : "");
		if (lk && lk->other)
			limit_write(w, lk->outcome == FL_AMBIGUOUS ? "rival" : "related_limit", rs, lk->other);
		if (lk && lk->outcome == FL_AMBIGUOUS && lk->limit)
			limit_write(w, "limit", rs, lk->limit);
		jw_end(w);
		*verdict = -1;
		return 0;
	}
	const food_limit *l = lk->limit;
	char expr[96];
	if (food_limit_expr(l, expr, sizeof expr) != 0)
		return input_error(j, FIE_CONVERT, "限量条目不完整", "the limit row is incomplete");
	spec_in sp = {"national", expr, l->unit, l->method, l->interval};
	spec_out o = {0};
	if (judge_one(x, vu, lod, has_lod, &sp, &o, j, w) != 0)
		return -1;
	limit_write(w, "limit", rs, l);
	if (lk->other)
		limit_write(w, "excluded_by", rs, lk->other);
	jw_end(w);
	*verdict = o.verdict;
	j->limit_id = l->id;
	food_limit_summary(l, j->limit_text, sizeof j->limit_text);
	food_limit_standard_ref(l, j->standard_ref, sizeof j->standard_ref);
	food_copy(j->judged_value, sizeof j->judged_value, o.compared);
	if (o.verdict == FV_FAIL && l->status && !strcmp(l->status, "U"))
		j->needs_decision = 1;
	return 0;
}

static int parse_inputs(const food_item_input *in, struct gbt_value *x, food_unit *vu, dec *lod, int *has_lod, food_judgement *j)
{
	const char *why = NULL;
	if (!in->value || food_value_parse(in->value, x, &why) != 0)
		return input_error(j, FIE_VALUE, food_value_forms_zh, food_value_forms_en);
	if (!in->unit || food_unit_parse(in->unit, vu) != 0) {
		j->input_error = FIE_UNIT;
		snprintf(j->error_zh, sizeof j->error_zh, "无法识别的单位；可用：%s", food_units_accepted());
		snprintf(j->error_en, sizeof j->error_en, "unknown unit; accepted: %s", food_units_accepted());
		return -1;
	}
	*has_lod = in->lod && *in->lod;
	if (*has_lod && (dec_parse(lod, in->lod) != DEC_OK || dec_sign(lod) <= 0))
		return input_error(j, FIE_LOD, "检出限应为正的十进制数", "the detection limit must be a positive decimal number");
	return 0;
}

void food_judgement_free(food_judgement *j)
{
	free(j->trace);
	j->trace = NULL;
}

int food_judge_item(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *lk,
		    const food_item_input *in, const food_spec *specs, int nspecs, food_judgement *j)
{
	memset(j, 0, sizeof *j);
	struct gbt_value x;
	food_unit vu;
	dec lod;
	int has_lod = 0;
	if (parse_inputs(in, &x, &vu, &lod, &has_lod, j) != 0)
		return -1;
	strbuf b;
	sb_init(&b);
	sb_reserve(&b, 1000); /* a 1 KiB block: within malloc's per-thread cache */
	jsonw w;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_obj(&w, "input");
	jw_str(&w, "value", in->value), jw_str(&w, "unit", vu.canon), jw_str(&w, "lod", has_lod ? in->lod : NULL);
	jw_end(&w);
	jw_str(&w, "food", food ? food->name : "?");
	jw_str(&w, "item", an ? an->name : "?");
	jw_arr(&w, "specifications");
	int national = -1, worst = FV_PASS, judged = 0;
	if (judge_national(rs, lk, &x, &vu, &lod, has_lod, j, &national, &w) != 0) {
		sb_free(&b);
		return -1;
	}
	if (national >= 0)
		judged = 1, worst = national;
	for (int i = 0; i < nspecs; i++) {
		spec_in sp = {specs[i].source ? specs[i].source : "product_standard", specs[i].expr, specs[i].unit, specs[i].method, NULL};
		spec_out o = {0};
		if (judge_one(&x, &vu, &lod, has_lod, &sp, &o, j, &w) != 0) {
			sb_free(&b);
			return -1;
		}
		if (specs[i].reference)
			jw_str(&w, "reference", specs[i].reference);
		jw_obj(&w, "limit");
		jw_str(&w, "limit", specs[i].expr);
		jw_end(&w);
		jw_end(&w);
		judged = 1;
		if (o.verdict == FV_FAIL || (o.verdict == FV_UNDECIDABLE && worst != FV_FAIL))
			worst = o.verdict;
	}
	jw_end(&w);
	if (national == FV_UNDECIDABLE && worst != FV_FAIL)
		worst = FV_UNDECIDABLE;
	j->verdict = judged ? worst : FV_NO_LIMIT;
	if (lk && lk->outcome == FL_AMBIGUOUS && j->verdict != FV_FAIL)
		j->verdict = FV_NO_LIMIT;
	if (j->verdict == FV_NO_LIMIT || j->verdict == FV_UNDECIDABLE)
		j->needs_decision = 1;
	jw_str(&w, "verdict", food_verdict_code(j->verdict));
	jw_bool(&w, "needs_decision", j->needs_decision);
	jw_end(&w);
	j->trace_len = b.len;
	j->trace = sb_take(&b);
	if (!j->judged_value[0]) {
		char shown[DEC_STRMAX + 8];
		value_text(&x, shown, sizeof shown);
		food_copy(j->judged_value, sizeof j->judged_value, shown);
	}
	return 0;
}
