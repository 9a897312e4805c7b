/* ctx.c — operation context, problem building and the clock. */
#include "core/ctx.h"
#include "core/entity.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ctx_init(zj_ctx *c, db *d)
{
	memset(c, 0, sizeof *c);
	c->db = d;
	c->ip = "-";
	clock_now(c->now);
	clock_today(c->today);
}

void ctx_clear(zj_ctx *c)
{
	if (c->problem)
		json_decref(c->problem);
	c->problem = NULL;
	c->status = 0;
}

int ctx_problem(zj_ctx *c, prob_id p, const char *detail)
{
	const problem_def *d = problem_get(p);
	if (c->problem)
		json_decref(c->problem);
	c->status = d->status;
	c->problem = json_pack("{s:s, s:s, s:i}", "type", d->type, "title", TR(c, d->zh, d->en), "status", d->status);
	if (detail)
		json_object_set_new(c->problem, "detail", json_string(detail));
	return d->status;
}

int ctx_problemf(zj_ctx *c, prob_id p, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ctx_problem(c, p, buf);
}

int ctx_fail_fields(zj_ctx *c, json_t *errors)
{
	char detail[96];
	snprintf(detail, sizeof detail, c->en ? "%zu field(s) invalid" : "%zu 个字段不符合要求",
		 json_array_size(errors));
	ctx_problem(c, PROB_VALIDATION, detail);
	json_object_set_new(c->problem, "errors", errors);
	return 422;
}

int ctx_internal(zj_ctx *c, const char *where, const char *why)
{
	fprintf(stderr, "zhijian: internal failure in %s: %s\n", where, why ? why : "?");
	return ctx_problem(c, PROB_DB_ERROR, why);
}

int ctx_failed(const zj_ctx *c)
{
	return c->status >= 500;
}

unsigned ctx_scope(const zj_ctx *c, const char *perm)
{
	if (!c->user)
		return SCOPE_ALL;
	for (int i = 0; i < c->user->nperms; i++)
		if (!strcmp(c->user->perms[i].name, perm))
			return c->user->perms[i].scope;
	return 0;
}

int ctx_can(const zj_ctx *c, const char *perm)
{
	return ctx_scope(c, perm) != 0;
}

static int test_clock(char out[32])
{
	const char *f = getenv("ZJ_TEST_CLOCK");
	if (!f || !*f)
		return 0;
	FILE *fp = fopen(f, "r");
	if (!fp)
		return 0;
	char buf[40] = {0};
	int ok = fgets(buf, sizeof buf, fp) != NULL;
	fclose(fp);
	buf[strcspn(buf, "\r\n")] = 0;
	if (!ok || strlen(buf) != 20)
		return 0;
	memcpy(out, buf, 21);
	return 1;
}

void clock_now(char out[32])
{
	if (test_clock(out))
		return;
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_local_date(const char *instant, char out[11])
{
	struct tm tm = {0};
	if (!instant || !strptime(instant, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		snprintf(out, 11, "%.10s", instant ? instant : "");
		return;
	}
	time_t t = timegm(&tm) + 8 * 3600; /* China Standard Time, no DST */
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void clock_today(char out[11])
{
	char now[32];
	clock_now(now);
	clock_local_date(now, out);
}
