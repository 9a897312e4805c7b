/* jsonw.c — streaming JSON text writer; see jsonw.h. */
#include "lib/jsonw.h"
#include <stdlib.h>

void jw_init(jsonw *w, strbuf *b)
{
	w->b = b, w->depth = 0;
	w->used[0] = 0;
}

/* The comma before a value and its member name. */
static void member(jsonw *w, const char *key)
{
	if (w->used[w->depth])
		sb_addc(w->b, ',');
	w->used[w->depth] = 1;
	if (key) {
		sb_addc(w->b, '"');
		sb_add(w->b, key);
		sb_addn(w->b, "\":", 2);
	}
}

static void open_container(jsonw *w, const char *key, char open, char close)
{
	member(w, key);
	if (w->depth + 1 >= JW_MAX_DEPTH)
		abort();
	sb_addc(w->b, open);
	w->depth++;
	w->used[w->depth] = 0, w->close[w->depth] = close;
}

void jw_obj(jsonw *w, const char *key)
{
	open_container(w, key, '{', '}');
}
void jw_arr(jsonw *w, const char *key)
{
	open_container(w, key, '[', ']');
}

void jw_end(jsonw *w)
{
	if (w->depth <= 0)
		abort();
	sb_addc(w->b, w->close[w->depth--]);
}

void jw_str(jsonw *w, const char *key, const char *v)
{
	member(w, key);
	if (v)
		sb_json_str(w->b, v);
	else
		sb_add(w->b, "null");
}

void jw_int(jsonw *w, const char *key, long long v)
{
	member(w, key);
	sb_add_int(w->b, v);
}

void jw_bool(jsonw *w, const char *key, int v)
{
	member(w, key);
	sb_add(w->b, v ? "true" : "false");
}

void jw_null(jsonw *w, const char *key)
{
	member(w, key);
	sb_add(w->b, "null");
}

void jw_key(jsonw *w, const char *key)
{
	member(w, key);
}
