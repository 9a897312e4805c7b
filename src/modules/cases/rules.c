/* rules.c — pure rules of the enforcement area (see rules.h). */
#include "modules/cases/rules.h"

#include <stdio.h>
#include <string.h>

int cs_excluded(date_days d, const cs_span *ex, int nex)
{
	for (int i = 0; i < nex; i++)
		if (d >= ex[i].from && d <= ex[i].to)
			return 1;
	return 0;
}

/* Whether day d counts toward a period: not excluded, and a working day when asked. */
static int counts(const struct wd_calendar *cal, int workdays, date_days d, const cs_span *ex, int nex,
		  struct wd_gaps *g)
{
	if (cs_excluded(d, ex, nex))
		return 0;
	return !workdays || wd_is_workday(cal, d, g);
}

static int walk(const struct wd_calendar *cal, int workdays, date_days start, long n, const cs_span *ex, int nex,
		date_days *out, struct wd_gaps *g)
{
	date_days d = start;
	long got = 0;
	for (long steps = 0; got < n; steps++) {
		if (steps >= CS_MAX_WALK)
			return -1;
		d++;
		if (cs_excluded(d, ex, nex)) {
			for (int i = 0; i < nex; i++)
				if (d >= ex[i].from && ex[i].to == CS_OPEN)
					return -1; /* an open span: the period cannot end yet */
			continue;
		}
		if (counts(cal, workdays, d, ex, nex, g))
			got++;
	}
	*out = d;
	return 0;
}

int cs_due_workdays(const struct wd_calendar *cal, date_days start, long n, const cs_span *ex, int nex, date_days *out,
		    struct wd_gaps *g)
{
	return walk(cal, 1, start, n, ex, nex, out, g);
}

int cs_due_days(date_days start, long n, const cs_span *ex, int nex, date_days *out)
{
	return walk(NULL, 0, start, n, ex, nex, out, NULL);
}

long cs_count(const struct wd_calendar *cal, int workdays, date_days from, date_days to, const cs_span *ex, int nex)
{
	int sign = 1;
	if (to < from) {
		date_days t = from;
		from = to, to = t, sign = -1;
	}
	if (to - from > CS_MAX_WALK)
		to = from + CS_MAX_WALK;
	long n = 0;
	for (date_days d = from + 1; d <= to; d++)
		n += counts(cal, workdays, d, ex, nex, NULL);
	return sign * n;
}

int64_t cs_late_fee_fen(int64_t fine_fen, long days_late)
{
	if (fine_fen <= 0 || days_late <= 0)
		return 0;
	/* From day 34 on (34 × 3% = 102%) the cap applies, so days are clipped there (no overflow). */
	int64_t d = days_late > 34 ? 34 : days_late;
	int64_t fee = (fine_fen * 3 * d + 50) / 100;
	return fee > fine_fen ? fine_fen : fee;
}

void cs_criteria_default(cs_criteria *k)
{
	memset(k, 0, sizeof *k);
	/* Bureau-set values (no statutory figure): see docs/cases.md. */
	k->natural_major_fen = 5000000;   /* 50,000 yuan */
	k->legal_major_fen = 50000000;    /* 500,000 yuan */
	k->natural_hearing_fen = 1000000; /* 10,000 yuan, DOMAIN L12 [U] */
	k->legal_hearing_fen = 10000000;  /* 100,000 yuan, DOMAIN L12 [U] */
	k->major_on_revocation = 1;
	k->major_on_stop = 1;
	k->major_on_public_interest = 1;
	k->quorum_pct = 60; /* 3 of the 5 agencies */
	k->near_due_days = 5;
	k->roll_art203 = 0;
}

unsigned cs_major(const cs_criteria *k, const cs_penalty *p)
{
	int64_t limit = p->legal_person ? k->legal_major_fen : k->natural_major_fen;
	unsigned r = 0;
	if (limit > 0 && p->fine_fen >= limit)
		r |= CS_MAJOR_FINE;
	if (limit > 0 && p->confiscation_fen >= limit)
		r |= CS_MAJOR_CONFISCATION;
	if (k->major_on_revocation && clist_has(p->kinds, "revoke_licence"))
		r |= CS_MAJOR_REVOCATION;
	if (k->major_on_stop && (clist_has(p->kinds, "stop_production") || clist_has(p->kinds, "close_down")))
		r |= CS_MAJOR_STOP;
	if (k->major_on_public_interest && p->public_interest)
		r |= CS_MAJOR_PUBLIC;
	if (p->manual)
		r |= CS_MAJOR_MANUAL;
	return r;
}

