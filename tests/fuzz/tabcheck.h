/* tabcheck.h — shared by fuzz_csv.c and fuzz_xlsx.c: a tab_read row callback
 * that checks the contract of tabular.h on every row (row numbers strictly
 * increase, 1 ≤ ncols ≤ 16384, no NULL cell, every cell valid UTF-8) and
 * aborts on a violation, so libFuzzer reports it like a crash. It also stops
 * early after a chosen number of rows to exercise the early-exit paths. */
#ifndef ZJ_FUZZ_TABCHECK_H
#define ZJ_FUZZ_TABCHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tabular.h"

struct tabcheck {
	long last_row;
	long rows;
	long stop_after; /* 0: never stop */
};

#define TABCHECK_STOP 77

static void tabcheck_die(const char *what, long row)
{
	fprintf(stderr, "tabular contract violated at row %ld: %s\n", row, what);
	abort();
}

static int tabcheck_utf8(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n;
		unsigned lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else
			return 0;
		if (s[1] < lo || s[1] > hi)
			return 0;
		for (unsigned k = 2; k <= n; k++)
			if ((s[k] & 0xC0) != 0x80)
				return 0;
		s += n + 1;
	}
	return 1;
}

static int tabcheck_row(void *ud, long row_no, int ncols, const char *const *cells)
{
	struct tabcheck *t = ud;
	if (row_no <= t->last_row)
		tabcheck_die("row numbers not increasing", row_no);
	t->last_row = row_no;
	if (ncols < 1 || ncols > TAB_DEFAULT_MAX_COLS)
		tabcheck_die("ncols out of range", row_no);
	for (int i = 0; i < ncols; i++) {
		if (!cells[i])
			tabcheck_die("NULL cell", row_no);
		if (!tabcheck_utf8((const unsigned char *)cells[i]))
			tabcheck_die("cell is not valid UTF-8", row_no);
	}
	t->rows++;
	if (t->stop_after && t->rows == t->stop_after)
		return TABCHECK_STOP;
	return 0;
}

/* Run tab_read_opts and check the result code and error text. */
static void tabcheck_run(tab_format f, const void *buf, size_t len, const tab_opts *o, long stop_after)
{
	struct tabcheck t = {.stop_after = stop_after};
	char err[256];
	memset(err, 'x', sizeof err);
	int rc = tab_read_opts(f, buf, len, o, tabcheck_row, &t, err, sizeof err);
	if (rc == -1) {
		if (!err[0] || !memchr(err, 0, sizeof err))
			tabcheck_die("-1 without an error message", t.last_row);
	} else if (rc == TABCHECK_STOP) {
		if (t.rows != stop_after)
			tabcheck_die("stopped without the callback asking", t.last_row);
	} else if (rc != 0) {
		tabcheck_die("unexpected return code", t.last_row);
	}
	if (rc != -1 && err[0])
		tabcheck_die("error text set on success", t.last_row);
}

#endif
