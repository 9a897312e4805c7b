/* food_units.c — units of measured values and exact conversion between them
 * (DOMAIN.md §2.7: μg/kg written with U+03BC or U+00B5, g/kg vs mg/kg), and
 * the normalisation of lab value notations ("1.77×10³") before GB/T 8170
 * parsing. A conversion is a power of ten applied with dec_shift, so it is
 * exact; units of different kinds (per mass vs per volume) never convert. */
#include "modules/food/food.h"
#include <stdio.h>
#include <string.h>

typedef struct unit_row {
	const char *spelling; /* after normalisation (lower case ASCII, "u" for μ) */
	const char *canon;
	int kind, exp;
} unit_row;

/* exp: for mass per mass the ratio is value × 10^exp; per volume, g/L. */
static const unit_row units[] = {
	{"g/kg", "g/kg", FU_MASS_PER_MASS, -3},
	{"mg/kg", "mg/kg", FU_MASS_PER_MASS, -6},
	{"ug/kg", "μg/kg", FU_MASS_PER_MASS, -9},
	{"ng/kg", "ng/kg", FU_MASS_PER_MASS, -12},
	{"mg/g", "mg/g", FU_MASS_PER_MASS, -3},
	{"ug/g", "μg/g", FU_MASS_PER_MASS, -6},
	{"ng/g", "ng/g", FU_MASS_PER_MASS, -9},
	{"g/100g", "g/100g", FU_MASS_PER_MASS, -2},
	{"mg/100g", "mg/100g", FU_MASS_PER_MASS, -5},
	{"ug/100g", "μg/100g", FU_MASS_PER_MASS, -8},
	{"%", "%", FU_MASS_PER_MASS, -2},
	{"ppm", "mg/kg", FU_MASS_PER_MASS, -6},
	{"ppb", "μg/kg", FU_MASS_PER_MASS, -9},
	{"g/l", "g/L", FU_MASS_PER_VOLUME, 0},
	{"mg/l", "mg/L", FU_MASS_PER_VOLUME, -3},
	{"ug/l", "μg/L", FU_MASS_PER_VOLUME, -6},
	{"ng/l", "ng/L", FU_MASS_PER_VOLUME, -9},
	{"mg/ml", "mg/mL", FU_MASS_PER_VOLUME, 0},
	{"ug/ml", "μg/mL", FU_MASS_PER_VOLUME, -3},
	{"ng/ml", "ng/mL", FU_MASS_PER_VOLUME, -6},
	{"g/100ml", "g/100mL", FU_MASS_PER_VOLUME, 1},
	{"mg/100ml", "mg/100mL", FU_MASS_PER_VOLUME, -2},
	{"cfu/g", "CFU/g", FU_OTHER, 0},
	{"cfu/ml", "CFU/mL", FU_OTHER, 0},
	{"mpn/g", "MPN/g", FU_OTHER, 0},
	{"mpn/100g", "MPN/100g", FU_OTHER, 0},
	{"mpn/100ml", "MPN/100mL", FU_OTHER, 0},
	{"/25g", "/25g", FU_OTHER, 0},
	{"/25ml", "/25mL", FU_OTHER, 0},
};

/* Chinese unit names and symbols rewritten to the ASCII spelling. */
static const char *const words[][2] = {
	{"毫克", "mg"}, {"微克", "ug"}, {"纳克", "ng"}, {"千克", "kg"}, {"公斤", "kg"}, {"毫升", "ml"}, {"克", "g"},
	{"升", "l"},    {"／", "/"},    {"μ", "u"},     {"µ", "u"},     {"％", "%"},    {"每", "/"},
};

const char *food_units_accepted(void)
{
	return "g/kg, mg/kg, μg/kg (μ or µ), ng/kg, mg/g, μg/g, ng/g, g/100g, mg/100g, %, ppm, ppb, "
	       "g/L, mg/L, μg/L, ng/L, mg/mL, μg/mL, g/100mL, CFU/g, CFU/mL, MPN/g, MPN/100g, /25g";
}

