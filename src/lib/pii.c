/* pii.c — see pii.h. One left-to-right pass over the text: at each
 * character that does not continue a word of ASCII letters and digits, try
 * the parties' names (longest first), then an 18-character token (ID number
 * or credit code), then a run of digit groups joined by the separators
 * people type (spaces, dashes, dots, brackets, full-width forms). A run is
 * tried by its groups, longest first, so "电话 138 0013 8000 2份" still finds
 * the phone and leaves the "2". */
#include "lib/pii.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_NAMES = 16, MAX_NAME_CPS = 64, MAX_GROUPS = 8, MAX_DIGITS = 24 };

/* Decodes the code point at s (s non-empty): its length in bytes. A byte
 * that starts no valid sequence decodes as itself plus 0x110000 (matches
 * nothing). */
static int cp_at(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = p[0] < 0x80             ? 0
		: (p[0] & 0xE0) == 0xC0 ? 1
		: (p[0] & 0xF0) == 0xE0 ? 2
		: (p[0] & 0xF8) == 0xF0 ? 3
					: -1;
	if (n < 0 || (n == 1 && p[0] < 0xC2))
		goto bad;
	unsigned c = n == 0 ? p[0] : n == 1 ? p[0] & 0x1F : n == 2 ? p[0] & 0x0F : p[0] & 0x07;
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	*cp = c;
	return n + 1;
bad:
	*cp = 0x110000u + p[0];
	return 1;
}

