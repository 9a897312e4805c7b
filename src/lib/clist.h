/* clist.h — comma lists, the one way several codes are stored in one column
 * ("pb,cd,hg": multi-code dictionary fields, a sample's test items, the
 * states a workflow step starts from, the penalty kinds of a case), and the
 * LIKE patterns that search them or any text. Items are trimmed of spaces;
 * empty items are skipped. Pure and thread-safe. */
#ifndef ZJ_LIB_CLIST_H
#define ZJ_LIB_CLIST_H

#include <stddef.h>

struct strbuf;

/* 1 when item is one of the list's items (NULL or empty never is). */
int clist_has(const char *list, const char *item);
/* The next item of p into t[n] (cut to n-1 bytes); returns where the rest
 * starts, NULL when there is no further item:
 *   for (const char *p = list; (p = clist_next(p, t, sizeof t));) ... */
const char *clist_next(const char *p, char *t, size_t n);
/* Number of (non-empty) items. */
int clist_count(const char *list);

/* Appends s to b with LIKE's metacharacters % _ and \ escaped by \, for
 * "... LIKE ? ESCAPE '\'" (both backends). */
void sb_add_like_escaped(struct strbuf *b, const char *s);
/* "%s%" for a substring search, escaped; malloc'ed. */
char *like_contains(const char *s);
/* The pattern matching rows whose comma list column c holds item, used as
 * "(',' || c || ',') LIKE ? ESCAPE '\'": "%,item,%", escaped; malloc'ed. */
char *like_clist_item(const char *item);

#endif
