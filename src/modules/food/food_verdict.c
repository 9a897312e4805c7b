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

static const char *mark_text(int mark)
{
	return mark > 0 ? "(+)" : mark < 0 ? "(-)" : "";
}

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
static void comparison_text(const struct gbt_value *v, const char *shown, const struct gbt_limit *lim, const dec *lod,
			    char *buf, size_t n)
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

/* A member whose value is the row's own (not the form's): written as
 * jw_str writes it, its value's span recorded (food_judgement.var_at). A
 * span past FOOD_TRACE_VARS stays in the form: correct, only stored oftener. */
static void jw_var(jsonw *w, food_judgement *j, const char *key, const char *v)
{
	size_t before = w->b->len;
	jw_str(w, key, v);
	if (j->nvars >= FOOD_TRACE_VARS)
		return;
	const char *colon = memchr(w->b->s + before, ':', w->b->len - before);
	size_t at = colon ? (size_t)(colon - w->b->s) + 1 : before;
	j->var_at[j->nvars] = at, j->var_len[j->nvars] = w->b->len - at;
	j->nvars++;
}

/* Converts value (and lod) from one unit to another in place: exact. A
 * marked number keeps the place of its last reported digit, so the interval
 * it stands for is converted, not the digits (GB/T 8170-2008 3.3.2). */
static int convert(struct gbt_value *v, dec *lod, int has_lod, int k)
{
	if (k == 0)
		return 0;
	if (v->kind == GBT_NUMBER && gbt_value_shift(v, k) != DEC_OK)
		return -1;
	if (v->kind != GBT_NUMBER && v->has_bound && dec_shift(&v->v, &v->v, k) != DEC_OK)
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

static int parse_method(const char *m)
{
	return m && !strcmp(m, "rounded") ? GBT_ROUNDED : GBT_FULL;
}

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
		snprintf(why_en, sizeof why_en, "unit %s cannot be converted to the limit's unit %s", vu->canon,
			 lu.canon);
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
	jw_var(w, j, "compared_value", conv);
	if (k != 0) {
		char f[16];
		snprintf(f, sizeof f, "10^%d", k);
		jw_obj(w, "conversion");
		jw_str(w, "from", vu->canon), jw_str(w, "to", lu.canon), jw_str(w, "factor", f);
		jw_var(w, j, "value", conv);
		jw_end(w);
	} else
		jw_null(w, "conversion");
	if (has_lod) {
		char l[DEC_STRMAX];
		dec_text(&lod, l, sizeof l);
		jw_var(w, j, "lod", l);
	}
	if (x.mark && !gv.rounded) {
		/* the interval a marked value stands for, in the limit's unit */
		dec lo_v, hi_v;
		int lo_in, hi_in;
		char a[DEC_STRMAX], b2[DEC_STRMAX], iv_text[2 * DEC_STRMAX + 4];
		if (gbt_value_interval(&x, &lo_v, &lo_in, &hi_v, &hi_in) == 0) {
			dec_text(&lo_v, a, sizeof a), dec_text(&hi_v, b2, sizeof b2);
			snprintf(iv_text, sizeof iv_text, "%s%s, %s%s", lo_in ? "[" : "(", a, b2, hi_in ? "]" : ")");
			jw_var(w, j, "marked_interval", iv_text);
		}
	}
	if (rc != 0) {
		o->verdict = FV_UNDECIDABLE;
		food_copy(o->compared, sizeof o->compared, conv);
		jw_str(w, "verdict", "undecidable");
		jw_var(w, j, "reason", why ? why : "cannot be judged");
		return 0;
	}
	food_copy(shown, sizeof shown, conv);
	if (gv.rounded) {
		food_copy(shown, sizeof shown, gv.value);
		jw_var(w, j, "rounded_value", gv.value);
	}
	struct gbt_value shown_v = x;
	if (gv.rounded && dec_parse(&shown_v.v, gv.value) == DEC_OK) {
		shown_v.mark = 0;
		comparison_text(&shown_v, shown, &lim, has_lod ? &lod : NULL, cmp, sizeof cmp);
	} else if (gv.rounded) /* a marked value's interval rounds to "a~b", all on one side */
		snprintf(cmp, sizeof cmp, "%s %s %s", shown, gv.pass ? "⊂" : "∩ = ∅", sp->expr);
	else
		comparison_text(&shown_v, shown, &lim, has_lod ? &lod : NULL, cmp, sizeof cmp);
	jw_var(w, j, "comparison", cmp);
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
			  const dec *lod, int has_lod, const char *basis, int screen, food_judgement *j, int *verdict,
			  jsonw *w)
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
	if (basis && *basis && l->basis && strcmp(basis, l->basis)) {
		/* GB 2762-2022 3.4/3.5 and the table footnotes give no fixed factor
		 * between bases (稻谷→糙米, 乳粉→生乳, dry → fresh): report on the limit's */
		char zh[300], en[300];
		snprintf(zh, sizeof zh,
			 "结果的计算基础为“%s”，限量%s（%s）；标准未给出换算系数，请按限量的计算基础报告结果",
			 food_basis_text(basis, 1), food_basis_text(l->basis, 1),
			 l->standard_ref ? l->standard_ref : "");
		snprintf(
			en, sizeof en,
			"the result is on the basis '%s' but the limit is on '%s' (%s); the standard gives no factor: report on the limit's basis",
			food_basis_text(basis, 0), food_basis_text(l->basis, 0),
			l->standard_ref ? l->standard_ref : "");
		return input_error(j, FIE_BASIS, zh, en);
	}
	spec_in sp = {screen ? "national_screening" : "national", expr, l->unit, l->method, l->interval};
	spec_out o = {0};
	if (judge_one(x, vu, lod, has_lod, &sp, &o, j, w) != 0)
		return -1;
	if (l->basis) /* the code is in the limit row below */
		jw_str(w, "basis_zh", l->basis_zh ? l->basis_zh : food_basis_text(l->basis, 1));
	limit_write(w, "limit", rs, l);
	if (lk->other)
		limit_write(w, "excluded_by", rs, lk->other);
	jw_end(w);
	*verdict = o.verdict;
	j->limit_id = l->id;
	j->limit_basis = l->basis_zh ? l->basis_zh : l->basis ? food_basis_text(l->basis, 1) : NULL;
	food_limit_summary(l, j->limit_text, sizeof j->limit_text);
	food_limit_standard_ref(l, j->standard_ref, sizeof j->standard_ref);
	food_copy(j->judged_value, sizeof j->judged_value, o.compared);
	/* A row whose text could not be verified against its standard decides
	 * nothing alone: every item judged by it goes to a person (see judge). */
	if (l->status && !strcmp(l->status, "U"))
		j->needs_decision = 1;
	return 0;
}

