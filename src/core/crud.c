/* crud.c — generic operations over declared entities (see crud.h).
 * SQL is built only from declared names (never from input) and every value
 * is bound, so input cannot reach the SQL text. */
#include "core/crud.h"
#include "core/deadline_view.h"
#include "core/audit.h"
#include "core/write.h"
#include "core/dict.h"
#include "core/files.h"
#include "core/privacy.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/pii.h"
#include "lib/utf8.h"
#include <ctype.h>
#include <pthread.h>

static int date_valid(const char *s)
{
	date_days d;
	return date_parse(s, &d) == DATE_OK;
}

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The system columns returned with rows: the leading in_row ones of
 * entity_sys_columns (registry.c), in that order, before state and the fields. */
static int nsys_row(void)
{
	int n = 0;
	while (n < entity_nsys_columns && entity_sys_columns[n].in_row)
		n++;
	return n;
}

static const char *reserved_params[] = {"limit",   "cursor", "q",     "sort",  "format", "header",
					"dry_run", "mode",   "codes", "group", NULL};

static int parse_i64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return 0;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p || strlen(p) > 18)
		return 0;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return 0;
	*out = strtoll(s, NULL, 10);
	return 1;
}

/* The one decimal grammar (lib/decimal.c dec_parse): "1." and ".5" are
 * refused everywhere a decimal enters. */
static int is_decimal(const char *s)
{
	dec d;
	return dec_parse(&d, s) == DEC_OK;
}

static int is_datetime(const char *s)
{
	/* YYYY-MM-DDTHH:MM:SSZ */
	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' || s[13] != ':' || s[16] != ':')
		return 0;
	char d[11];
	memcpy(d, s, 10), d[10] = 0;
	if (!date_valid(d))
		return 0;
	int hh = atoi(s + 11), mm = atoi(s + 14), ss = atoi(s + 17);
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && !isdigit((unsigned char)s[i]))
			return 0;
	return hh < 24 && mm < 60 && ss < 60;
}

void crud_field_error(zj_ctx *c, json_t *errors, const char *field, fe_code code, const char *zh, const char *en)
{
	json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", field, "message", TR(c, zh, en), "code",
						fe_name(code)));
}

int64_t crud_id_by_code(db *d, const char *table, const char *code)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE code = ? AND deleted = 0", table);
	const char *p[] = {code};
	return db_query_int(d, sql, 1, p, 0);
}

int64_t crud_row_juris(db *d, const entity_def *e, int64_t id)
{
	if (!e->juris_field || id <= 0)
		return 0;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ? AND deleted = 0", e->juris_field, e->table);
	return db_query_int_ids(d, sql, 1, &id, 0);
}

static int64_t ref_lookup_db(zj_ctx *c, const entity_def *re, const char *text);

/* A writer may only point at what they can read: otherwise a reference is a
 * way to learn that a record exists and, through its label, what it is
 * called (a district officer linking another district's enterprise). The
 * system (CLI, rules) sees everything that is not deleted. */
static int ref_visible(zj_ctx *c, const entity_def *re, int64_t id)
{
	if (c->user) {
		char perm[128];
		snprintf(perm, sizeof perm, "%s.read", re->name);
		return crud_in_scope_perm(c, re, perm, id);
	}
	char sql[160], idt[24];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ? AND deleted = 0", re->table);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {idt};
	return db_query_int(c->db, sql, 1, p, 0) == 1;
}

/* Returns the referenced id for a text cell: an id, or the label, or a code
 * column. An import asks for the same few labels on every row: memoised in
 * a direct-mapped table that lives for one transaction (nothing it holds
 * can have changed inside it but by the import itself, which adds rows). */
enum { REF_MEMO = 64 };
typedef struct ref_memo_entry {
	const entity_def *e;
	const db *d;
	unsigned long tx;
	char text[80];
	int64_t id;
} ref_memo_entry;
static _Thread_local ref_memo_entry ref_memo[REF_MEMO];

static int64_t ref_lookup(zj_ctx *c, const entity_def *re, const char *text)
{
	if (!c->bulk) {
		int64_t id = ref_lookup_db(c, re, text);
		return id > 0 && (!c->user || ref_visible(c, re, id)) ? id : 0;
	}
	size_t n = strlen(text);
	unsigned long h = (unsigned long)(uintptr_t)re;
	for (size_t i = 0; i < n; i++)
		h = h * 31 + (unsigned char)text[i];
	ref_memo_entry *m = &ref_memo[h % REF_MEMO];
	if (m->e == re && m->d == c->db && m->tx == c->db->tx_seq && !strcmp(m->text, text))
		return m->id;
	int64_t id = ref_lookup_db(c, re, text);
	if (id > 0 && c->user && !ref_visible(c, re, id))
		id = 0;
	if (id > 0 && n < sizeof m->text) { /* a miss is not kept: a later row may add it */
		m->e = re, m->d = c->db, m->tx = c->db->tx_seq, m->id = id;
		memcpy(m->text, text, n + 1);
	}
	return id;
}

static int64_t ref_lookup_db(zj_ctx *c, const entity_def *re, const char *text)
{
	int64_t id;
	char sql[256];
	if (parse_i64(text, &id)) {
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE id = ? AND deleted = 0", re->table);
		const char *p[] = {text};
		if (db_query_int(c->db, sql, 1, p, 0) > 0)
			return id;
		if (!entity_field(re, "code"))
			return 0;
	}
	if (re->label_field) {
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ? AND deleted = 0", re->table, re->label_field);
		const char *p[] = {text};
		id = db_query_int(c->db, sql, 1, p, 0);
		if (id > 0)
			return id;
	}
	if (entity_field(re, "code"))
		return crud_id_by_code(c->db, re->table, text);
	return 0;
}

/* "1,234.50" | "¥12" | "-0.5元" → fen, exactly (no binary float); 0 when not an amount with at most two decimals. */
static int parse_yuan(const char *s, int64_t *out)
{
	char buf[64];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ',' || *p == ' ')
			continue;
		if (!strncmp(p, "¥", strlen("¥")) || !strncmp(p, "￥", strlen("￥")) ||
		    !strncmp(p, "元", strlen("元"))) {
			p += strlen(!strncmp(p, "¥", strlen("¥")) ? "¥" : "元") - 1;
			continue;
		}
		if (n + 1 >= sizeof buf)
			return 0;
		buf[n++] = *p;
	}
	buf[n] = 0;
	const char *p = buf;
	int neg = *p == '-';
	if (neg || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	int64_t yuan = 0, cents = 0;
	for (; isdigit((unsigned char)*p); p++) {
		if (yuan > (INT64_MAX / 100 - 9) / 10)
			return 0;
		yuan = yuan * 10 + (*p - '0');
	}
	if (*p == '.') {
		p++;
		int k = 0;
		for (; isdigit((unsigned char)*p) && k < 2; p++, k++)
			cents = cents * 10 + (*p - '0');
		if (k == 0 || isdigit((unsigned char)*p))
			return 0;
		if (k == 1)
			cents *= 10;
	}
	if (*p)
		return 0;
	*out = (neg ? -1 : 1) * (yuan * 100 + cents);
	return 1;
}

/* A cell's list of codes or labels: split on , ， ; ； 、 (whole UTF-8 sequences, never single bytes). */
static void split_list(const char *s, json_t *out)
{
	static const char *seps[] = {",", ";", "，", "；", "、"};
	const char *start = s, *p = s;
	while (1) {
		size_t sl = 0;
		for (size_t k = 0; *p && k < sizeof seps / sizeof *seps; k++)
			if (!strncmp(p, seps[k], strlen(seps[k])))
				sl = strlen(seps[k]);
		if (!*p || sl) {
			const char *a = start, *b = p;
			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > a) {
				char *t = strndup(a, (size_t)(b - a));
				json_array_append_new(out, json_string(t));
				free(t);
			}
			if (!*p)
				break;
			p += sl;
			start = p;
		} else
			p++;
	}
}

