/* jsonw.h — a streaming JSON text writer over a strbuf, for records written
 * many times a second (a verdict's trace on every imported result) where
 * building a jansson tree and dumping it cost more than the judgement.
 * Strings are passed through as UTF-8 (callers hand in validated text).
 * `key` is the member name inside an object and NULL inside an array or at
 * the top; keys are the program's own ASCII names and are written unescaped.
 * Nesting is limited to JW_MAX_DEPTH; deeper writes are a bug. */
#ifndef ZJ_LIB_JSONW_H
#define ZJ_LIB_JSONW_H
#include "lib/strbuf.h"

enum { JW_MAX_DEPTH = 16 };

typedef struct jsonw {
	strbuf *b;
	int depth;
	unsigned char used[JW_MAX_DEPTH]; /* a member/element already written at this depth */
	char close[JW_MAX_DEPTH];         /* '}' or ']' of the container open at this depth */
} jsonw;

void jw_init(jsonw *w, strbuf *b);
void jw_obj(jsonw *w, const char *key);                /* opens { */
void jw_arr(jsonw *w, const char *key);                /* opens [ */
void jw_end(jsonw *w);                                 /* closes the innermost { or [ */
void jw_str(jsonw *w, const char *key, const char *v); /* v NULL → null */
void jw_int(jsonw *w, const char *key, long long v);
void jw_bool(jsonw *w, const char *key, int v);
void jw_null(jsonw *w, const char *key);
/* The comma and name of a member whose value the caller then appends to the
 * buffer as JSON text (a fragment written once and kept). */
void jw_key(jsonw *w, const char *key);

#endif