static int ascii_alnum(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static unsigned lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* What may stand between the characters of a written name: whitespace of any
 * kind (ASCII, no-break, the full-width U+3000, zero-width) and middle dots
 * (巴特尔·乌兰). */
static int name_gap(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF || c == 0xB7 || c == 0x30FB ||
	       c == 0x2022 || c == 0x2027 || c == 0xFF65;
}

/* Value of a digit (ASCII or full-width ０-９), else -1. */
static int digit(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

/* What people type between the groups of a phone or ID number. */
static int joiner(unsigned c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == '-' ||
	       (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D || c == '.' || c == '(' || c == ')' ||
	       c == 0xFF08 || c == 0xFF09;
}

char *pii_mask(const char *v)
{
	size_t n = 0;
	for (const char *p = v; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	if (n < 2)
		return strdup("*");
	size_t head = n >= 11 ? 3 : 1, tail = n >= 11 ? 4 : 0;
	char *out = malloc(strlen(v) + 1), *w = out; /* a mask never outgrows the UTF-8 it replaces */
	if (!out)
		abort();
	size_t i = 0;
	for (const char *p = v; *p; i++) {
		const char *q = p + 1;
		while (*q && ((unsigned char)*q & 0xC0) == 0x80)
			q++;
		if (i < head || i >= n - tail) {
			memcpy(w, p, (size_t)(q - p));
			w += q - p;
		} else
			*w++ = '*';
		p = q;
	}
	*w = 0;
	return out;
}

/* ---- names ---- */

typedef struct name {
	unsigned cp[MAX_NAME_CPS];
	int n;
	char *plain;             /* the name without gaps, for the mask */
	char digits[MAX_DIGITS]; /* a value that is a number (a phone): its digits, else "" */
} name;

/* The name's characters without gaps and without anything between < and >
 * (a name stored with markup reads without it). */
static int name_prepare(const char *s, name *nm)
{
	strbuf plain;
	sb_init(&plain);
	nm->n = 0;
	int in_tag = 0;
	for (const char *p = s; *p && nm->n < MAX_NAME_CPS;) {
		unsigned c;
		int l = cp_at(p, &c);
		if (c == '<')
			in_tag = 1;
		else if (c == '>')
			in_tag = 0;
		else if (!in_tag && !name_gap(c)) {
			nm->cp[nm->n++] = lower(c);
			sb_addn(&plain, p, (size_t)l);
		}
		p += l;
	}
	nm->plain = sb_take(&plain);
	if (!nm->plain)
		nm->plain = xstrdup("");
	/* a party's own phone or ID number is found in any written form by the
	 * number patterns and then replaced as the party's name */
	int nd = 0, number = 1;
	for (const char *p = s; *p && number;) {
		unsigned c;
		p += cp_at(p, &c);
		if (digit(c) >= 0 && nd < MAX_DIGITS - 1)
			nm->digits[nd++] = (char)('0' + digit(c));
		else if ((c == 'X' || c == 'x') && nd == 17)
			nm->digits[nd++] = 'X';
		else if (!joiner(c) && c != '+')
			number = 0;
	}
	nm->digits[number && nd >= 7 ? nd : 0] = 0;
	return nm->n >= 2;
}

/* Length in bytes of a match of nm at t (0 = none). */
static size_t name_match(const char *t, const name *nm)
{
	size_t q = 0;
	for (int k = 0; k < nm->n; k++) {
		unsigned c;
		int l;
		if (k)
			for (l = t[q] ? cp_at(t + q, &c) : 0; l && name_gap(c); l = t[q] ? cp_at(t + q, &c) : 0)
				q += (size_t)l;
		if (!t[q])
			return 0;
		l = cp_at(t + q, &c);
		if (lower(c) != nm->cp[k])
			return 0;
		q += (size_t)l;
	}
	/* an ASCII name ends at a word boundary ("Li" is not in "Lion") */
	if (ascii_alnum(nm->cp[nm->n - 1]) && t[q]) {
		unsigned c;
		cp_at(t + q, &c);
		if (ascii_alnum(c))
			return 0;
	}
	return q;
}

/* ---- numbers ---- */

static int all_digits(const char *d, int n)
{
	for (int i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			return 0;
	return 1;
}

static int is_mobile(const char *d, int n)
{
	return n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && all_digits(d, n);
}

/* A landline with its trunk 0: 3-digit area codes 010 and 02X, else 4 digits;
 * then a 7- or 8-digit local number. */
static int is_landline(const char *d, int n)
{
	if (n < 10 || n > 12 || d[0] != '0' || d[1] == '0' || !all_digits(d, n))
		return 0;
	int area = d[1] == '1' || d[1] == '2' ? 3 : 4, local = n - area;
	return local == 7 || local == 8;
}

static int is_phone(const char *d, int n)
{
	if (is_mobile(d, n) || is_landline(d, n))
		return 1;
	/* +86 / 0086 and the number without its trunk 0 */
	int cc = n > 4 && !strncmp(d, "0086", 4) ? 4 : n > 2 && !strncmp(d, "86", 2) ? 2 : 0;
	if (!cc)
		return 0;
	char t[MAX_DIGITS + 2];
	t[0] = '0';
	memcpy(t + 1, d + cc, (size_t)(n - cc));
	return is_mobile(d + cc, n - cc) || is_landline(t, n - cc + 1);
}

/* GB 11643-1999: 6-digit address code, birth date YYYYMMDD, 3-digit order
 * number, check digit or X. The check digit itself is not verified: a
 * mistyped number is still a person's. */
static int is_idno(const char *d, int n)
{
	if (n != 18 || d[0] == '0' || !all_digits(d, 17) || !((d[17] >= '0' && d[17] <= '9') || d[17] == 'X'))
		return 0;
	int y = (d[6] - '0') * 1000 + (d[7] - '0') * 100 + (d[8] - '0') * 10 + (d[9] - '0');
	int m = (d[10] - '0') * 10 + (d[11] - '0'), day = (d[12] - '0') * 10 + (d[13] - '0');
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* GB 32100-2015: 18 characters of the code set, positions 3–8 the division. */
static int is_uscc(const char *d, int n)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	if (n != 18)
		return 0;
	for (int i = 0; i < 18; i++)
		if (!strchr(set, d[i]) || (i >= 2 && i < 8 && (d[i] < '0' || d[i] > '9')))
			return 0;
	return 1;
}

typedef struct group {
	size_t start, end; /* bytes of the digits (and a final X) */
	char d[MAX_DIGITS];
	int n, x;
} group;

/* Reads a run of digit groups starting at t (which may open with + or a
 * bracket). Returns the number of groups (0 = none). */
static int read_run(const char *t, group *g)
{
	size_t q = 0;
	int ng = 0, lead = 1;
	for (;;) {
		/* separators before the group: at the start only + and brackets */
		size_t sep = q;
		int nsep = 0;
		for (;;) {
			unsigned c;
			if (!t[sep])
				return ng;
			int l = cp_at(t + sep, &c);
			if (digit(c) >= 0)
				break;
			int ok = lead ? (c == '+' || c == '(' || c == 0xFF08 || c == 0xFF0B || (nsep && joiner(c)))
				      : joiner(c);
			if (!ok || ++nsep > 3)
				return ng;
			sep += (size_t)l;
		}
		lead = 0;
		group *gr = &g[ng];
		gr->start = sep, gr->n = 0, gr->x = 0;
		q = sep;
		for (;;) {
			unsigned c;
			int l = t[q] ? cp_at(t + q, &c) : 0;
			if (!l || digit(c) < 0)
				break;
			if (gr->n < MAX_DIGITS - 1)
				gr->d[gr->n] = (char)('0' + digit(c));
			gr->n++;
			q += (size_t)l;
		}
		if (t[q] == 'X' || t[q] == 'x') {
			unsigned c = 0;
			if (t[q + 1])
				cp_at(t + q + 1, &c);
			if (!ascii_alnum(c))
				gr->x = 1, q++;
		}
		gr->end = q;
		unsigned next = 0;
		if (t[q])
			cp_at(t + q, &next);
		/* a group glued to letters is part of a code, not a number */
		if (gr->n > 20 || (ascii_alnum(next) && digit(next) < 0))
			return ng;
		ng++;
		if (ng == MAX_GROUPS)
			return ng;
	}
}

/* Where a number matched from the first group starts: at its + (the
 * country code), or at an opening bracket closed inside the number
 * ("(0472)1234567"); a bracket around the whole number stays text. */
static size_t lead_start(const char *t, const group *g, int e)
{
	size_t plus = g[0].start;
	for (size_t i = 0; i < g[0].start; i++)
		if (t[i] == '+' || !strncmp(t + i, "\xEF\xBC\x8B", 3)) {
			plus = i;
			break;
		}
	for (size_t i = g[0].end; i < g[e - 1].start; i++)
		if (t[i] == ')' || !strncmp(t + i, "\xEF\xBC\x89", 3))
			return 0;
	return plus;
}

/* Digits of groups [s, e) into d; returns their count, -1 when an X is not last. */
static int join_groups(const group *g, int s, int e, char *d)
{
	int n = 0;
	for (int i = s; i < e; i++) {
		if (n + g[i].n > MAX_DIGITS - 2 || (g[i].x && i != e - 1))
			return -1;
		memcpy(d + n, g[i].d, (size_t)g[i].n);
		n += g[i].n;
		if (g[i].x)
			d[n++] = 'X';
	}
	d[n] = 0;
	return n;
}

static void put_number(strbuf *b, const pii_opts *o, const char *digits, const name *names, int nn)
{
	for (int i = 0; i < nn; i++) {
		size_t a = strlen(digits), k = strlen(names[i].digits);
		/* the same number, or it with the country code in front */
		if (k && a >= k && !strcmp(digits + a - k, names[i].digits) &&
		    (a == k || (a - k == 2 && !strncmp(digits, "86", 2)) ||
		     (a - k == 4 && !strncmp(digits, "0086", 4)))) {
			if (o->name_as) {
				sb_add(b, o->name_as);
				return;
			}
			break;
		}
	}
	if (o->number_as) {
		sb_add(b, o->number_as);
		return;
	}
	char *m = pii_mask(digits);
	sb_add(b, m);
	free(m);
}

char *pii_scrub(const char *text, const pii_opts *o, int *found)
{
	strbuf b;
	sb_init(&b);
	int hits = 0;
	name names[MAX_NAMES];
	int nn = 0;
	for (int i = 0; i < o->nnames && nn < MAX_NAMES; i++)
		if (o->names[i]) {
			if (name_prepare(o->names[i], &names[nn]))
				nn++;
			else
				free(names[nn].plain);
		}
	unsigned prev = 0;
	const char *t = text ? text : "";
	for (size_t p = 0; t[p];) {
		unsigned c;
		int l = cp_at(t + p, &c);
		if (!ascii_alnum(prev)) {
			/* the parties' names, the longest match first */
			size_t best = 0;
			int bi = -1;
			for (int i = 0; i < nn; i++) {
				size_t m = name_match(t + p, &names[i]);
				if (m > best)
					best = m, bi = i;
			}
			if (bi >= 0) {
				if (o->name_as)
					sb_add(&b, o->name_as);
				else {
					char *m = pii_mask(names[bi].plain);
					sb_add(&b, m);
					free(m);
				}
				hits++;
				p += best, prev = '*';
				continue;
			}
			/* an 18-character token: ID number or credit code */
			if (ascii_alnum(c) && (o->what & (PII_IDNO | PII_USCC))) {
				size_t n = 0;
				while (ascii_alnum((unsigned char)t[p + n]) && n < 19)
					n++;
				if (n == 18 && !ascii_alnum((unsigned char)t[p + n])) {
					char d[19];
					for (int i = 0; i < 18; i++)
						d[i] = (char)(t[p + i] >= 'a' && t[p + i] <= 'z' ? t[p + i] - 32
												 : t[p + i]);
					d[18] = 0;
					if (((o->what & PII_IDNO) && is_idno(d, 18)) ||
					    ((o->what & PII_USCC) && is_uscc(d, 18))) {
						put_number(&b, o, d, names, nn);
						hits++;
						p += 18, prev = '*';
						continue;
					}
				}
			}
			/* a phone or ID number written in groups */
			if ((o->what & (PII_PHONE | PII_IDNO)) &&
			    (digit(c) >= 0 || c == '+' || c == '(' || c == 0xFF08 || c == 0xFF0B)) {
				group g[MAX_GROUPS];
				int ng = read_run(t + p, g), ms = -1, me = -1;
				char d[MAX_DIGITS];
				for (int s = 0; s < ng && ms < 0; s++)
					for (int e = ng; e > s; e--) {
						int n = join_groups(g, s, e, d);
						if (n > 0 && (((o->what & PII_PHONE) && is_phone(d, n)) ||
							      ((o->what & PII_IDNO) && is_idno(d, n)))) {
							ms = s, me = e;
							break;
						}
					}
				if (ms >= 0) {
					join_groups(g, ms, me, d);
					size_t from = ms == 0 ? lead_start(t + p, g, me) : g[ms].start;
					sb_addn(&b, t + p, from);
					put_number(&b, o, d, names, nn);
					hits++;
					p += g[me - 1].end, prev = '0';
					continue;
				}
			}
		}
		sb_addn(&b, t + p, (size_t)l);
		prev = c;
		p += (size_t)l;
	}
	for (int i = 0; i < nn; i++)
		free(names[i].plain);
	if (found)
		*found = hits;
	char *out = sb_take(&b);
	return out ? out : strdup("");
}