json_t *field_coerce(zj_ctx *c, const entity_def *e, const field_def *f, json_t *v, int from_text, fe_code *code,
		     char *msg, size_t msglen)
{
	*code = FE_TYPE;
	if (!v || json_is_null(v))
		return json_null();
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	if (s && !utf8_valid(s)) {
		snprintf(msg, msglen, "%s", TR(c, "不是有效的 UTF-8 文本", "is not valid UTF-8 text"));
		return NULL;
	}
	/* Empty text from a form or a spreadsheet means "no value". */
	if (s) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		if (n == 0)
			return json_null();
		if (n != strlen(s)) {
			char *t = strndup(s, n);
			json_t *tv = json_string(t);
			free(t);
			json_t *r = field_coerce(c, e, f, tv, from_text, code, msg, msglen);
			json_decref(tv);
			return r;
		}
	}
	switch (f->type) {
	case FT_TEXT:
	case FT_SECRET:
		if (s) /* the value itself when it needed no trimming */
			return s == json_string_value(v) ? json_incref(v) : json_string(s);
		if (from_text && json_is_integer(v))
			return json_sprintf("%lld", (long long)json_integer_value(v));
		snprintf(msg, msglen, "%s", TR(c, "应为文本", "must be text"));
		return NULL;
	case FT_INT:
	case FT_MONEY: {
		int64_t n;
		if (json_is_integer(v))
			return json_integer(json_integer_value(v));
		if (s && from_text && f->type == FT_MONEY) {
			/* a sheet's amount is yuan, as exported: "1,234.50" → 123450 fen, exactly */
			if (parse_yuan(s, &n))
				return json_integer(n);
			snprintf(msg, msglen, "%s",
				 TR(c, "应为以元计的金额，最多两位小数，如 1234.50",
				    "must be an amount in yuan with at most two decimals, e.g. 1234.50"));
			return NULL;
		}
		if (s && from_text && parse_i64(s, &n))
			return json_integer(n);
		snprintf(msg, msglen, "%s",
			 f->type == FT_MONEY ? TR(c, "应为以分计的整数金额", "must be an integer amount in fen")
					     : TR(c, "应为整数", "must be an integer"));
		return NULL;
	}
	case FT_DECIMAL:
		if (s && is_decimal(s)) {
			if (strpbrk(s, "eE")) { /* stored as written, without an exponent: "1.5e1" is "15" */
				dec d;
				char plain[DEC_STRMAX];
				dec_parse(&d, s);
				dec_format(&d, plain, sizeof plain);
				return json_string(plain);
			}
			return s == json_string_value(v) ? json_incref(v) : json_string(s);
		}
		if (json_is_integer(v))
			return json_sprintf("%lld", (long long)json_integer_value(v));
		snprintf(msg, msglen, "%s",
			 TR(c, "应为十进制数（文本，如 \"12.50\"）",
			    "must be a decimal number as text, e.g. \"12.50\""));
		return NULL;
	case FT_DATE:
		if (s && date_valid(s))
			return s == json_string_value(v) ? json_incref(v) : json_string(s);
		snprintf(msg, msglen, "%s", TR(c, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"));
		return NULL;
	case FT_DATETIME:
		if (s && is_datetime(s))
			return json_string(s);
		snprintf(msg, msglen, "%s",
			 TR(c, "应为 UTC 时间 YYYY-MM-DDTHH:MM:SSZ", "must be a UTC instant YYYY-MM-DDTHH:MM:SSZ"));
		return NULL;
	case FT_BOOL:
		if (json_is_boolean(v))
			return json_boolean(json_is_true(v));
		if (s && (!strcmp(s, "1") || !strcasecmp(s, "true") || !strcmp(s, "是") ||
			  (from_text && (!strcasecmp(s, "yes") || !strcasecmp(s, "y")))))
			return json_true();
		if (s && (!strcmp(s, "0") || !strcasecmp(s, "false") || !strcmp(s, "否") ||
			  (from_text && (!strcasecmp(s, "no") || !strcasecmp(s, "n")))))
			return json_false();
		snprintf(msg, msglen, "%s", TR(c, "应为 是/否", "must be true or false"));
		return NULL;
	case FT_DICT: {
		*code = FE_DICT;
		json_t *codes = json_array();
		if (f->flags & F_MULTI) {
			if (json_is_array(v)) {
				size_t i;
				json_t *it;
				json_array_foreach (v, i, it) {
					if (!json_is_string(it)) {
						json_decref(codes);
						snprintf(msg, msglen, "%s",
							 TR(c, "应为代码列表", "must be a list of codes"));
						return NULL;
					}
					json_array_append(codes, it);
				}
			} else if (s) {
				split_list(s, codes);
			}
		} else if (s) {
			json_array_append_new(codes, json_string(s));
		}
		if (json_array_size(codes) == 0) {
			json_decref(codes);
			if (s || json_is_array(v))
				return json_null();
			snprintf(msg, msglen, "%s", TR(c, "应为字典代码", "must be a dictionary code"));
			return NULL;
		}
		size_t i;
		json_t *it;
		json_array_foreach (codes, i, it) {
			/* a sheet may carry the label (as exported) instead of the code */
			char *byl = from_text && !dict_has(c, f->dict, json_string_value(it))
					    ? dict_code_by_label(c, f->dict, json_string_value(it))
					    : NULL;
			if (byl) {
				json_array_set_new(codes, i, json_string(byl));
				free(byl);
				it = json_array_get(codes, i);
			}
			if (strchr(json_string_value(it), ',') || !dict_has(c, f->dict, json_string_value(it))) {
				snprintf(msg, msglen,
					 c->en ? "'%s' is not in dictionary %s" : "“%s”不是字典 %s 中的代码",
					 json_string_value(it), f->dict);
				json_decref(codes);
				return NULL;
			}
		}
		if (f->flags & F_MULTI)
			return codes;
		json_t *one = json_incref(json_array_get(codes, 0));
		json_decref(codes);
		return one;
	}
	case FT_REF: {
		*code = FE_REF;
		const entity_def *re = registry_find(f->ref);
		int64_t id = 0;
		if (json_is_integer(v))
			id = json_integer_value(v) > 0 ? json_integer_value(v) : 0;
		else if (s)
			id = from_text ? ref_lookup(c, re, s) : (parse_i64(s, &id) ? id : 0);
		if (id > 0 && (json_is_integer(v) || !from_text) && !ref_visible(c, re, id))
			id = 0;
		if (id > 0)
			return json_integer(id);
		/* the same answer for absent and out of scope: no way to probe */
		snprintf(msg, msglen, c->en ? "no such %s in your data scope" : "所引用的%s不存在或不在您的数据范围内",
			 TR(c, re->label_zh, re->label_en));
		return NULL;
	}
	case FT_FILE:
		*code = FE_FILE;
		if (from_text) { /* a spreadsheet cell cannot carry a file */
			snprintf(msg, msglen, "%s",
				 TR(c, "文件不能通过表格导入，请在记录中上传",
				    "files cannot be imported from a sheet: upload them on the record"));
			return NULL;
		}
		return files_coerce(c, f, v, msg, msglen);
	}
	return NULL;
}

json_t *crud_row_from_body(zj_ctx *c, const entity_def *e, json_t *body, int from_text, json_t *errors)
{
	json_t *row = json_object();
	const char *k;
	json_t *v;
	json_object_foreach (body, k, v) {
		if (!strcmp(k, "version") || !strcmp(k, "id"))
			continue;
		const field_def *f = entity_field(e, k);
		if (!f) {
			const sys_column *sc = entity_sys_column(k);
			if ((sc && sc->in_row) || !strcmp(k, "state") || strstr(k, "__label"))
				continue; /* echoes of system columns from a GET are tolerated */
			crud_field_error(c, errors, k, FE_UNKNOWN, "未知字段", "unknown field");
			continue;
		}
		if (f->flags & F_READONLY) {
			crud_field_error(c, errors, k, FE_READONLY, "该字段由系统维护，不能修改",
					 "is maintained by the system and cannot be set");
			continue;
		}
		fe_code code;
		char msg[256];
		json_t *cv = field_coerce(c, e, f, v, from_text, &code, msg, sizeof msg);
		if (!cv) {
			json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", k, "message", msg, "code",
								fe_name(code)));
			continue;
		}
		json_object_set_new(row, k, cv);
	}
	return row;
}

