/* crud_validate.c — incoming values: coercion of one field to its JSON form
 * (numbers, money, decimals, dates, dictionaries, references by id, label or
 * code), a body to a row, and the validation of a whole row. */
#include "core/crud_internal.h"
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
#include "lib/xalloc.h"
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int crud_date_valid(const char *s)
{
	date_days d;
	return date_parse(s, &d) == DATE_OK;
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
	if (!crud_date_valid(d))
		return 0;
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && !isdigit((unsigned char)s[i]))
			return 0;
	/* two digits each, checked above */
	int hh = (s[11] - '0') * 10 + s[12] - '0', mm = (s[14] - '0') * 10 + s[15] - '0',
	    ss = (s[17] - '0') * 10 + s[18] - '0';
	return hh < 24 && mm < 60 && ss < 60;
}

void crud_field_error(zj_ctx *c, json_t *errors, const char *field, fe_code code, const char *zh, const char *en)
{
	json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", field, "message", TR(c, zh, en), "code",
						fe_name(code)));
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
	if (crud_parse_i64(text, &id)) {
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
		/* every separator begins with one of these bytes: the others are passed at once */
		if (*p == ',' || *p == ';' || *p == '\xEF' || *p == '\xE3')
			for (size_t k = 0; k < sizeof seps / sizeof *seps; k++)
				if (!strncmp(p, seps[k], strlen(seps[k])))
					sl = strlen(seps[k]);
		if (!*p || sl) {
			const char *a = start, *b = p;
			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > a)
				json_array_append_new(out, json_stringn(a, (size_t)(b - a)));
			if (!*p)
				break;
			p += sl;
			start = p;
		} else
			p++;
	}
}

/* An integer, or money in fen (from a sheet: yuan, "1,234.50" → 123450). */
static json_t *coerce_int(zj_ctx *c, const field_def *f, json_t *v, const char *s, int from_text, char *msg,
			  size_t msglen)
{
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
	if (s && from_text && crud_parse_i64(s, &n))
		return json_integer(n);
	snprintf(msg, msglen, "%s",
		 f->type == FT_MONEY ? TR(c, "应为以分计的整数金额", "must be an integer amount in fen")
				     : TR(c, "应为整数", "must be an integer"));
	return NULL;
}

/* A decimal as text in the one grammar, kept without an exponent. */
static json_t *coerce_decimal(zj_ctx *c, const field_def *f, json_t *v, const char *s, int from_text, char *msg,
			      size_t msglen)
{
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
		 TR(c, "应为十进制数（文本，如 \"12.50\"）", "must be a decimal number as text, e.g. \"12.50\""));
	return NULL;
}

/* A boolean: true/false, 1/0, 是/否 (from a sheet also yes/no, y/n). */
static json_t *coerce_bool(zj_ctx *c, const field_def *f, json_t *v, const char *s, int from_text, char *msg,
			   size_t msglen)
{
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
}

/* One dictionary code, or a list of them (F_MULTI); a sheet may carry labels. */
static json_t *coerce_dict(zj_ctx *c, const field_def *f, json_t *v, const char *s, int from_text, char *msg,
			   size_t msglen)
{
	/* the common case, one code of the dictionary: no list built (an import meets it on every row) */
	if (!(f->flags & F_MULTI) && s && !strchr(s, ',') && dict_has(c, f->dict, s))
		return s == json_string_value(v) ? json_incref(v) : json_string(s);
	json_t *codes = json_array();
	if (f->flags & F_MULTI) {
		if (json_is_array(v)) {
			size_t i;
			json_t *it;
			json_array_foreach (v, i, it) {
				if (!json_is_string(it)) {
					json_decref(codes);
					snprintf(msg, msglen, "%s", TR(c, "应为代码列表", "must be a list of codes"));
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
			snprintf(msg, msglen, c->en ? "'%s' is not in dictionary %s" : "“%s”不是字典 %s 中的代码",
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

/* A reference: an id (or, from a sheet, a label or code) the writer may read. */
static json_t *coerce_ref(zj_ctx *c, const field_def *f, json_t *v, const char *s, int from_text, char *msg,
			  size_t msglen)
{
	const entity_def *re = registry_find(f->ref);
	int64_t id = 0;
	if (json_is_integer(v))
		id = json_integer_value(v) > 0 ? json_integer_value(v) : 0;
	else if (s)
		id = from_text ? ref_lookup(c, re, s) : (crud_parse_i64(s, &id) ? id : 0);
	if (id > 0 && (json_is_integer(v) || !from_text) && !ref_visible(c, re, id))
		id = 0;
	if (id > 0)
		return json_integer(id);
	/* the same answer for absent and out of scope: no way to probe */
	snprintf(msg, msglen, c->en ? "no such %s in your data scope" : "所引用的%s不存在或不在您的数据范围内",
		 TR(c, re->label_zh, re->label_en));
	return NULL;
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
			char *t = xstrndup(s, n);
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
	case FT_MONEY: return coerce_int(c, f, v, s, from_text, msg, msglen);
	case FT_DECIMAL: return coerce_decimal(c, f, v, s, from_text, msg, msglen);
	case FT_DATE:
		if (s && crud_date_valid(s))
			return s == json_string_value(v) ? json_incref(v) : json_string(s);
		snprintf(msg, msglen, "%s", TR(c, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"));
		return NULL;
	case FT_DATETIME:
		if (s && is_datetime(s))
			return json_string(s);
		snprintf(msg, msglen, "%s",
			 TR(c, "应为 UTC 时间 YYYY-MM-DDTHH:MM:SSZ", "must be a UTC instant YYYY-MM-DDTHH:MM:SSZ"));
		return NULL;
	case FT_BOOL: return coerce_bool(c, f, v, s, from_text, msg, msglen);
	case FT_DICT: *code = FE_DICT; return coerce_dict(c, f, v, s, from_text, msg, msglen);
	case FT_REF: *code = FE_REF; return coerce_ref(c, f, v, s, from_text, msg, msglen);
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
		if (f->type == FT_FILE || files_hash_field(f)) /* the stored bytes held until commit (files_gc) */
			files_pin(c, f, v, old ? json_object_get(old, f->name) : NULL, errors);
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
