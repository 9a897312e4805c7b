/* utf8.h — the one UTF-8 validator (RFC 3629 well-formedness: no overlong
 * forms, no UTF-16 surrogates U+D800..U+DFFF, nothing above U+10FFFF). Used
 * for every text that enters: API bodies and queries (core/crud.c) and
 * imported files (lib/tabular.c). Pure and thread-safe. */
#ifndef ZJ_LIB_UTF8_H
#define ZJ_LIB_UTF8_H

#include <stddef.h>

/* Offset of the first byte of s[0..len) that does not start a well-formed
 * sequence, or len when all of it is well formed. */
size_t utf8_invalid_at(const unsigned char *s, size_t len);
/* 1 when the NUL-terminated s is well-formed UTF-8. */
int utf8_valid(const char *s);
/* Code points in s (assumed valid): lengths of fields are in characters. */
size_t utf8_len(const char *s);

#endif