void crud_validate(zj_ctx *c, const entity_def *e, json_t *row, const json_t *old, int64_t self_id, json_t *errors)
{
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		json_t *v = json_object_get(row, f->name);
		int has_err = 0;
		for (size_t j = 0; j < json_array_size(errors); j++)
			if (!strcmp(json_string_value(json_object_get(json_array_get(errors, j), "field")), f->name))
				has_err = 1;
		if (has_err)
			continue;
		if (!v || json_is_null(v)) {
			if ((f->flags & F_REQUIRED) && !(f->flags & F_READONLY))
				crud_field_error(c, errors, f->name, FE_REQUIRED, "必填", "is required");
			continue;
		}
		char msg[256];
		/* Read-only fields are the system's own derivations (a verdict's
		 * trace), never input: only input is measured against its limits. */
		if (json_is_string(v) && f->type == FT_TEXT && !(f->flags & F_READONLY)) {
			const char *s = json_string_value(v);
			size_t n = utf8_len(s);
			if (f->min_len && n < (size_t)f->min_len) {
				snprintf(msg, sizeof msg, c->en ? "must be at least %d characters" : "至少 %d 个字符",
					 f->min_len);
				json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", f->name, "message",
									msg, "code", fe_name(FE_LENGTH)));
				continue;
			}
			size_t maxl = f->max_len ? (size_t)f->max_len : 2000;
			if (n > maxl) {
				snprintf(msg, sizeof msg, c->en ? "must be at most %zu characters" : "最多 %zu 个字符",
					 maxl);
				json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", f->name, "message",
									msg, "code", fe_name(FE_LENGTH)));
				continue;
			}
			if (f->pattern && regexec(registry_pattern(e, i), s, 0, NULL, 0) != 0) {
				crud_field_error(c, errors, f->name, FE_PATTERN, "格式不正确", "has the wrong format");
				continue;
			}
			if (f->check) {
				const field_msg *m = f->check(s);
				if (m) {
					json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", f->name,
										"message", TR(c, m->zh, m->en), "code",
										fe_name(FE_CHECK)));
					continue;
				}
			}
		}
		if (json_is_integer(v) && (f->type == FT_INT || f->type == FT_MONEY) && f->min < f->max) {
			int64_t n = json_integer_value(v);
			if (n < f->min || n > f->max) {
				snprintf(msg, sizeof msg,
					 c->en ? "must be between %lld and %lld" : "应在 %lld 至 %lld 之间",
					 (long long)f->min, (long long)f->max);
				json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", f->name, "message",
									msg, "code", fe_name(FE_RANGE)));
				continue;
			}
		}
		if ((f->flags & F_UNIQUE) && !c->bulk) {
			char sql[256], idt[24];
			snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE %s = ? AND deleted = 0 AND id <> ?", e->table,
				 f->name);
			snprintf(idt, sizeof idt, "%lld", (long long)self_id);
			char *txt = json_is_string(v) ? strdup(json_string_value(v)) : json_dumps(v, JSON_ENCODE_ANY);
			const char *p[] = {txt, idt};
			if (db_query_int(c->db, sql, 2, p, 0) == 1)
				crud_field_error(c, errors, f->name, FE_UNIQUE, "该值已被其他记录使用",
						 "is already used by another record");
			free(txt);
		}
	}
	if (e->hooks && e->hooks->validate)
		e->hooks->validate(c, row, old, errors);
}

/* ---- reading ---- */

static void build_select_sql(const entity_def *e, strbuf *sql);

/* The SELECT of an entity never changes: built once per entity (under a lock:
 * server threads share the cache). */
void crud_select_sql(const entity_def *e, strbuf *sql)
{
	enum { MAXE = 128 };
	static const entity_def *keys[MAXE];
	static char *texts[MAXE];
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&mu);
	int i;
	for (i = 0; i < MAXE && keys[i]; i++)
		if (keys[i] == e)
			break;
	if (i < MAXE && !keys[i]) {
		strbuf b;
		sb_init(&b);
		build_select_sql(e, &b);
		texts[i] = sb_take(&b);
		keys[i] = e;
	}
	const char *t = i < MAXE ? texts[i] : NULL;
	pthread_mutex_unlock(&mu);
	if (t)
		sb_add(sql, t);
	else
		build_select_sql(e, sql);
}

static void build_select_sql(const entity_def *e, strbuf *sql)
{
	sb_add(sql, "SELECT ");
	for (int i = 0; i < nsys_row(); i++)
		sb_printf(sql, "%st.%s", i ? ", " : "", entity_sys_columns[i].name);
	sb_add(sql, e->workflow ? ", t.state" : ", NULL");
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type != FT_SECRET)
			sb_printf(sql, ", t.%s", e->fields[i].name);
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const entity_def *re = registry_find(e->fields[i].ref);
			sb_printf(sql, ", r%d.%s", i, re->label_field ? re->label_field : "id");
		}
	sb_printf(sql, " FROM %s t", e->table);
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const entity_def *re = registry_find(e->fields[i].ref);
			sb_printf(sql, " LEFT JOIN %s r%d ON r%d.id = t.%s", re->table, i, i, e->fields[i].name);
		}
}

/* The one mask (lib/pii.c): the first 3 and last 4 characters of long
 * values (phones, ID numbers), the first of short ones (names). */
char *mask_value(const char *v)
{
	return pii_mask(v);
}

/* One walk over a row of crud_select_sql: every column goes to an emitter
 * as (name, kind, text, number). The JSON-text writer (the list's hot path)
 * and the JSON-object builder share it, so a row is decoded in one place. */
typedef enum { V_NULL, V_INT, V_BOOL, V_TEXT, V_MULTI, V_JSON } vkind;
typedef void (*row_emit)(void *ud, const char *name, vkind k, const char *text, int64_t n);

static void row_visit(const entity_def *e, db_stmt *s, int mask, row_emit emit, void *ud)
{
	const int nsys = nsys_row();
	for (int i = 0; i < nsys; i++) {
		const sys_column *sc = &entity_sys_columns[i];
		if (db_col_null(s, i))
			emit(ud, sc->name, V_NULL, NULL, 0);
		else if (sc->type == FT_DATETIME)
			emit(ud, sc->name, V_TEXT, db_col_text(s, i), 0);
		else
			emit(ud, sc->name, V_INT, NULL, db_col_int(s, i));
	}
	if (e->workflow) {
		const char *t = db_col_text(s, nsys);
		emit(ud, "state", t ? V_TEXT : V_NULL, t, 0);
	}
	int col = nsys + 1;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (f->type == FT_SECRET)
			continue;
		/* numbers are read as numbers: asking for text would convert them first */
		if (db_col_null(s, col))
			emit(ud, f->name, V_NULL, NULL, 0);
		else if (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF)
			emit(ud, f->name, V_INT, NULL, db_col_int(s, col));
		else if (f->type == FT_BOOL)
			emit(ud, f->name, V_BOOL, NULL, db_col_int(s, col));
		else if (f->type == FT_DICT && (f->flags & F_MULTI))
			emit(ud, f->name, V_MULTI, db_col_text(s, col), 0);
		else if (f->type == FT_FILE)
			emit(ud, f->name, V_JSON, db_col_text(s, col), 0);
		else if ((f->flags & F_PERSONAL) && mask) {
			char *m = mask_value(db_col_text(s, col));
			emit(ud, f->name, V_TEXT, m, 0);
			free(m);
		} else
			emit(ud, f->name, V_TEXT, db_col_text(s, col), 0);
		col++;
	}
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const char *t = db_col_text(s, col++);
			char key[96];
			snprintf(key, sizeof key, "%s__label", e->fields[i].name);
			emit(ud, key, t ? V_TEXT : V_NULL, t, 0);
		}
}

typedef struct text_emit {
	strbuf *b;
	int n;
} text_emit;