static void normalise_unit(const char *s, char *out, size_t n)
{
	size_t w = 0;
	while (*s && w + 1 < n) {
		int done = 0;
		/* every word rewritten starts with a non-ASCII byte */
		for (size_t i = 0; (unsigned char)*s >= 0x80 && i < sizeof words / sizeof words[0] && !done; i++) {
			size_t l = strlen(words[i][0]);
			if (!strncmp(s, words[i][0], l)) {
				for (const char *r = words[i][1]; *r && w + 1 < n; r++)
					out[w++] = *r;
				s += l, done = 1;
			}
		}
		if (done)
			continue;
		char ch = *s++;
		if (ch == ' ' || ch == '\t')
			continue;
		out[w++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
	}
	out[w] = 0;
}

int food_unit_parse(const char *s, food_unit *out)
{
	char norm[48];
	if (!s || strlen(s) > 40)
		return -1;
	normalise_unit(s, norm, sizeof norm);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (!strcmp(norm, units[i].spelling)) {
			out->kind = units[i].kind;
			out->exp = units[i].exp;
			food_copy(out->canon, sizeof out->canon, units[i].canon);
			return 0;
		}
	return -1;
}

int food_unit_factor(const food_unit *from, const food_unit *to, int *k)
{
	if (from->kind != to->kind)
		return -1;
	if (from->kind == FU_OTHER) {
		if (strcmp(from->canon, to->canon))
			return -1;
		*k = 0;
		return 0;
	}
	*k = from->exp - to->exp;
	return 0;
}

/* ---- value notations ---- */

const char food_value_forms_zh[] = "应为十进制数（可带 (+)/(−) 标记，或写作 1.77×10³），或 ND、未检出、<LOD、<0.01";
const char food_value_forms_en[] =
	"must be a decimal number (optionally marked (+)/(−), or written 1.77×10³), or ND, 未检出, <LOD, <0.01";

static const char *const superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

/* Reads an exponent after "10": ^-3, ⁻³, 3. Returns bytes consumed, 0 if none. */
static size_t read_exponent(const char *p, char *buf, size_t n)
{
	const char *q = p;
	size_t w = 0;
	if (*q == '^')
		q++;
	if (!strncmp(q, "⁻", strlen("⁻")))
		buf[w++] = '-', q += strlen("⁻");
	else if (*q == '-' || *q == '+')
		buf[w++] = *q++;
	int digits = 0;
	for (;;) {
		int hit = 0;
		if (*q >= '0' && *q <= '9' && w + 1 < n)
			buf[w++] = *q++, hit = 1;
		for (int d = 0; !hit && d < 10; d++)
			if (!strncmp(q, superscripts[d], strlen(superscripts[d])) && w + 1 < n)
				buf[w++] = (char)('0' + d), q += strlen(superscripts[d]), hit = 1;
		if (!hit)
			break;
		digits++;
	}
	buf[w] = 0;
	return digits ? (size_t)(q - p) : 0;
}

int food_value_normalise(const char *in, char *out, size_t outlen)
{
	while (*in == ' ' || *in == '\t')
		in++;
	size_t len = strlen(in);
	while (len && (in[len - 1] == ' ' || in[len - 1] == '\t' || in[len - 1] == '\r' || in[len - 1] == '\n'))
		len--;
	if (len + 1 > outlen)
		return -1;
	static const char *const times[] = {"×", "x", "X", "*", "✕"};
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		int done = 0;
		for (size_t t = 0; t < sizeof times / sizeof times[0] && !done; t++) {
			size_t tl = strlen(times[t]);
			if (i + tl + 2 <= len && !strncmp(in + i, times[t], tl) && in[i + tl] == '1' &&
			    in[i + tl + 1] == '0') {
				char exp[16];
				size_t used = read_exponent(in + i + tl + 2, exp, sizeof exp);
				if (used && w + strlen(exp) + 2 < outlen) {
					out[w++] = 'e';
					for (const char *e = exp; *e; e++)
						out[w++] = *e;
					i += tl + 2 + used, done = 1;
				}
			}
		}
		if (!done) {
			if (w + 1 >= outlen)
				return -1;
			out[w++] = in[i++];
		}
	}
	out[w] = 0;
	return 0;
}

int food_value_parse(const char *s, struct gbt_value *out, const char **why)
{
	char norm[96];
	if (!s || food_value_normalise(s, norm, sizeof norm) != 0) {
		if (why)
			*why = "value: too long";
		return -1;
	}
	return gbt_parse_value(norm, out, why);
}
