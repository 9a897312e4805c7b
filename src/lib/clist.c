/* clist.c — see clist.h. */
#include "lib/clist.h"
#include "lib/strbuf.h"
#include <string.h>

/* The item at p (spaces trimmed): start in *s, length returned; *next is
 * where the following item starts or NULL. */
static size_t item_at(const char *p, const char **s, const char **next)
{
	while (*p == ' ')
		p++;
	const char *q = strchr(p, ',');
	size_t len = q ? (size_t)(q - p) : strlen(p);
	*s = p;
	*next = q ? q + 1 : NULL;
	while (len && p[len - 1] == ' ')
		len--;
	return len;
}

int clist_has(const char *list, const char *item)
{
	if (!list || !item || !*item)
		return 0;
	size_t n = strlen(item);
	for (const char *p = list; p;) {
		const char *s;
		size_t len = item_at(p, &s, &p);
		if (len == n && !strncmp(s, item, n))
			return 1;
	}
	return 0;
}

const char *clist_next(const char *p, char *t, size_t n)
{
	while (p) {
		const char *s;
		size_t len = item_at(p, &s, &p);
		if (!len)
			continue;
		size_t k = len < n ? len : n - 1;
		memcpy(t, s, k);
		t[k] = 0;
		/* the rest: never NULL while this item is handed out */
		return p ? p : s + len + strlen(s + len);
	}
	return NULL;
}

int clist_count(const char *list)
{
	int n = 0;
	for (const char *p = list; p;) {
		const char *s;
		n += item_at(p, &s, &p) > 0;
	}
	return n;
}

void sb_add_like_escaped(strbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sb_addc(b, '\\');
		sb_addc(b, *s);
	}
}

char *like_contains(const char *s)
{
	strbuf b;
	sb_init(&b);
	sb_addc(&b, '%');
	sb_add_like_escaped(&b, s);
	sb_addc(&b, '%');
	return sb_take(&b);
}

char *like_clist_item(const char *item)
{
	strbuf b;
	sb_init(&b);
	sb_add(&b, "%,");
	sb_add_like_escaped(&b, item);
	sb_add(&b, ",%");
	return sb_take(&b);
}