static void emit_text(void *ud, const char *name, vkind k, const char *text, int64_t n)
{
	text_emit *te = ud;
	strbuf *b = te->b;
	sb_add(b, te->n++ ? ",\"" : "\"");
	sb_add(b, name);
	sb_add(b, "\":");
	switch (k) {
	case V_NULL: sb_add(b, "null"); break;
	case V_INT: sb_add_int(b, n); break;
	case V_BOOL: sb_add(b, n ? "true" : "false"); break;
	case V_TEXT: sb_json_str(b, text); break;
	case V_JSON: { /* a file reference: re-encoded, so a damaged column cannot break the page */
		json_t *j = json_loads(text, 0, NULL);
		char *t = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		sb_add(b, t ? t : "null");
		free(t);
		json_decref(j);
		break;
	}
	case V_MULTI: {
		sb_addc(b, '[');
		const char *p = text;
		int first = 1;
		while (*p) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len) {
				char *one = strndup(p, len);
				if (!first)
					sb_addc(b, ',');
				sb_json_str(b, one);
				free(one);
				first = 0;
			}
			p += len + (q ? 1 : 0);
		}
		sb_addc(b, ']');
		break;
	}
	}
}

static void emit_json(void *ud, const char *name, vkind k, const char *text, int64_t n)
{
	json_t *o = ud, *v = NULL;
	switch (k) {
	case V_NULL: v = json_null(); break;
	case V_INT: v = json_integer(n); break;
	case V_BOOL: v = json_boolean(n); break;
	case V_TEXT: v = json_string(text); break;
	case V_JSON: v = json_loads(text, 0, NULL); break;
	case V_MULTI: {
		v = json_array();
		char *dup = strdup(text), *save = NULL;
		for (char *tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			json_array_append_new(v, json_string(tok));
		free(dup);
		break;
	}
	}
	json_object_set_new(o, name, v ? v : json_null());
}

/* Writes one row as JSON text straight from the statement: the list's hot
 * loop, so no intermediate JSON objects are built. */
void crud_row_write(const entity_def *e, db_stmt *s, int mask, strbuf *b)
{
	text_emit te = {b, 0};
	sb_addc(b, '{');
	row_visit(e, s, mask, emit_text, &te);
	sb_addc(b, '}');
}

json_t *crud_row_json(const entity_def *e, db_stmt *s, int mask)
{
	json_t *r = json_object();
	row_visit(e, s, mask, emit_json, r);
	return r;
}

/* Column of field f in the crud_select_sql statement. */
static int select_col(const entity_def *e, const field_def *f)
{
	int col = nsys_row() + 1;
	for (int i = 0; i < e->nfields; i++) {
		if (&e->fields[i] == f)
			return col;
		if (e->fields[i].type != FT_SECRET)
			col++;
	}
	return -1;
}

/* One JSON value to one parameter: integers and booleans as integers, a
 * list of codes comma-joined (how multi-code fields are stored), null as NULL. */
void crud_bind_json(db_stmt *s, int idx, json_t *v)
{
	if (!v || json_is_null(v))
		db_bind_text(s, idx, NULL);
	else if (json_is_integer(v))
		db_bind_int(s, idx, json_integer_value(v));
	else if (json_is_boolean(v))
		db_bind_int(s, idx, json_is_true(v));
	else if (json_is_array(v)) {
		strbuf b;
		sb_init(&b);
		size_t i;
		json_t *it;
		json_array_foreach (v, i, it) {
			if (i)
				sb_addc(&b, ',');
			sb_add(&b, json_string_value(it) ? json_string_value(it) : "");
		}
		db_bind_text(s, idx, b.s ? b.s : "");
		sb_free(&b);
	} else if (json_is_object(v)) { /* a file reference, stored as JSON text */
		char *t = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
		db_bind_text(s, idx, t);
		free(t);
	} else
		db_bind_text(s, idx, json_string_value(v));
}

void crud_bind_params(db_stmt *s, json_t *params, int start)
{
	size_t i;
	json_t *v;
	json_array_foreach (params, i, v)
		crud_bind_json(s, (int)i + start, v);
}

void crud_scope_sql(zj_ctx *c, const entity_def *e, unsigned scope, strbuf *sql, json_t *params)
{
	if (!c->user || (scope & SCOPE_ALL))
		return;
	sb_add(sql, " AND (1=0");
	if (scope & SCOPE_JURIS) {
		char path[300];
		snprintf(path, sizeof path, "%s%%", c->user->juris_path);
		if (e->juris_field)
			sb_printf(sql, " OR t.%s IN (SELECT id FROM jurisdictions WHERE path LIKE ?)", e->juris_field);
		else
			sb_add(sql,
			       " OR t.owner_unit_id IN (SELECT u.id FROM units u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE j.path LIKE ?)");
		json_array_append_new(params, json_string(path));
	}
	if (scope & SCOPE_UNIT) {
		sb_add(sql, " OR t.owner_unit_id = ?");
		json_array_append_new(params, json_integer(c->user->unit_id));
	}
	if (scope & SCOPE_OWN) {
		sb_add(sql, " OR t.created_by = ?");
		json_array_append_new(params, json_integer(c->user->id));
	}
	if ((scope & SCOPE_ASSIGNED) && e->hooks && e->hooks->assigned_sql) {
		sb_add(sql, " OR (");
		e->hooks->assigned_sql(c, sql, params);
		sb_add(sql, ")");
	}
	sb_add(sql, ")");
}

static unsigned op_scope(zj_ctx *c, const entity_def *e, const char *op)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return ctx_scope(c, perm);
}

/* Lists: unmasked only when every readable row lies in the personal-data scope. */
static int can_unmask(zj_ctx *c, const entity_def *e)
{
	unsigned p = op_scope(c, e, "personal"), rd = op_scope(c, e, "read");
	return p && ((p & SCOPE_ALL) || !c->user || (rd & ~p) == 0);
}

static int has_personal(const entity_def *e)
{
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & F_PERSONAL)
			return 1;
	return 0;
}

json_t *crud_load(zj_ctx *c, const entity_def *e, int64_t id)
{
	strbuf sql;
	sb_init(&sql);
	crud_select_sql(e, &sql);
	sb_add(&sql, " WHERE t.id = ? AND t.deleted = 0");
	db_stmt *s;
	json_t *r = NULL;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		db_bind_int(s, 1, id);
		if (db_step(s) == DB_ROW)
			r = crud_row_json(e, s, 0);
		db_finalize(s);
	}
	sb_free(&sql);
	return r;
}

int crud_in_scope_perm(zj_ctx *c, const entity_def *e, const char *perm, int64_t id)
{
	unsigned sc = ctx_scope(c, perm);
	if (!sc)
		return 0;
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "SELECT 1 FROM %s t WHERE t.id = ? AND t.deleted = 0", e->table);
	json_t *params = json_array();
	json_array_append_new(params, json_integer(id));
	crud_scope_sql(c, e, sc, &sql, params);
	db_stmt *s;
	int ok = 0;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		ok = db_step(s) == DB_ROW;
		db_finalize(s);
	}
	json_decref(params);
	sb_free(&sql);
	return ok;
}

int crud_in_scope(zj_ctx *c, const entity_def *e, const char *op, int64_t id)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return crud_in_scope_perm(c, e, perm, id);
}

int crud_check_access(zj_ctx *c, const entity_def *e, const char *perm, int64_t id)
{
	unsigned sc = ctx_scope(c, perm);
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有此操作的权限", "You do not have permission for this operation"));
	char sql[160], idt[24];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ? AND deleted = 0", e->table);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {idt};
	if (db_query_int(c->db, sql, 1, p, 0) != 1)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	if (c->user && !(sc & SCOPE_ALL) && !crud_in_scope_perm(c, e, perm, id))
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "该记录不在您的管辖或数据范围内",
				      "This record is outside your jurisdiction or data scope"));
	return 0;
}

/* 404 when absent, 403 when outside the user's permission or scope. */
static int check_access(zj_ctx *c, const entity_def *e, const char *op, int64_t id)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return crud_check_access(c, e, perm, id);
}

/* ---- list ---- */

static int is_reserved(const char *k)
{
	for (int i = 0; reserved_params[i]; i++)
		if (!strcmp(reserved_params[i], k))
			return 1;
	return 0;
}

void list_query_free(list_query *lq)
{
	sb_free(&lq->where);
	json_decref(lq->params);
}

