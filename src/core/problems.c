/* problems.c — the tables of problems.h, built from its X-macros. */
#include "core/problems.h"

#define PROBLEM_DEF_(id, st, slug, zh, en) [PROB_##id] = {st, slug, PROBLEM_BASE slug, zh, en},
const problem_def problem_defs[PROB_COUNT_] = {PROBLEMS(PROBLEM_DEF_)};

#define FIELD_ERR_DEF_(id, code, zh, en) [FE_##id] = {code, zh, en},
const field_err_def field_err_defs[FE_COUNT_] = {FIELD_ERRS(FIELD_ERR_DEF_)};

const problem_def *problem_get(prob_id p)
{
	return (unsigned)p < PROB_COUNT_ ? &problem_defs[p] : &problem_defs[PROB_INTERNAL];
}

const char *fe_name(fe_code f)
{
	return (unsigned)f < FE_COUNT_ ? field_err_defs[f].code : "check";
}