static int parse_inputs(const food_item_input *in, struct gbt_value *x, food_unit *vu, dec *lod, int *has_lod,
			food_judgement *j)
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
	if (x->kind == GBT_NUMBER && dec_sign(&x->v) < 0)
		return input_error(
			j, FIE_VALUE, "检测结果不能为负数：含量或浓度最小为0（未检出请填 ND 或 <检出限）",
			"a measured content or concentration cannot be negative (write ND or <LOD when not detected)");
	*has_lod = in->lod && *in->lod;
	if (*has_lod && (dec_parse(lod, in->lod) != DEC_OK || dec_sign(lod) <= 0))
		return input_error(j, FIE_LOD, "检出限应为正的十进制数",
				   "the detection limit must be a positive decimal number");
	return 0;
}

void food_judgement_free(food_judgement *j)
{
	free(j->trace);
	j->trace = NULL;
}

/* The judgement of one item: the national limit (or, when screening, the
 * speciated limit), then every further specification. Which basis decided
 * is written into the trace ("decided_by"). */
static int judge(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *lk, int screen,
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
	jw_var(&w, j, "value", in->value), jw_str(&w, "unit", vu.canon);
	jw_var(&w, j, "lod", has_lod ? in->lod : NULL);
	if (in->basis && *in->basis)
		jw_str(&w, "basis", in->basis);
	jw_end(&w);
	jw_str(&w, "food", food ? food->name : "?");
	jw_str(&w, "item", an ? an->name : "?");
	jw_arr(&w, "specifications");
	int national = -1, spec_worst = -1;
	const char *spec_fail = NULL;
	if (judge_national(rs, lk, &x, &vu, &lod, has_lod, in->basis, screen, j, &national, &w) != 0) {
		sb_free(&b);
		return -1;
	}
	for (int i = 0; !screen && i < nspecs; i++) {
		spec_in sp = {specs[i].source ? specs[i].source : "product_standard", specs[i].expr, specs[i].unit,
			      specs[i].method, NULL};
		spec_out o = {0};
		if (judge_one(&x, &vu, &lod, has_lod, &sp, &o, j, &w) != 0) {
			sb_free(&b);
			return -1;
		}
		if (specs[i].reference)
			jw_var(&w, j, "reference", specs[i].reference);
		jw_obj(&w, "limit");
		jw_var(&w, j, "limit", specs[i].expr);
		jw_end(&w);
		jw_end(&w);
		if (o.verdict == FV_FAIL && !spec_fail)
			spec_fail = sp.source;
		if (spec_worst < 0 || o.verdict == FV_FAIL || (o.verdict == FV_UNDECIDABLE && spec_worst != FV_FAIL))
			spec_worst = o.verdict;
	}
	jw_end(&w);
	/* A specification may make the verdict stricter, never looser, than the
	 * national limit; without an applicable national limit no specification
	 * decides: a person does, told what the specifications say. */
	const char *decided_by, *reason = NULL;
	if (national < 0) {
		j->verdict = FV_NO_LIMIT;
		decided_by = "person";
		reason = lk && lk->outcome != FL_FOUND ? lk->reason_zh : "无适用的国家限量";
	} else if (national == FV_FAIL) {
		j->verdict = FV_FAIL;
		decided_by = screen ? "national_screening" : "national";
	} else if (spec_worst == FV_FAIL) {
		j->verdict = FV_FAIL;
		decided_by = spec_fail;
	} else if (national == FV_UNDECIDABLE || spec_worst == FV_UNDECIDABLE) {
		j->verdict = FV_UNDECIDABLE;
		decided_by = "person";
		reason = national == FV_UNDECIDABLE ? "按国家限量无法判定" : "按明示标准无法判定";
	} else {
		j->verdict = FV_PASS;
		decided_by = screen ? "national_screening" : "national";
	}
	if (screen && j->verdict != FV_PASS) {
		/* 注a: total above the speciated limit → the speciated test decides */
		j->verdict = FV_UNDECIDABLE;
		decided_by = "speciated_test";
		reason = "总量超过形态限量，须测定形态（GB 2762-2022 4.3 表3 注a / 4.4 表4 注a）";
	}
	j->screening = screen;
	char unverified[300];
	const food_limit *nl = national >= 0 && lk ? lk->limit : NULL;
	if (nl && nl->status && !strcmp(nl->status, "U") && j->verdict != FV_NO_LIMIT) {
		/* the engine's verdict stands as a proposal; a person confirms it */
		char ref[160];
		food_limit_standard_ref(nl, ref, sizeof ref);
		snprintf(unverified, sizeof unverified, "限量依据待核实（应依据 %s），由人工确认", ref);
		decided_by = "person";
		reason = unverified;
		jw_str(&w, "proposed_verdict", food_verdict_code(j->verdict));
		jw_str(&w, "limit_status", "限量依据待核实");
	}
	if (j->verdict == FV_NO_LIMIT || j->verdict == FV_UNDECIDABLE)
		j->needs_decision = 1;
	if (national < 0 && spec_worst >= 0)
		jw_str(&w, "specifications_note",
		       "明示标准/标签值只能使判定更严，不能替代缺失的国家限量 / a declared specification cannot stand in for a missing national limit");
	if (screen)
		jw_str(&w, "screening", j->verdict == FV_PASS ? "total_within_speciated_limit" : "speciated_required");
	jw_str(&w, "decided_by", decided_by);
	if (reason)
		jw_str(&w, "reason", reason);
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

int food_judge_item(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *lk,
		    const food_item_input *in, const food_spec *specs, int nspecs, food_judgement *j)
{
	return judge(rs, food, an, lk, 0, in, specs, nspecs, j);
}

int food_judge_screen(const food_refset *rs, const food_cat *food, const food_analyte *an, const food_lookup *screen,
		      const food_item_input *in, food_judgement *j)
{
	return judge(rs, food, an, screen, 1, in, NULL, 0, j);
}

/* GB 2762-2022 4.3 表3 注a (水产动物及其制品: 总汞 → 甲基汞) and 4.4 表4 注a
 * (总砷 → 无机砷): the total may be measured first. */
static const char *const screens[][2] = {{"hg", "mehg"}, {"total_as", "inorg_as"}};

const char *food_screen_total_of(const char *code)
{
	for (size_t i = 0; code && i < sizeof screens / sizeof screens[0]; i++)
		if (!strcmp(screens[i][1], code))
			return screens[i][0];
	return NULL;
}

const char *food_screen_target_of(const char *code)
{
	for (size_t i = 0; code && i < sizeof screens / sizeof screens[0]; i++)
		if (!strcmp(screens[i][0], code))
			return screens[i][1];
	return NULL;
}

const char *food_basis_text(const char *code, int zh)
{
	for (int i = 0; code && i < food_ndict_seeds; i++)
		if (!strcmp(food_dict_seeds[i][0], "limit_basis") && !strcmp(food_dict_seeds[i][1], code))
			return food_dict_seeds[i][zh ? 2 : 3];
	return code ? code : "";
}