static int bad_param(zj_ctx *c, const char *name, const char *zh, const char *en)
{
	ctx_problemf(c, PROB_BAD_QUERY, "%s: %s", name, TR(c, zh, en));
	json_object_set_new(c->problem, "errors",
			    json_pack("[{s:s, s:s, s:s}]", "field", name, "message", TR(c, zh, en), "code",
				      fe_name(FE_QUERY)));
	return 400;
}

int crud_parse_query(zj_ctx *c, const entity_def *e, const kv_list *q, list_query *lq)
{
	sb_init(&lq->where);
	lq->params = json_array();
	lq->sort = NULL;
	lq->desc = 1;
	lq->limit = CRUD_DEFAULT_LIMIT;
	lq->cursor = NULL;
	const char *sort = e->default_sort ? e->default_sort : "-id";
	for (int i = 0; i < q->n; i++) {
		const char *k = q->items[i].k, *v = q->items[i].v ? q->items[i].v : "";
		if (!strcmp(k, "limit")) {
			int64_t n;
			if (!parse_i64(v, &n) || n < 1 || n > CRUD_MAX_LIMIT)
				return bad_param(c, k, "应为 1 至 500 的整数", "must be an integer from 1 to 500");
			lq->limit = (int)n;
		} else if (!strcmp(k, "cursor")) {
			lq->cursor = v;
		} else if (!strcmp(k, "sort")) {
			sort = v;
		} else if (!strcmp(k, "q")) {
			if (!*v)
				continue;
			if (!utf8_valid(v) || strlen(v) > 200)
				return bad_param(c, k, "搜索词无效或过长", "search text is invalid or too long");
			char *like = like_contains(v);
			int any = 0;
			for (int j = 0; j < e->nfields; j++)
				if (e->fields[j].flags & F_SEARCH) {
					sb_add(&lq->where, any ? " OR " : " AND (");
					sb_printf(&lq->where, "t.%s LIKE ? ESCAPE '\\'", e->fields[j].name);
					json_array_append_new(lq->params, json_string(like));
					any = 1;
				}
			if (any)
				sb_add(&lq->where, ")");
			free(like);
		} else if (is_reserved(k)) {
			continue;
		} else {
			char name[96];
			const char *dot = strchr(k, '.');
			int range = 0; /* 1 from, 2 to */
			if (dot && (!strcmp(dot, ".from") || !strcmp(dot, ".to"))) {
				range = dot[1] == 'f' ? 1 : 2;
				snprintf(name, sizeof name, "%.*s", (int)(dot - k), k);
			} else
				snprintf(name, sizeof name, "%s", k);
			if (!strcmp(name, "overdue") && !range && !entity_field(e, name)) { /* the 已逾期 tab */
				if (strcmp(v, "true") && strcmp(v, "false"))
					return bad_param(c, k, "应为 true 或 false", "must be true or false");
				if (!strcmp(v, "true"))
					deadline_view_overdue_sql(c, e, &lq->where, lq->params);
				continue;
			}
			if (!strcmp(name, "state") && e->workflow && !range) {
				sb_add(&lq->where, " AND t.state = ?");
				json_array_append_new(lq->params, json_string(v));
				continue;
			}
			const field_def *f = entity_field(e, name);
			if (!f || !(f->flags & F_FILTER))
				return bad_param(c, k, "不是可筛选的字段", "is not a filterable field");
			if (range) {
				if (f->type != FT_DATE && f->type != FT_DATETIME && f->type != FT_INT &&
				    f->type != FT_MONEY)
					return bad_param(c, k, "该字段不支持范围筛选",
							 "this field has no range filter");
			}
			if (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF) {
				int64_t n;
				if (!parse_i64(v, &n))
					return bad_param(c, k, "应为整数", "must be an integer");
				if (range) {
					sb_printf(&lq->where, " AND t.%s %s ?", name, range == 1 ? ">=" : "<=");
					json_array_append_new(lq->params, json_integer(n));
					continue;
				}
				/* repeated keys make a set: all of them go into one IN at the first */
				int first = 1;
				for (int j = 0; j < i; j++)
					if (!strcmp(q->items[j].k, k))
						first = 0;
				if (!first)
					continue;
				sb_printf(&lq->where, " AND t.%s IN (", name);
				int nv = 0;
				for (int j = i; j < q->n; j++) {
					if (strcmp(q->items[j].k, k))
						continue;
					if (!parse_i64(q->items[j].v ? q->items[j].v : "", &n))
						return bad_param(c, k, "应为整数", "must be an integer");
					sb_add(&lq->where, nv++ ? ", ?" : "?");
					json_array_append_new(lq->params, json_integer(n));
				}
				sb_add(&lq->where, ")");
				continue;
			}
			if (f->type == FT_DATE && !date_valid(v))
				return bad_param(c, k, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
			if (range) {
				sb_printf(&lq->where, " AND t.%s %s ?", name, range == 1 ? ">=" : "<=");
				/* a date bound on an instant column covers the whole day */
				if (f->type == FT_DATETIME && range == 2 && strlen(v) == 10) {
					char b[32];
					snprintf(b, sizeof b, "%sT23:59:59Z", v);
					json_array_append_new(lq->params, json_string(b));
				} else
					json_array_append_new(lq->params, json_string(v));
				continue;
			}
			if (!utf8_valid(v))
				return bad_param(c, k, "不是有效的 UTF-8 文本", "is not valid UTF-8");
			if (f->type == FT_BOOL) {
				sb_printf(&lq->where, " AND t.%s = ?", name);
				json_array_append_new(lq->params, json_integer(!strcmp(v, "1") || !strcmp(v, "true")));
				continue;
			}
			/* Repeated keys make a set: collect every value of this key now. */
			int first = 1;
			for (int j = 0; j < i; j++)
				if (!strcmp(q->items[j].k, k))
					first = 0;
			if (!first)
				continue;
			sb_add(&lq->where, " AND (");
			int nv = 0;
			for (int j = i; j < q->n; j++) {
				if (strcmp(q->items[j].k, k))
					continue;
				const char *vv = q->items[j].v ? q->items[j].v : "";
				if (nv++)
					sb_add(&lq->where, " OR ");
				if (f->type == FT_DICT && (f->flags & F_MULTI)) {
					sb_printf(&lq->where, "(',' || t.%s || ',') LIKE ? ESCAPE '\\'", name);
					char *pat = like_clist_item(vv);
					json_array_append_new(lq->params, json_string(pat));
					free(pat);
				} else {
					sb_printf(&lq->where, "t.%s = ?", name);
					json_array_append_new(lq->params, json_string(vv));
				}
			}
			sb_add(&lq->where, ")");
		}
	}
	/* sort */
	lq->desc = sort[0] == '-';
	const char *sname = sort + (sort[0] == '-' || sort[0] == '+');
	if (strcmp(sname, "id")) {
		const field_def *f = entity_field(e, sname);
		if (!f || !(f->flags & F_SORT))
			return bad_param(c, "sort", "不是可排序的字段", "is not a sortable field");
		lq->sort = f;
	}
	return 0;
}

static char *make_cursor(json_t *row, const field_def *sort)
{
	json_t *a =
		json_pack("[O, O]", sort ? json_object_get(row, sort->name) : json_null(), json_object_get(row, "id"));
	char *txt = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(a);
	size_t n = strlen(txt);
	size_t outlen = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = malloc(outlen);
	sodium_bin2base64(out, outlen, (unsigned char *)txt, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	free(txt);
	return out;
}

static json_t *parse_cursor(const char *cur)
{
	size_t n = strlen(cur);
	if (n > 2000)
		return NULL;
	unsigned char *bin = malloc(n + 1);
	size_t binlen = 0;
	json_t *a = NULL;
	if (sodium_base642bin(bin, n, cur, n, NULL, &binlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0) {
		a = json_loadb((char *)bin, binlen, JSON_DECODE_ANY, NULL);
		if (a && (!json_is_array(a) || json_array_size(a) != 2 || !json_is_integer(json_array_get(a, 1)))) {
			json_decref(a);
			a = NULL;
		}
	}
	free(bin);
	return a;
}

/* Appends keyset condition and ORDER BY; returns 400 on a bad cursor. */
static int keyset_sql(zj_ctx *c, list_query *lq, strbuf *sql, json_t *params)
{
	const char *op = lq->desc ? "<" : ">", *dir = lq->desc ? "DESC" : "ASC";
	if (lq->cursor && *lq->cursor) {
		json_t *a = parse_cursor(lq->cursor);
		if (!a)
			return bad_param(c, "cursor", "分页游标无效", "is not a valid page cursor");
		json_t *sv = json_array_get(a, 0), *idv = json_array_get(a, 1);
		if (lq->sort) {
			json_t *svs = json_is_string(sv)    ? json_incref(sv)
				      : json_is_integer(sv) ? json_incref(sv)
							    : NULL;
			if (!svs) {
				json_decref(a);
				return bad_param(c, "cursor", "分页游标无效", "is not a valid page cursor");
			}
			sb_printf(sql, " AND (t.%s %s ? OR (t.%s = ? AND t.id %s ?))", lq->sort->name, op,
				  lq->sort->name, op);
			json_array_append(params, svs);
			json_array_append_new(params, svs);
		} else
			sb_printf(sql, " AND t.id %s ?", op);
		json_array_append(params, idv);
		json_decref(a);
	}
	if (lq->sort)
		sb_printf(sql, " ORDER BY t.%s %s, t.id %s", lq->sort->name, dir, dir);
	else
		sb_printf(sql, " ORDER BY t.id %s", dir);
	return 0;
}

int crud_list_raw(zj_ctx *c, const entity_def *e, const kv_list *q, strbuf *out)
{
	unsigned sc = op_scope(c, e, "read");
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有查看此类记录的权限", "You may not read these records"));
	list_query lq;
	int rc = crud_parse_query(c, e, q, &lq);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	strbuf sql;
	sb_init(&sql);
	crud_select_sql(e, &sql);
	sb_add(&sql, " WHERE t.deleted = 0");
	sb_add(&sql, lq.where.s ? lq.where.s : "");
	json_t *params = json_deep_copy(lq.params);
	crud_scope_sql(c, e, sc, &sql, params);
	rc = keyset_sql(c, &lq, &sql, params);
	if (rc) {
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		return rc;
	}
	sb_printf(&sql, " LIMIT %d", lq.limit + 1);
	db_stmt *s;
	if (db_prepare(c->db, sql.s, &s) != DB_OK) {
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	crud_bind_params(s, params, 1);
	int mask = !can_unmask(c, e);
	int n = 0, more = 0;
	int sort_col = lq.sort ? select_col(e, lq.sort) : -1;
	json_t *last_key = NULL;
	int64_t last_id = 0;
	/* the page's ids, for its deadlines; without them the page goes out without countdowns */
	int64_t *page_ids = malloc(sizeof *page_ids * (size_t)lq.limit); /* style: ok */
	sb_reserve(out, (size_t)lq.limit * 600);                         /* a typical row is a few hundred bytes */
	sb_add(out, "{\"items\":[");
	while ((rc = db_step(s)) == DB_ROW) {
		if (n == lq.limit) {
			more = 1;
			break;
		}
		if (n)
			sb_addc(out, ',');
		crud_row_write(e, s, mask, out);
		last_id = db_col_int(s, 0);
		if (page_ids)
			page_ids[n] = last_id;
		if (sort_col >= 0) {
			if (last_key)
				json_decref(last_key);
			const char *t = db_col_text(s, sort_col);
			int num = lq.sort->type == FT_INT || lq.sort->type == FT_MONEY || lq.sort->type == FT_REF;
			last_key = !t ? json_null() : num ? json_integer(db_col_int(s, sort_col)) : json_string(t);
		}
		n++;
	}
	if (rc != DB_ROW && rc != DB_DONE) { /* a step failed mid-list: never answer a partial page */
		char why[512];
		snprintf(why, sizeof why, "%s", db_errmsg(c->db));
		db_finalize(s);
		if (last_key)
			json_decref(last_key);
		free(page_ids);
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		sb_free(out);
		sb_init(out);
		return ctx_internal(c, e->name, why);
	}
	db_finalize(s);
	sb_add(out, "],\"next\":");
	if (more) {
		json_t *row = json_pack("{s:I}", "id", (json_int_t)last_id);
		if (lq.sort)
			json_object_set(row, lq.sort->name, last_key);
		char *cur = make_cursor(row, lq.sort);
		sb_json_str(out, cur);
		free(cur);
		json_decref(row);
	} else
		sb_add(out, "null");
	if (page_ids)
		deadline_view_page(c, e, page_ids, n, out);
	free(page_ids);
	sb_addc(out, '}');
	if (last_key)
		json_decref(last_key);
	json_decref(params), sb_free(&sql), list_query_free(&lq);
	if (!mask && has_personal(e) && n > 0) {
		json_t *a = json_pack("{s:s, s:i}", "list", "unmasked", "rows", n);
		audit_append(c, "read_personal", e->name, 0, NULL, a);
		json_decref(a);
	}
	return 200;
}

int crud_list(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out)
{
	strbuf b;
	sb_init(&b);
	int rc = crud_list_raw(c, e, q, &b);
	if (rc == 200)
		*out = json_loadb(b.s, b.len, 0, NULL);
	sb_free(&b);
	return rc;
}

static const char *query_get(const kv_list *q, const char *k)
{
	for (int i = 0; i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v ? q->items[i].v : "";
	return NULL;
}

/* The list's tabs (issue 14 §1): the rows of the same filters and scope
 * counted per workflow state, and those with an open deadline past due. */
static int count_states(zj_ctx *c, const entity_def *e, unsigned sc, const kv_list *q, json_t *out)
{
	list_query lq;
	int rc = crud_parse_query(c, e, q, &lq);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	json_t *states = json_object();
	int64_t overdue = 0;
	for (int pass = e->workflow ? 0 : 1; pass < 2 && !rc; pass++) {
		strbuf sql;
		sb_init(&sql);
		sb_printf(&sql, "SELECT %s, COUNT(*) FROM %s t WHERE t.deleted = 0", pass ? "''" : "t.state", e->table);
		sb_add(&sql, lq.where.s ? lq.where.s : "");
		json_t *params = json_deep_copy(lq.params);
		if (pass)
			deadline_view_overdue_sql(c, e, &sql, params);
		crud_scope_sql(c, e, sc, &sql, params);
		if (!pass)
			sb_add(&sql, " GROUP BY t.state");
		db_stmt *s;
		if (db_prepare(c->db, sql.s, &s) == DB_OK) {
			crud_bind_params(s, params, 1);
			while (db_step(s) == DB_ROW) {
				if (pass)
					overdue = db_col_int(s, 1);
				else if (db_col_text(s, 0))
					json_object_set_new(states, db_col_text(s, 0), json_integer(db_col_int(s, 1)));
			}
			db_finalize(s);
		} else
			rc = ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
		json_decref(params), sb_free(&sql);
	}
	list_query_free(&lq);
	if (rc)
		return json_decref(states), rc;
	json_object_set_new(out, "states", states);
	json_object_set_new(out, "overdue", json_integer(overdue));
	return 0;
}

int crud_count(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out)
{
	unsigned sc = op_scope(c, e, "read");
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN, NULL);
	list_query lq;
	int rc = crud_parse_query(c, e, q, &lq);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "SELECT COUNT(*) FROM %s t WHERE t.deleted = 0", e->table);
	sb_add(&sql, lq.where.s ? lq.where.s : "");
	json_t *params = json_deep_copy(lq.params);
	crud_scope_sql(c, e, sc, &sql, params);
	db_stmt *s;
	int64_t n = -1;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		if (db_step(s) == DB_ROW)
			n = db_col_int(s, 0);
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql), list_query_free(&lq);
	if (n < 0)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	*out = json_pack("{s:I}", "count", (json_int_t)n);
	const char *group = query_get(q, "group");
	if (group && strcmp(group, "state"))
		return json_decref(*out), *out = NULL,
					  bad_param(c, "group", "只能按状态分组（state）", "can only group by state");
	if (group && (rc = count_states(c, e, sc, q, *out)))
		return json_decref(*out), *out = NULL, rc;
	return 200;
}

int crud_get(zj_ctx *c, const entity_def *e, int64_t id, json_t **out)
{
	int rc = check_access(c, e, "read", id);
	if (rc)
		return rc;
	json_t *r = crud_load(c, e, id);
	if (!r)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int unmask = privacy_can_see(c, e, id), any = 0;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		json_t *v = json_object_get(r, f->name);
		if (!(f->flags & F_PERSONAL) || !json_is_string(v))
			continue;
		any = 1;
		if (!unmask) {
			char *m = mask_value(json_string_value(v));
			json_object_set_new(r, f->name, json_string(m));
			free(m);
		}
	}
	if (unmask && any)
		audit_append(c, "read_personal", e->name, id, NULL, NULL);
	*out = r;
	return 200;
}

/* ---- writing ---- */


int crud_insert(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id)
{
	/* One pass over the fields: an import inserts every row through here. */
	json_t *vals[e->nfields > 0 ? e->nfields : 1];
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "INSERT INTO ");
	sb_add(&sql, e->table);
	sb_add(&sql, " (version, created_at, updated_at, created_by, owner_unit_id, deleted");
	if (e->workflow)
		sb_add(&sql, ", state");
	int present = 0;
	for (int i = 0; i < e->nfields; i++) {
		vals[i] = json_object_get(row, e->fields[i].name);
		if (vals[i]) { /* absent: the column's DEFAULT applies */
			sb_add(&sql, ", ");
			sb_add(&sql, e->fields[i].name);
			present++;
		}
	}
	sb_add(&sql, ") VALUES (1, ?, ?, ?, ?, 0");
	if (e->workflow)
		sb_add(&sql, ", ?");
	for (int i = 0; i < present; i++)
		sb_addn(&sql, ", ?", 3);
	/* In an import a duplicate must not abort the transaction (PostgreSQL
	 * would), so it is skipped and reported as a constraint failure. */
	sb_add(&sql, c->bulk ? ") ON CONFLICT DO NOTHING RETURNING id" : ") RETURNING id");
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	sb_free(&sql);
	if (rc != DB_OK)
		return rc;
	int k = 1;
	db_bind_text(s, k++, c->now);
	db_bind_text(s, k++, c->now);
	if (c->user)
		db_bind_int(s, k++, c->user->id), db_bind_int(s, k++, c->user->unit_id);
	else
		db_bind_text(s, k++, NULL), db_bind_text(s, k++, NULL);
	if (e->workflow)
		db_bind_text(s, k++, workflow_initial(e->workflow));
	for (int i = 0; i < e->nfields; i++) {
		if (!vals[i])
			continue;
		if (json_is_string(vals[i])) /* the row holds the text until the statement is done */
			db_bind_text_ref(s, k++, json_string_value(vals[i]));
		else
			crud_bind_json(s, k++, vals[i]);
	}
	rc = db_step(s);
	if (rc == DB_ROW) {
		*id = db_col_int(s, 0);
		rc = DB_OK;
		while (db_step(s) == DB_ROW)
			;
	} else if (rc == DB_DONE && c->bulk)
		rc = DB_CONSTRAINT;
	db_finalize(s);
	return rc;
}