void cs_major_text(unsigned reasons, int en, char *buf, size_t n)
{
	static const struct {
		unsigned bit;
		const char *zh, *en;
	} names[] = {
		{CS_MAJOR_FINE, "罚款数额达到重大案件标准", "fine at or above the major-case threshold"},
		{CS_MAJOR_CONFISCATION, "没收金额达到重大案件标准",
		 "confiscation at or above the major-case threshold"},
		{CS_MAJOR_REVOCATION, "吊销许可证件", "licence revocation"},
		{CS_MAJOR_STOP, "责令停产停业或关闭", "order to stop production or close"},
		{CS_MAJOR_PUBLIC, "涉及重大公共利益", "major public interest"},
		{CS_MAJOR_MANUAL, "负责人认定为重大案件", "designated major by the head"},
	};
	size_t used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(reasons & names[i].bit))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s", used ? (en ? "; " : "；") : "",
				 en ? names[i].en : names[i].zh);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}

int cs_hearing_entitled(const cs_criteria *k, const cs_penalty *p)
{
	static const char *heavy[] = {"lower_qualification", "revoke_licence",   "stop_production",
				      "close_down",          "limit_employment", "limit_business"};
	int64_t limit = p->legal_person ? k->legal_hearing_fen : k->natural_hearing_fen;
	if (limit > 0 && (p->fine_fen >= limit || p->confiscation_fen >= limit))
		return 1;
	for (size_t i = 0; i < sizeof heavy / sizeof heavy[0]; i++)
		if (clist_has(p->kinds, heavy[i]))
			return 1;
	return 0;
}

int cs_quorum_required(int invited, int pct)
{
	if (invited <= 0)
		return 1;
	if (pct <= 0 || pct > 100)
		pct = 100;
	int q = (invited * pct + 99) / 100;
	return q < 1 ? 1 : q;
}

int cs_hearing_notice_ok(const struct wd_calendar *cal, date_days notice, date_days hearing, date_days *earliest)
{
	date_days e;
	if (wd_add(cal, notice, 7, &e, NULL) != WD_OK)
		return 0;
	if (earliest)
		*earliest = e;
	return hearing >= e;
}

/* ---- payment, late fee, enforcement ---- */

int cs_payment_due(const struct wd_calendar *cal, date_days served, const cs_span *sus, int nsus, date_days *due,
		   struct wd_gaps *g)
{
	date_days d;
	if (wd_due_days(served, 15, &d) != WD_OK || wd_roll_art203(cal, d, &d, g) != WD_OK)
		return -1;
	for (long i = 0; i < CS_MAX_WALK && cs_excluded(d + 1, sus, nsus); i++)
		d++;
	*due = d;
	return 0;
}

long cs_days_late(date_days due, date_days upto, const cs_span *sus, int nsus)
{
	long n = 0;
	if (upto - due > CS_MAX_WALK)
		upto = due + CS_MAX_WALK;
	for (date_days d = due + 1; d <= upto; d++)
		n += !cs_excluded(d, sus, nsus);
	return n;
}

int cs_enforcement_window(const struct wd_calendar *cal, date_days served, date_days demand, date_days on,
			  date_days *earliest, date_days *latest)
{
	date_days recon, lit, lapse, dem;
	if (wd_due_days(served, 60, &recon) != WD_OK || wd_roll_art203(cal, recon, &recon, NULL) != WD_OK ||
	    wd_due_months(served, 6, &lit) != WD_OK || wd_roll_art203(cal, lit, &lit, NULL) != WD_OK ||
	    wd_add(cal, demand, 10, &dem, NULL) != WD_OK ||
	    wd_due_months(recon > lit ? recon : lit, 3, latest) != WD_OK)
		return CS_ENF_REMEDY;
	lapse = recon > lit ? recon : lit;
	/* "期限届满之日起三个月内": the 3 months count from the lapse day (Art. 201: not itself). */
	*earliest = (lapse > dem ? lapse : dem) + 1;
	if (on <= lapse)
		return CS_ENF_REMEDY;
	if (on <= dem)
		return CS_ENF_DEMAND;
	if (on > *latest)
		return CS_ENF_LATE;
	return CS_ENF_OK;
}

int cs_publication_exempt(const char *kinds)
{
	return kinds && !strcmp(kinds, "warning");
}

int cs_kinds_added(const char *notified, const char *decided, char *buf, size_t n)
{
	int count = 0;
	size_t used = 0;
	buf[0] = 0;
	for (const char *p = decided ? decided : ""; *p;) {
		const char *q = strchr(p, ',');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)(len < sizeof code ? len : sizeof code - 1), p);
		if (*code && !clist_has(notified, code)) {
			int w = snprintf(buf + used, n - used, "%s%s", count ? "," : "", code);
			if (w > 0 && (size_t)w < n - used)
				used += (size_t)w;
			count++;
		}
		if (!q)
			break;
		p = q + 1;
	}
	return count;
}

int64_t cs_reward_fen(int level, int64_t basis_fen)
{
	static const int64_t pct[] = {0, 5, 3, 1}, floor_fen[] = {0, 500000, 300000, 100000};
	if (level < 1 || level > 3 || basis_fen < 0)
		return -1;
	int64_t r = (basis_fen * pct[level] + 50) / 100;
	if (r < floor_fen[level])
		r = floor_fen[level];
	return r > CS_REWARD_CAP_FEN ? CS_REWARD_CAP_FEN : r;
}
