/* tabular.h — read a CSV or XLSX file that is already in memory and stream
 * its rows, one callback per row, to a bulk importer. No I/O besides the
 * buffer handed in (tab_load_file() is the one helper that reads a path).
 *
 * What the callback sees
 *   - row_no is the 1-based row number a spreadsheet program would show for
 *     the row, the header included: for CSV the record number counting blank
 *     lines (a quoted field spanning several lines is one record); for XLSX
 *     the row's r attribute.
 *   - Rows without any cell are NOT reported (blank CSV lines, XLSX rows
 *     whose cells are all empty); row_no keeps counting across them, so the
 *     numbers still match what the user sees. A CSV line like ",," is not
 *     blank: it is reported as 3 empty cells.
 *   - cells[0..ncols-1] are NUL-terminated UTF-8, never NULL; a missing
 *     cell is "". The array and strings are only valid during the call.
 *   - ncols is per row: CSV rows keep every field, trailing empty ones too
 *     ("a,b," has 3); XLSX rows end at their last non-empty cell.
 *
 * CSV (libcsv, non-strict)
 *   RFC 4180 quoting, "" escapes, quoted fields spanning lines, LF / CRLF /
 *   CR line ends, a UTF-8 BOM is dropped. Spaces and tabs around an unquoted
 *   field are trimmed (quote the field to keep them). The encoding is UTF-8;
 *   a file without a BOM that is not valid UTF-8 but valid GB18030 (what
 *   zh-CN Excel writes for "CSV (逗号分隔)") is converted to UTF-8, unless
 *   TAB_UTF8_ONLY is set. A file with a UTF-8 BOM must be valid UTF-8 (a
 *   damaged UTF-8 file would otherwise decode as GB18030 mojibake; without a
 *   BOM that risk remains and is accepted). An unterminated
 *   quoted field, NUL bytes, UTF-16 text, and legacy .xls / encrypted
 *   workbooks (OLE2) are rejected with a clear message.
 *
 * XLSX (minizip over an in-memory zip, expat)
 *   The first worksheet in workbook order (via xl/workbook.xml and its
 *   rels, chart sheets skipped; xl/worksheets/sheet1.xml when those are
 *   missing). Other sheets are ignored. Cell values:
 *   shared strings (rich-text runs concatenated, phonetic runs dropped),
 *   inline strings, formula results (the cached <v>, never the formula),
 *   booleans as "TRUE"/"FALSE", errors as their text ("#N/A"), numbers as
 *   the exact stored text ("12.5", "1E-3"): never through a double, and
 *   without Excel's display rounding (a computed 0.1+0.2 arrives as the
 *   stored "0.30000000000000004"; a typed 12.3 as "12.3").
 *   _xHHHH_ escapes are decoded. Cell references place a cell in its
 *   column; gaps are "".
 *   Dates: Excel stores them as serial numbers. A numeric cell whose style
 *   is a date/time format is converted with integer arithmetic to
 *   "YYYY-MM-DD" (date formats), "YYYY-MM-DD HH:MM:SS" (date+time) or
 *   "HH:MM:SS" (time-only formats); both the 1900 and 1904 date systems
 *   are honoured. Durations ("[h]:mm"), exponent forms and serials Excel
 *   cannot show as a date (≤ 0, the phantom 1900-02-29) stay as stored, as
 *   does every other number. TAB_RAW_DATES turns the
 *   conversion off. The importer expects ISO text dates; a date typed as
 *   text in Excel arrives as that text.
 *
 * Hostile input never crashes: decompressed size per zip entry, columns,
 * cells, and shared strings are capped (tab_opts); a DOCTYPE (entity
 * expansion) is refused; row numbers must increase. All errors are -1 with a
 * one-line reason in err. Thread-safe: no global state. */
#ifndef ZJ_TABULAR_H
#define ZJ_TABULAR_H

#include <stddef.h>

typedef enum { TAB_CSV, TAB_XLSX } tab_format;

/* Called once per non-empty row. Return 0 to continue; any other value
 * stops reading and is returned by tab_read() as is. Use a positive value,
 * since -1 is tab_read()'s own error code. */
typedef int (*tab_row_cb)(void *ud, long row_no, int ncols, const char *const *cells);

/* Default limits; a zero field in tab_opts means "use the default". */
#define TAB_DEFAULT_MAX_ENTRY_BYTES ((size_t)200 << 20) /* decompressed, per zip entry */
#define TAB_DEFAULT_MAX_COLS 16384                      /* Excel's XFD */
#define TAB_DEFAULT_MAX_CELLS 50000000L                 /* reported cells, gaps included */
#define TAB_DEFAULT_MAX_STRINGS 16000000L               /* XLSX shared strings */
#define TAB_MAX_ROW 1048576L                            /* Excel's last row */

enum {
	TAB_RAW_DATES = 1u << 0, /* XLSX: leave date-styled serial numbers as stored */
	TAB_UTF8_ONLY = 1u << 1, /* CSV: no GB18030 fallback; invalid UTF-8 is an error */
};

typedef struct tab_opts {
	unsigned flags;         /* TAB_RAW_DATES | TAB_UTF8_ONLY */
	size_t max_entry_bytes; /* XLSX: cap on any inflated zip entry */
	int max_cols;           /* cap on columns of a row */
	long max_cells;         /* cap on cells reported over the whole file */
	long max_strings;       /* XLSX: cap on shared-string count */
} tab_opts;

/* Read buf[0..len) as format f and call cb for each row.
 * Returns 0 when the whole file was read, -1 when it is malformed or over a
 * limit (err, if errlen > 0, gets one line in English, e.g. "row 7: too many
 * columns (more than 16384)"), or the callback's non-zero return. Rows
 * delivered before an error stay delivered: the importer should treat -1 as
 * "file rejected" and roll back. err is "" unless -1 is returned. */
int tab_read(tab_format f, const void *buf, size_t len, tab_row_cb cb, void *ud, char *err, size_t errlen);

/* The same with options; opts may be NULL. */
int tab_read_opts(tab_format f, const void *buf, size_t len, const tab_opts *opts, tab_row_cb cb, void *ud, char *err,
		  size_t errlen);

/* TAB_XLSX when buf starts with a zip signature ("PK\3\4", or "PK\5\6" for
 * an empty zip), TAB_CSV otherwise. */
tab_format tab_detect(const void *buf, size_t len);

/* Read a whole regular file into a malloc'ed buffer (NUL-terminated, the NUL
 * not counted in *len). Fails with -1 and a reason when it cannot be opened
 * or read, is not a regular file, or is larger than max_bytes. */
int tab_load_file(const char *path, size_t max_bytes, void **buf, size_t *len, char *err, size_t errlen);

/* Excel serial day number to "YYYY-MM-DD" (out gets 11 bytes incl. NUL).
 * date1904 = 0: the 1900 system (1 = 1900-01-01; 60, Excel's phantom
 * 1900-02-29, is rejected; up to 2958465 = 9999-12-31); date1904 = 1: the
 * 1904 system (0 = 1904-01-01). Returns 0, or -1 when out of range. */
int tab_excel_serial_to_iso(long serial, int date1904, char out[11]);

#endif