int crud_row_in_scope(zj_ctx *c, const entity_def *e, unsigned sc, json_t *row)
{
	if (!c->user || (sc & SCOPE_ALL) || (sc & (SCOPE_UNIT | SCOPE_OWN)))
		return 1;
	if (!e->juris_field)
		return 1;
	json_t *j = json_object_get(row, e->juris_field);
	if (!json_is_integer(j))
		return 0;
	char idt[24], path[300];
	snprintf(idt, sizeof idt, "%lld", (long long)json_integer_value(j));
	snprintf(path, sizeof path, "%s%%", c->user->juris_path);
	const char *p[] = {idt, path};
	return db_query_int(c->db, "SELECT 1 FROM jurisdictions WHERE id = ? AND path LIKE ?", 2, p, 0) == 1;
}

static int db_failure(zj_ctx *c, int rc)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s", db_errmsg(c->db)); /* before the rollback resets it ("not an error") */
	db_rollback(c->db);
	if (rc == DB_CONSTRAINT) {
		ctx_problem(c, PROB_CONFLICT, msg);
		json_object_set_new(c->problem, "rule",
				    json_string(TR(c, "数据唯一性与引用完整性约束",
						   "uniqueness and referential integrity")));
		return 409;
	}
	return ctx_problem(c, PROB_DB_ERROR, msg);
}

int crud_create(zj_ctx *c, const entity_def *e, json_t *body, json_t **out)
{
	unsigned sc = op_scope(c, e, "create");
	if (!sc || e->no_create)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有新建此类记录的权限", "You may not create these records"));
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	json_t *errors = json_array();
	json_t *row = crud_row_from_body(c, e, body, 0, errors);
	if (db_begin(c->db) != DB_OK) {
		json_decref(row), json_decref(errors);
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	}
	if (e->hooks && e->hooks->prepare)
		e->hooks->prepare(c, row, NULL);
	crud_validate(c, e, row, NULL, 0, errors);
	if (json_array_size(errors)) {
		db_rollback(c->db);
		json_decref(row);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	if (!crud_row_in_scope(c, e, sc, row)) {
		db_rollback(c->db);
		json_decref(row);
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "不能在您的管辖范围之外新建记录",
				      "You cannot create records outside your jurisdiction"));
	}
	int64_t id = 0;
	int rc = crud_insert(c, e, row, &id);
	if (rc == DB_OK && e->hooks && e->hooks->after_write && e->hooks->after_write(c, id, row, NULL))
		rc = c->status ? CTX_REFUSED : DB_ERR;
	if (rc == DB_OK)
		rc = privacy_audit(c, "create", e, id, NULL, row);
	json_decref(row);
	if (rc == CTX_REFUSED) {
		db_rollback(c->db);
		return c->status;
	}
	if (rc != DB_OK)
		return db_failure(c, rc);
	if (db_commit(c->db) != DB_OK)
		return db_failure(c, DB_ERR);
	*out = crud_load(c, e, id);
	return 201;
}

/* A record in a final state of its workflow (a closed case, a refused
 * complaint, a withdrawn announcement) is changed only by a declared step:
 * an edit would rewrite what was decided. 422 naming `state` (code
 * "closed"), the problem set. */
static int final_state(zj_ctx *c, const entity_def *e, const json_t *row)
{
	const char *st = e->workflow ? json_string_value(json_object_get(row, "state")) : NULL;
	if (!st || !workflow_is_final(e->workflow, st))
		return 0;
	char zh[200], en[200];
	snprintf(zh, sizeof zh, "“%s”为终结状态，已办结，不能修改；只能通过流程步骤变更",
		 workflow_state_label(e->workflow, st, 0));
	snprintf(en, sizeof en, "'%s' is a final state: the record is closed and only a workflow step may change it",
		 workflow_state_label(e->workflow, st, 1));
	json_t *errors = json_array();
	crud_field_error(c, errors, "state", FE_CLOSED, zh, en);
	ctx_fail_fields(c, errors);
	return 1;
}

/* Fields that differ between old and new: {"f":[old,new]}. */
static json_t *diff_rows(const entity_def *e, const json_t *old, const json_t *neu)
{
	json_t *d = json_object();
	for (int i = 0; i < e->nfields; i++) {
		const char *n = e->fields[i].name;
		json_t *a = json_object_get(old, n), *b = json_object_get(neu, n);
		if (!a)
			a = json_null();
		if (!b)
			b = json_null();
		if (!json_equal(a, b)) {
			if (e->fields[i].type == FT_SECRET)
				json_object_set_new(d, n, json_pack("[s,s]", "***", "***"));
			else
				json_object_set_new(d, n, json_pack("[O,O]", a, b));
		}
	}
	return d;
}

/* Runs an UPDATE ... WHERE version = ? RETURNING ...: *hit is whether a row
 * matched (a stale version matches none). Finalizes the statement. */
static int step_returning(db_stmt *s, int *hit)
{
	int rc = db_step(s);
	*hit = rc == DB_ROW;
	while (rc == DB_ROW)
		rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int crud_update(zj_ctx *c, const entity_def *e, int64_t id, int64_t version, json_t *body, json_t **out)
{
	if (e->no_update)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "此类记录不能修改", "These records cannot be modified"));
	int rc = check_access(c, e, "update", id);
	if (rc)
		return rc;
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	if (version < 0)
		return ctx_problem(c, PROB_VERSION_REQUIRED,
				   TR(c, "修改需要 If-Match 头或请求体中的 version",
				      "Send If-Match or a version in the body"));
	json_t *errors = json_array();
	json_t *changes = crud_row_from_body(c, e, body, 0, errors);
	if (db_begin(c->db) != DB_OK) {
		json_decref(changes), json_decref(errors);
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	}
	json_t *old = crud_load(c, e, id);
	if (!old) {
		db_rollback(c->db), json_decref(changes), json_decref(errors);
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	}
	if (final_state(c, e, old)) {
		db_rollback(c->db), json_decref(changes), json_decref(errors), json_decref(old);
		return c->status;
	}
	if (json_integer_value(json_object_get(old, "version")) != version) {
		db_rollback(c->db), json_decref(changes), json_decref(errors);
		ctx_problem(c, PROB_STALE_VERSION,
			    TR(c, "请重新加载后再修改", "Reload the record and apply your change again"));
		json_object_set_new(c->problem, "current", old);
		return 412;
	}
	json_t *row = json_deep_copy(old);
	/* A form loaded by someone who sees personal values masked sends the mask
	 * back: that is "unchanged"; any other value is refused, since they cannot
	 * see what they would overwrite. */
	unsigned psc = op_scope(c, e, "personal");
	if (c->user && !(psc && ((psc & SCOPE_ALL) || crud_in_scope(c, e, "personal", id))))
		for (int i = 0; i < e->nfields; i++) {
			const field_def *f = &e->fields[i];
			json_t *nv = json_object_get(changes, f->name), *ov = json_object_get(old, f->name);
			if (!(f->flags & F_PERSONAL) || !json_is_string(nv) || !json_is_string(ov))
				continue;
			char *m = mask_value(json_string_value(ov));
			if (!strcmp(m, json_string_value(nv)))
				json_object_del(changes, f->name);
			else
				crud_field_error(c, errors, f->name, FE_PERSONAL,
						 "您无权查看该个人信息，因此不能修改它",
						 "you cannot see this personal data, so you cannot change it");
			free(m);
		}
	json_object_update(row, changes);
	json_decref(changes);
	if (e->hooks && e->hooks->prepare)
		e->hooks->prepare(c, row, old);
	crud_validate(c, e, row, old, id, errors);
	if (json_array_size(errors)) {
		db_rollback(c->db), json_decref(row), json_decref(old);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	unsigned sc = op_scope(c, e, "update");
	if (!crud_row_in_scope(c, e, sc, row)) {
		db_rollback(c->db), json_decref(row), json_decref(old);
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "不能把记录移出您的管辖范围",
				      "You cannot move a record outside your jurisdiction"));
	}
	json_t *diff = diff_rows(e, old, row);
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?, updated_by = ?", e->table);
	for (int i = 0; i < e->nfields; i++)
		if (json_object_get(diff, e->fields[i].name))
			sb_printf(&sql, ", %s = ?", e->fields[i].name);
	sb_add(&sql, " WHERE id = ? AND version = ? AND deleted = 0 RETURNING version");
	db_stmt *s;
	rc = db_prepare(c->db, sql.s, &s);
	sb_free(&sql);
	int updated = 0;
	if (rc == DB_OK) {
		int k = 1;
		db_bind_text(s, k++, c->now);
		if (c->user)
			db_bind_int(s, k++, c->user->id);
		else
			db_bind_text(s, k++, NULL);
		for (int i = 0; i < e->nfields; i++)
			if (json_object_get(diff, e->fields[i].name))
				crud_bind_json(s, k++, json_object_get(row, e->fields[i].name));
		db_bind_int(s, k++, id);
		db_bind_int(s, k++, version);
		rc = step_returning(s, &updated);
	}
	if (rc == DB_OK && !updated) {
		db_rollback(c->db), json_decref(row), json_decref(old), json_decref(diff);
		ctx_problem(c, PROB_STALE_VERSION, NULL);
		json_object_set_new(c->problem, "current", crud_load(c, e, id));
		return 412;
	}
	if (rc == DB_OK && e->hooks && e->hooks->after_write && e->hooks->after_write(c, id, row, old))
		rc = c->status ? CTX_REFUSED : DB_ERR;
	if (rc == DB_OK)
		rc = privacy_audit(c, "update", e, id, old, diff);
	json_decref(row), json_decref(old), json_decref(diff);
	if (rc == CTX_REFUSED) {
		db_rollback(c->db);
		return c->status;
	}
	if (rc != DB_OK)
		return db_failure(c, rc);
	if (db_commit(c->db) != DB_OK)
		return db_failure(c, DB_ERR);
	json_t *r = NULL;
	crud_get(c, e, id, &r);
	*out = r ? r : crud_load(c, e, id);
	return 200;
}

int crud_delete(zj_ctx *c, const entity_def *e, int64_t id, int64_t version)
{
	if (e->no_delete)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "此类记录不能删除", "These records cannot be deleted"));
	int rc = check_access(c, e, "delete", id);
	if (rc)
		return rc;
	if (version < 0)
		return ctx_problem(c, PROB_VERSION_REQUIRED, TR(c, "删除需要 If-Match 头", "Send If-Match"));
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	json_t *old = crud_load(c, e, id);
	char sql[200];
	snprintf(
		sql, sizeof sql,
		"UPDATE %s SET deleted = 1, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND deleted = 0 RETURNING id",
		e->table);
	db_stmt *s;
	int deleted = 0;
	rc = db_prepare(c->db, sql, &s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, c->now);
		db_bind_int(s, 2, id);
		db_bind_int(s, 3, version);
		rc = step_returning(s, &deleted);
	}
	if (rc == DB_OK && !deleted) {
		db_rollback(c->db);
		ctx_problem(c, PROB_STALE_VERSION, NULL);
		json_object_set_new(c->problem, "current", old ? old : json_null());
		return 412;
	}
	if (rc == DB_OK)
		rc = privacy_audit(c, "delete", e, id, old, NULL);
	json_decref(old);
	if (rc != DB_OK)
		return db_failure(c, rc);
	if (db_commit(c->db) != DB_OK)
		return db_failure(c, DB_ERR);
	return 204;
}

int crud_history(zj_ctx *c, const entity_def *e, int64_t id, json_t **out)
{
	int rc = check_access(c, e, "read", id);
	if (rc)
		return rc;
	db_stmt *s;
	/* The record's timeline: writes and steps. Reads of personal data stay in the audit log. */
	if (db_prepare(c->db,
		       "SELECT at, username, action, before, after FROM audit_log WHERE entity = ? AND entity_id = ?"
		       " AND action <> 'read_personal' ORDER BY id",
		       &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_bind_text(s, 1, e->name);
	db_bind_text(s, 2, idt);
	json_t *items = json_array();
	while ((rc = db_step(s)) == DB_ROW) {
		const char *action = db_col_text(s, 2);
		json_t *h = json_pack("{s:s, s:s, s:s}", "at", db_col_text(s, 0), "user",
				      db_col_text(s, 1) ? db_col_text(s, 1) : "", "action", action);
		json_t *stored = db_col_text(s, 4) ? json_loads(db_col_text(s, 4), 0, NULL) : NULL;
		/* Audit records are written masked; records written before that
		 * are masked here, so the timeline never shows a personal value. */
		json_t *after = privacy_audit_json(e, stored);
		json_decref(stored);
		/* an edit, or fields a step or rule set through the core (crud_set_fields) */
		if (after && (!strcmp(action, "update") ||
			      (strcmp(action, "create") && crud_is_change_list(after) && json_object_size(after)))) {
			json_object_set_new(h, "changes", after);
		} else if (after && !strncmp(action, "transition", 10)) {
			json_object_update(h, after);
			json_decref(after);
		} else if (after)
			json_decref(after);
		json_array_append_new(items, h);
	}
	if (rc != DB_DONE) { /* never a partial timeline */
		rc = ctx_internal(c, "history", db_errmsg(c->db));
		db_finalize(s), json_decref(items);
		return rc;
	}
	db_finalize(s);
	*out = json_pack("{s:o}", "items", items);
	return 200;
}
