/* test_tabular.c — cmocka tests for src/lib/tabular.c: CSV edge cases
 * (BOM, CRLF, quoted newlines, trailing empty fields, GB18030, bad input),
 * XLSX files written here with libxlsxwriter (strings incl. Chinese, exact
 * number text, gaps, dates, rich and inline strings) or zipped by hand with
 * minizip (parts libxlsxwriter never writes: phonetic runs, errors, 1904
 * dates, odd rels), hostile zips (bombs, bad CRC, truncation, bit flips),
 * the limits, and the Excel date arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "lib/tabular.h"
#include "lib/xalloc.h"

/* ------------------------------------------------------------------ */
/* helpers                                                              */

/* Rows seen by the callback, one line each: "ROW:cell|cell|...\n". */
typedef struct seen {
	char *s;
	size_t n, cap;
	int rows;
	long stop_at; /* return stop_rc when this row_no is seen */
	int stop_rc;
} seen;

static void seen_put(seen *v, const char *s)
{
	size_t len = strlen(s);
	if (v->n + len + 1 > v->cap) {
		v->cap = (v->n + len + 1) * 2;
		v->s = xrealloc(v->s, v->cap);
		assert_non_null(v->s);
	}
	memcpy(v->s + v->n, s, len + 1);
	v->n += len;
}

static int on_row(void *ud, long row_no, int ncols, const char *const *cells)
{
	seen *v = ud;
	char num[32];
	snprintf(num, sizeof num, "%ld:", row_no);
	seen_put(v, num);
	assert_true(ncols > 0);
	for (int i = 0; i < ncols; i++) {
		assert_non_null(cells[i]);
		if (i)
			seen_put(v, "|");
		seen_put(v, cells[i]);
	}
	seen_put(v, "\n");
	v->rows++;
	if (v->stop_at && row_no == v->stop_at)
		return v->stop_rc;
	return 0;
}

/* Read buf and return the rows as text (caller frees); *rc gets the result
 * and err the message. */
static char *read_all(tab_format f, const void *buf, size_t len, const tab_opts *o, int *rc, char *err, size_t errlen)
{
	seen v = {0};
	seen_put(&v, "");
	*rc = tab_read_opts(f, buf, len, o, on_row, &v, err, errlen);
	return v.s;
}

/* Expect a successful read of CSV text s giving exactly want. */
static void csv_ok(const char *s, size_t len, const char *want)
{
	char err[256] = "x";
	int rc;
	char *got = read_all(TAB_CSV, s, len, NULL, &rc, err, sizeof err);
	if (rc != 0)
		fail_msg("rc=%d err=%s", rc, err);
	assert_string_equal(err, "");
	assert_string_equal(got, want);
	free(got);
}

/* Expect tab_read to fail with a message containing needle. */
static void read_fails(tab_format f, const void *buf, size_t len, const tab_opts *o, const char *needle)
{
	char err[256] = "";
	int rc;
	char *got = read_all(f, buf, len, o, &rc, err, sizeof err);
	free(got);
	assert_int_equal(rc, -1);
	if (!strstr(err, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", err, needle);
}

static char tmpdir[64];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/zj_tabular_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	rmdir(tmpdir);
	return 0;
}

static void tmp_path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", tmpdir, name);
}

/* Load path into memory and delete it. */
static void *slurp(const char *path, size_t *len)
{
	void *buf;
	char err[256];
	if (tab_load_file(path, 1 << 24, &buf, len, err, sizeof err))
		fail_msg("%s", err);
	unlink(path);
	return buf;
}

struct part {
	const char *name, *xml;
};

/* Zip parts into an in-memory file (deflated, or stored when store). */
static void *zip_parts(const struct part *parts, size_t n, int store, size_t *len)
{
	char path[128];
	tmp_path(path, sizeof path, "hand.zip");
	zipFile zf = zipOpen64(path, APPEND_STATUS_CREATE);
	assert_non_null(zf);
	for (size_t i = 0; i < n; i++) {
		zip_fileinfo zi;
		memset(&zi, 0, sizeof zi);
		assert_int_equal(zipOpenNewFileInZip64(zf, parts[i].name, &zi, NULL, 0, NULL, 0, NULL,
						       store ? 0 : Z_DEFLATED, store ? 0 : Z_DEFAULT_COMPRESSION, 0),
				 ZIP_OK);
		assert_int_equal(zipWriteInFileInZip(zf, parts[i].xml, (unsigned)strlen(parts[i].xml)), ZIP_OK);
		assert_int_equal(zipCloseFileInZip(zf), ZIP_OK);
	}
	assert_int_equal(zipClose(zf, NULL), ZIP_OK);
	return slurp(path, len);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELTYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static char *xlsx_read(const void *buf, size_t len, const tab_opts *o)
{
	char err[256] = "";
	int rc;
	char *got = read_all(TAB_XLSX, buf, len, o, &rc, err, sizeof err);
	if (rc != 0)
		fail_msg("rc=%d err=%s", rc, err);
	return got;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

static void test_csv_basic(void **state)
{
	(void)state;
	const char s[] = "a,b,c\n1,2,3\n";
	csv_ok(s, sizeof s - 1, "1:a|b|c\n2:1|2|3\n");
	/* No final newline. */
	const char t[] = "a,b\n1,2";
	csv_ok(t, sizeof t - 1, "1:a|b\n2:1|2\n");
}

static void test_csv_bom_crlf_blank_lines(void **state)
{
	(void)state;
	const char s[] = "\xEF\xBB\xBFname,age\r\n张三,30\r\n\r\n李四,\r\n";
	/* The blank line 3 is not reported but still counted. */
	csv_ok(s, sizeof s - 1, "1:name|age\n2:张三|30\n4:李四|\n");
	const char cr[] = "a,b\r1,2\r\r3,4";
	csv_ok(cr, sizeof cr - 1, "1:a|b\n2:1|2\n4:3|4\n");
	const char lf2[] = "\n\nx\n\n";
	csv_ok(lf2, sizeof lf2 - 1, "3:x\n");
}

static void test_csv_quoted_fields(void **state)
{
	(void)state;
	const char s[] = "id,note\r\n"
			 "1,\"line1\r\nline2\"\r\n"
			 "2,\"say \"\"hi\"\"\"\r\n"
			 "3,\"a,b\"\n"
			 "4,\"\"\n";
	csv_ok(s, sizeof s - 1, "1:id|note\n2:1|line1\r\nline2\n3:2|say \"hi\"\n4:3|a,b\n5:4|\n");
	/* A stray quote inside an unquoted field is kept (non-strict). */
	const char t[] = "5\"x,b\n";
	csv_ok(t, sizeof t - 1, "1:5\"x|b\n");
}

static void test_csv_trailing_empty_and_spaces(void **state)
{
	(void)state;
	const char s[] = "a,b,\n,,\n";
	csv_ok(s, sizeof s - 1, "1:a|b|\n2:||\n");
	const char t[] = " a , \" b \" ,\tc\n";
	csv_ok(t, sizeof t - 1, "1:a| b |c\n");
}

static void test_csv_gb18030(void **state)
{
	(void)state;
	/* "名称,数量\n苹果,3\n" as zh-CN Excel saves it. */
	const char s[] = "\xc3\xfb\xb3\xc6,\xca\xfd\xc1\xbf\n\xc6\xbb\xb9\xfb,3\n";
	csv_ok(s, sizeof s - 1, "1:名称|数量\n2:苹果|3\n");
	tab_opts strict = {.flags = TAB_UTF8_ONLY};
	read_fails(TAB_CSV, s, sizeof s - 1, &strict, "not valid UTF-8 (byte offset 0)");
	/* With a UTF-8 BOM a bad byte is damage, not GB18030. */
	const char damaged[] = "\xEF\xBB\xBF名称\xc3,x\n";
	read_fails(TAB_CSV, damaged, sizeof damaged - 1, NULL, "not valid UTF-8 (byte offset 9)");
}

static void test_csv_empty_inputs(void **state)
{
	(void)state;
	csv_ok("", 0, "");
	csv_ok("\xEF\xBB\xBF", 3, "");
	csv_ok("\r\n\r\n", 4, "");
	int rc = tab_read(TAB_CSV, NULL, 0, on_row, NULL, NULL, 0);
	assert_int_equal(rc, 0);
}

static void test_csv_malformed(void **state)
{
	(void)state;
	const char unterminated[] = "a,b\n1,\"never closed\n2,3\n";
	read_fails(TAB_CSV, unterminated, sizeof unterminated - 1, NULL, "row 2: quoted field");
	const char nul[] = "a,b\n1,\0\n";
	read_fails(TAB_CSV, nul, sizeof nul - 1, NULL, "NUL byte at offset 6");
	const char utf16[] = "\xFF\xFE"
			     "a\0,\0b\0";
	read_fails(TAB_CSV, utf16, sizeof utf16 - 1, NULL, "UTF-16");
	const char junk[] = "ok,\xff\xff\n";
	read_fails(TAB_CSV, junk, sizeof junk - 1, NULL, "neither UTF-8 nor GB18030");
	const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0};
	read_fails(TAB_CSV, ole, sizeof ole, NULL, "legacy .xls");
	read_fails(TAB_XLSX, ole, sizeof ole, NULL, "legacy .xls");
}

static void test_csv_utf8_validation(void **state)
{
	(void)state;
	tab_opts strict = {.flags = TAB_UTF8_ONLY};
	const char ok[] = "😀,é,中,\xEF\xBF\xBD\n";
	char err[256];
	int rc;
	char *got = read_all(TAB_CSV, ok, sizeof ok - 1, &strict, &rc, err, sizeof err);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "1:😀|é|中|\xEF\xBF\xBD\n");
	free(got);
	const char *bad[] = {
		"\xC0\x80",         /* overlong NUL */
		"\xE0\x80\x80",     /* overlong */
		"\xED\xA0\x80",     /* surrogate */
		"\xF0\x80\x80\x80", /* overlong */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xF5\x80\x80\x80", /* bad lead */
		"\xE4\xB8",         /* cut short */
		"\xE4\xB8x",        /* bad continuation */
		"\x80",             /* lone continuation */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char buf[16];
		int n = snprintf(buf, sizeof buf, "a,%s", bad[i]);
		read_fails(TAB_CSV, buf, (size_t)n, &strict, "not valid UTF-8 (byte offset 2)");
	}
}

static void test_csv_limits(void **state)
{
	(void)state;
	tab_opts o = {.max_cols = 3};
	const char s[] = "a,b,c\n1,2,3,4\n";
	read_fails(TAB_CSV, s, sizeof s - 1, &o, "row 2: too many columns (more than 3)");
	tab_opts c = {.max_cells = 5};
	read_fails(TAB_CSV, s, sizeof s - 1, &c, "more than 5 cells");
}

static void test_csv_callback_stops(void **state)
{
	(void)state;
	const char s[] = "a\nb\nc\nd\n";
	seen v = {.stop_at = 2, .stop_rc = 7};
	seen_put(&v, "");
	char err[64] = "x";
	assert_int_equal(tab_read(TAB_CSV, s, sizeof s - 1, on_row, &v, err, sizeof err), 7);
	assert_string_equal(v.s, "1:a\n2:b\n");
	assert_string_equal(err, "");
	free(v.s);
}

static void test_csv_big(void **state)
{
	(void)state;
	/* More than one 64 KiB parse chunk, a quoted field across the seam. */
	size_t cap = 400000, n = 0;
	char *s = xmalloc(cap);
	assert_non_null(s);
	int rows = 0;
	while (n < 200000) {
		n += (size_t)snprintf(s + n, cap - n, "%d,\"x\ny\",值%d\r\n", rows, rows);
		rows++;
	}
	seen v = {0};
	seen_put(&v, "");
	assert_int_equal(tab_read(TAB_CSV, s, n, on_row, &v, NULL, 0), 0);
	assert_int_equal(v.rows, rows);
	char last[64];
	snprintf(last, sizeof last, "%d:%d|x\ny|值%d\n", rows, rows - 1, rows - 1);
	assert_non_null(strstr(v.s, last));
	free(v.s);
	free(s);
}

/* ------------------------------------------------------------------ */
/* XLSX written by libxlsxwriter                                        */

static void *make_workbook(int constant_memory, size_t *len)
{
	char path[128];
	tmp_path(path, sizeof path, "lxw.xlsx");
	lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory, .tmpdir = tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
	lxw_worksheet *other = workbook_add_worksheet(wb, "other");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	lxw_format *dt = workbook_add_format(wb);
	format_set_num_format(dt, "yyyy/m/d h:mm:ss");
	lxw_format *tm = workbook_add_format(wb);
	format_set_num_format(tm, "h:mm");
	lxw_format *cn = workbook_add_format(wb);
	format_set_num_format(cn, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);

	const char *hdr[] = {"名称", "数量", "单价", "日期", "备注"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, hdr[c], NULL);
	worksheet_write_string(ws, 1, 0, "苹果", NULL);
	worksheet_write_number(ws, 1, 1, 3, NULL);
	worksheet_write_number(ws, 1, 2, 12.5, money);
	lxw_datetime d = {2024, 1, 15, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &d, date);
	/* row 3 (index 2) left empty; row 4 has gaps */
	worksheet_write_string(ws, 3, 0, "香蕉", NULL);
	worksheet_write_number(ws, 3, 1, 0.1, NULL);
	worksheet_write_blank(ws, 3, 2, bold); /* styled but empty */
	worksheet_write_string(ws, 3, 4, "a\x01z", NULL);
	worksheet_write_boolean(ws, 4, 0, 1, NULL);
	worksheet_write_boolean(ws, 4, 1, 0, NULL);
	worksheet_write_formula_num(ws, 4, 2, "=1+2", NULL, 3);
	worksheet_write_number(ws, 4, 3, 1e-7, NULL);
	lxw_datetime t = {2024, 1, 15, 8, 30, 0};
	worksheet_write_datetime(ws, 5, 0, &t, dt);
	worksheet_write_datetime(ws, 5, 1, &t, tm);
	worksheet_write_datetime(ws, 5, 2, &d, cn);
	worksheet_write_number(ws, 5, 3, 45306, money); /* a number, not a date */
	if (!constant_memory) {
		lxw_rich_string_tuple f1 = {.format = NULL, .string = "普通"};
		lxw_rich_string_tuple f2 = {.format = bold, .string = "加粗"};
		lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
		worksheet_write_rich_string(ws, 6, 0, rich, NULL);
		/* Repeated string: one shared-string entry used twice. */
		worksheet_write_string(ws, 6, 1, "苹果", NULL);
	}
	worksheet_write_string(other, 0, 0, "not me", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return slurp(path, len);
}

static const char want_common[] = "1:名称|数量|单价|日期|备注\n"
				  "2:苹果|3|12.5|2024-01-15\n"
				  "4:香蕉|0.1|||a\x01z\n"
				  "5:TRUE|FALSE|3|1E-07\n"
				  "6:2024-01-15 08:30:00|08:30:00|2024-01-15|45306\n";

static void test_xlsx_libxlsxwriter(void **state)
{
	(void)state;
	size_t len;
	void *buf = make_workbook(0, &len);
	assert_int_equal(tab_detect(buf, len), TAB_XLSX);
	char *got = xlsx_read(buf, len, NULL);
	char want[1024];
	snprintf(want, sizeof want, "%s7:普通加粗|苹果\n", want_common);
	assert_string_equal(got, want);
	free(got);

	/* Raw dates: the serial numbers as stored. */
	tab_opts raw = {.flags = TAB_RAW_DATES};
	got = xlsx_read(buf, len, &raw);
	assert_non_null(strstr(got, "2:苹果|3|12.5|45306\n"));
	assert_non_null(strstr(got, "6:45306.35416666666|45306.35416666666|45306|45306\n"));
	free(got);
	free(buf);
}

static void test_xlsx_inline_strings(void **state)
{
	(void)state;
	size_t len;
	void *buf = make_workbook(1, &len); /* constant_memory writes inlineStr */
	char *got = xlsx_read(buf, len, NULL);
	assert_string_equal(got, want_common);
	free(got);
	free(buf);
}

static void test_xlsx_truncated_and_flipped(void **state)
{
	(void)state;
	size_t len;
	unsigned char *buf = make_workbook(0, &len);
	unsigned char *copy = xmalloc(len);
	assert_non_null(copy);
	/* Every truncation is an error, never a crash. */
	for (size_t cut = 0; cut < len; cut += 13) {
		char err[256] = "";
		int rc = tab_read(TAB_XLSX, buf, cut, NULL, NULL, err, sizeof err);
		assert_int_equal(rc, -1);
		assert_true(err[0] != '\0');
	}
	/* Bit flips anywhere: 0 or -1, never a crash. */
	for (size_t at = 0; at < len; at += 7) {
		memcpy(copy, buf, len);
		copy[at] ^= 0x5A;
		char err[256] = "";
		int rc = tab_read(TAB_XLSX, copy, len, NULL, NULL, err, sizeof err);
		assert_true(rc == 0 || (rc == -1 && err[0]));
	}
	free(copy);
	free(buf);
	const char junk[] = "PK\x03\x04 this is not a zip at all";
	read_fails(TAB_XLSX, junk, sizeof junk - 1, NULL, "not a valid XLSX");
	read_fails(TAB_XLSX, "", 0, NULL, "not a valid XLSX");
}

/* ------------------------------------------------------------------ */
/* XLSX zipped by hand                                                  */

static const char rels_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId9\" Type=\"" RELTYPE "worksheet\" Target=\"worksheets/b.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" RELTYPE "worksheet\" Target=\"/xl/worksheets/./a.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" RELTYPE "sharedStrings\" Target=\"strings/../sst.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"" RELTYPE "styles\" Target=\"s.xml\"/>"
	"<Relationship Id=\"rId6\" Type=\"" RELTYPE "chartsheet\" Target=\"chartsheets/c.xml\"/>"
	"</Relationships>";

static const char wb_xml[] = "<workbook " NS " " RNS "><workbookPr date1904=\"1\"/><sheets>"
			     "<sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId6\"/>"
			     "<sheet name=\"First\" sheetId=\"1\" r:id=\"rId3\"/>"
			     "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId9\"/>"
			     "</sheets></workbook>";

static const char sst_xml[] = "<sst " NS " count=\"3\" uniqueCount=\"3\">"
			      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
			      "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">A </t></r>"
			      "<r><t>&amp; B_x000D_</t></r></si>"
			      "<si><t/></si>"
			      "</sst>";

static const char styles_xml[] = "<styleSheet " NS "><numFmts count=\"1\">"
				 "<numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;\"/>"
				 "</numFmts>"
				 "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
				 "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
				 "<xf numFmtId=\"46\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";

static const char sheet_a[] = "<worksheet " NS "><sheetData>"
			      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
			      "<c r=\"D2\" t=\"s\"><v>2</v></c><c r=\"E2\" t=\"e\"><v>#N/A</v></c></row>"
			      "<row><c r=\"A3\" t=\"str\"><f>A1&amp;\"x\"</f><v>tab_x0009_end</v></c>"
			      "<c r=\"B3\" s=\"1\"><v>0</v></c><c r=\"C3\" s=\"3\"><v>1462.5</v></c>"
			      "<c r=\"D3\" s=\"2\"><v>1.25</v></c><c r=\"E3\" t=\"inlineStr\"><is><t>in</t>"
			      "<r><t>line</t></r><rPh><t>x</t></rPh></is></c>"
			      "<c r=\"F3\" t=\"d\"><v>2024-05-01</v></c></row>"
			      "<row r=\"5\"><c r=\"C5\" s=\"9\"/><c r=\"B5\"><f>1/0</f></c></row>"
			      "<row r=\"6\"><c r=\"b6\"><v>-3.5E+2</v></c><c r=\"A6\"><v>1</v></c></row>"
			      "</sheetData><mergeCells count=\"0\"/></worksheet>";

static void test_xlsx_hand_parts(void **state)
{
	(void)state;
	struct part parts[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"xl/_rels/workbook.xml.rels", rels_xml},
		{"xl/workbook.xml", wb_xml},
		{"xl/sst.xml", sst_xml},
		{"xl/s.xml", styles_xml},
		{"xl/worksheets/b.xml",
		 "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"},
		{"xl/worksheets/a.xml", sheet_a},
	};
	for (int store = 0; store <= 1; store++) {
		size_t len;
		void *buf = zip_parts(parts, sizeof parts / sizeof parts[0], store, &len);
		char *got = xlsx_read(buf, len, NULL);
		/* 1904 system: 0 = 1904-01-01, 1462 = 1908-01-02; "[h]" (46)
		 * is a duration and stays a number; empty shared string and
		 * cells without values do not extend the row. */
		assert_string_equal(got, "2:東京|A & B\r|||#N/A\n"
					 "3:tab\tend|1904-01-01|1908-01-02|1.25|inline|2024-05-01\n"
					 "6:1|-3.5E+2\n");
		free(got);
		free(buf);
	}
}

static void test_xlsx_number_formats(void **state)
{
	(void)state;
	static const char styles[] = "<styleSheet><numFmts>"
				     "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
				     "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/>"
				     "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0.00_);(#,##0)\"/>"
				     "<numFmt numFmtId=\"167\" formatCode=\"[Red\"/>"
				     "<numFmt numFmtId=\"168\" formatCode=\"h:mm:ss AM/PM\"/>"
				     "<numFmt numFmtId=\"169\" formatCode=\"&quot;day&quot; 0\"/>"
				     "<numFmt numFmtId=\"170\" formatCode=\"0.00E+00;@\"/>"
				     "<numFmt numFmtId=\"14\" formatCode=\"0.000\"/>" /* redefines a built-in */
				     "<numFmt numFmtId=\"171\" formatCode=\"&quot;unclosed\"/>"
				     "</numFmts><cellXfs>"
				     "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
				     "<xf numFmtId=\"167\"/><xf numFmtId=\"168\"/><xf numFmtId=\"169\"/>"
				     "<xf numFmtId=\"170\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/>"
				     "<xf numFmtId=\"20\"/><xf numFmtId=\"171\"/><xf numFmtId=\"31\"/>"
				     "</cellXfs></styleSheet>";
	static const char sheet[] =
		"<worksheet><sheetData><row>"
		"<c s=\"0\"><v>45306</v></c><c s=\"1\"><v>1.5</v></c><c s=\"2\"><v>45306</v></c>"
		"<c s=\"3\"><v>45306</v></c><c s=\"4\"><v>0.75</v></c><c s=\"5\"><v>7</v></c>"
		"<c s=\"6\"><v>45306</v></c><c s=\"7\"><v>45306</v></c>"
		"<c s=\"8\"><v>45306.99999999999</v></c><c s=\"9\"><v>.5</v></c>"
		"<c s=\"10\"><v>45306</v></c><c s=\"11\"><v>45306</v></c></row><row>"
		"<c s=\"0\"><v>4.5E+4</v></c><c s=\"0\"><v>-1</v></c><c s=\"0\"><v>60</v></c>"
		"<c s=\"0\"><v>12345678</v></c><c s=\"0\"><v>.</v></c><c s=\"8\"><v>0.5</v></c>"
		"<c t=\"inlineStr\"><v>v_x4E2D_</v></c><c t=\"str\"><v>_xZZZZ__x0000__xD800_</v></c>"
		"<c t=\"b\"><v>2</v></c><c t=\"bogus\"><v>9</v></c></row></sheetData></worksheet>";
	struct part parts[] = {{"xl/styles.xml", styles}, {"xl/worksheets/sheet1.xml", sheet}};
	size_t len;
	void *buf = zip_parts(parts, 2, 0, &len);
	char *got = xlsx_read(buf, len, NULL);
	assert_string_equal(got, "1:2024-01-15|1.5|45306|45306|18:00:00|7|45306|45306|"
				 "2024-01-16 00:00:00|12:00:00|45306|2024-01-15\n"
				 "2:4.5E+4|-1|60|12345678|.|0.5|v中|_xZZZZ__x0000__xD800_|2|9\n");
	free(got);
	free(buf);
	int rc = tab_read(TAB_XLSX, NULL, 5, NULL, NULL, NULL, 0);
	assert_int_equal(rc, -1);
}

static void test_xlsx_fallback_sheet1(void **state)
{
	(void)state;
	/* No workbook, no rels, no styles, no shared strings. */
	struct part parts[] = {
		{"xl/worksheets/sheet1.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"urn:x\">"
		 "<x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c>"
		 "<x:c><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>"},
	};
	size_t len;
	void *buf = zip_parts(parts, 1, 0, &len);
	char *got = xlsx_read(buf, len, NULL);
	assert_string_equal(got, "1:前缀|42\n");
	free(got);
	free(buf);
}

static void test_xlsx_stop(void **state)
{
	(void)state;
	struct part parts[] = {
		{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></c></row>"
					     "<row><c><v>2</v></c></row><row><c><v>3</v></c></row>"
					     "</sheetData></worksheet>"},
	};
	size_t len;
	void *buf = zip_parts(parts, 1, 0, &len);
	seen v = {.stop_at = 2, .stop_rc = 42};
	seen_put(&v, "");
	assert_int_equal(tab_read(TAB_XLSX, buf, len, on_row, &v, NULL, 0), 42);
	assert_string_equal(v.s, "1:1\n2:2\n");
	free(v.s);
	free(buf);
}

/* A one-part workbook with the given sheet XML must fail with needle. */
static void sheet_fails(const char *sheet_xml, const char *sst, const tab_opts *o, const char *needle)
{
	struct part parts[2] = {{"xl/worksheets/sheet1.xml", sheet_xml}, {"xl/sharedStrings.xml", sst}};
	size_t len;
	void *buf = zip_parts(parts, sst ? 2 : 1, 0, &len);
	read_fails(TAB_XLSX, buf, len, o, needle);
	free(buf);
}

static void test_xlsx_malformed_parts(void **state)
{
	(void)state;
	const char *sst1 = "<sst><si><t>only</t></si></sst>";
	sheet_fails("<worksheet><sheetData><row><c t=\"s\"><v>1</v></c></row></sheetData></worksheet>", sst1, NULL,
		    "shared string 1 does not exist");
	sheet_fails("<worksheet><sheetData><row><c t=\"s\"><v>x</v></c></row></sheetData></worksheet>", sst1, NULL,
		    "bad shared string index");
	sheet_fails("<worksheet><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData></worksheet>", NULL, NULL,
		    "rows out of order");
	sheet_fails("<worksheet><sheetData><row r=\"1048577\"/></sheetData></worksheet>", NULL, NULL, "bad row number");
	sheet_fails("<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>", NULL, NULL,
		    "too many columns");
	sheet_fails("<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData></worksheet>", NULL, NULL,
		    "bad cell reference");
	sheet_fails("<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", NULL, NULL,
		    "XML error at line 1: mismatched tag");
	sheet_fails("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
		    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c>"
		    "</row></sheetData></worksheet>",
		    NULL, NULL, "DOCTYPE");
	sheet_fails("", NULL, NULL, "XML error");
	tab_opts cols = {.max_cols = 2};
	sheet_fails("<worksheet><sheetData><row><c r=\"C1\"><v>1</v></c></row></sheetData></worksheet>", NULL, &cols,
		    "too many columns (more than 2)");
	sheet_fails("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>1</v></c>"
		    "<c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>",
		    NULL, &cols, "too many cells");
	tab_opts strs = {.max_strings = 1};
	sheet_fails("<worksheet/>", "<sst><si><t>a</t></si><si><t>b</t></si></sst>", &strs,
		    "more than 1 shared strings");
	/* Not a workbook at all. */
	struct part other[] = {{"word/document.xml", "<document/>"}};
	size_t len;
	void *buf = zip_parts(other, 1, 0, &len);
	read_fails(TAB_XLSX, buf, len, NULL, "no worksheet found");
	free(buf);
}

static void test_xlsx_zip_bomb_cap(void **state)
{
	(void)state;
	/* 1 MiB of XML that deflates to about 1 KiB. */
	size_t n = 1 << 20;
	char *xml = xmalloc(n + 64);
	assert_non_null(xml);
	size_t at = (size_t)snprintf(xml, n + 64, "<worksheet><sheetData>");
	while (at < n)
		at += (size_t)snprintf(xml + at, n + 64 - at, "<row/>");
	snprintf(xml + at, n + 64 - at, "</sheetData></worksheet>");
	struct part parts[] = {{"xl/worksheets/sheet1.xml", xml}};
	size_t len;
	void *buf = zip_parts(parts, 1, 0, &len);
	assert_true(len < 16384);
	tab_opts o = {.max_entry_bytes = 100000};
	read_fails(TAB_XLSX, buf, len, &o, "zip bomb");
	/* Within the default cap it reads (no rows: all empty). */
	char *got = xlsx_read(buf, len, NULL);
	assert_string_equal(got, "");
	free(got);
	free(buf);
	free(xml);
}

static void test_xlsx_crc_mismatch(void **state)
{
	(void)state;
	struct part parts[] = {
		{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c t=\"inlineStr\"><is>"
					     "<t>AAAA</t></is></c></row></sheetData></worksheet>"},
	};
	size_t len;
	unsigned char *buf = zip_parts(parts, 1, 1 /* stored */, &len);
	unsigned char *p = memmem(buf, len, "AAAA", 4);
	assert_non_null(p);
	p[3] = 'B';
	read_fails(TAB_XLSX, buf, len, NULL, "CRC mismatch");
	free(buf);
}

/* ------------------------------------------------------------------ */
/* helpers: detect, load, dates                                         */

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(tab_detect("PK\x03\x04rest", 8), TAB_XLSX);
	assert_int_equal(tab_detect("PK\x05\x06", 4), TAB_XLSX);
	assert_int_equal(tab_detect("PK\x03", 3), TAB_CSV);
	assert_int_equal(tab_detect("a,b\n", 4), TAB_CSV);
	assert_int_equal(tab_detect(NULL, 0), TAB_CSV);
}

static void test_load_file(void **state)
{
	(void)state;
	void *buf = (void *)1;
	size_t len = 99;
	char err[256];
	assert_int_equal(tab_load_file("/nonexistent/zj.csv", 100, &buf, &len, err, sizeof err), -1);
	assert_null(buf);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(tab_load_file("/tmp", 100, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a regular file"));

	char path[128];
	tmp_path(path, sizeof path, "f.csv");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("a,b\n", f);
	fclose(f);
	assert_int_equal(tab_load_file(path, 3, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "too large"));
	assert_int_equal(tab_load_file(path, 4, &buf, &len, err, sizeof err), 0);
	assert_int_equal(len, 4);
	assert_string_equal(buf, "a,b\n");
	free(buf);
	unlink(path);
}

static void test_excel_serial(void **state)
{
	(void)state;
	char out[11];
	struct {
		long serial;
		int d1904;
		const char *want;
	} cases[] = {
		{1, 0, "1900-01-01"},
		{59, 0, "1900-02-28"},
		{60, 0, NULL},
		{61, 0, "1900-03-01"},
		{0, 0, NULL},
		{36526, 0, "2000-01-01"},
		{45306, 0, "2024-01-15"},
		{45351, 0, "2024-02-29"},
		{2958465, 0, "9999-12-31"},
		{2958466, 0, NULL},
		{-1, 0, NULL},
		{0, 1, "1904-01-01"},
		{1462, 1, "1908-01-02"},
		{2957003, 1, "9999-12-31"},
		{2957004, 1, NULL},
		{-1, 1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = tab_excel_serial_to_iso(cases[i].serial, cases[i].d1904, out);
		if (!cases[i].want) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].want);
	}
	/* Every day of 1900..9999 round-trips in order. */
	char prev[11] = "1900-02-28";
	for (long s = 61; s <= 2958465; s += 1) {
		assert_int_equal(tab_excel_serial_to_iso(s, 0, out), 0);
		if (strcmp(prev, out) >= 0)
			fail_msg("serial %ld: %s after %s", s, out, prev);
		memcpy(prev, out, sizeof out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_basic),
		cmocka_unit_test(test_csv_bom_crlf_blank_lines),
		cmocka_unit_test(test_csv_quoted_fields),
		cmocka_unit_test(test_csv_trailing_empty_and_spaces),
		cmocka_unit_test(test_csv_gb18030),
		cmocka_unit_test(test_csv_empty_inputs),
		cmocka_unit_test(test_csv_malformed),
		cmocka_unit_test(test_csv_utf8_validation),
		cmocka_unit_test(test_csv_limits),
		cmocka_unit_test(test_csv_callback_stops),
		cmocka_unit_test(test_csv_big),
		cmocka_unit_test(test_xlsx_libxlsxwriter),
		cmocka_unit_test(test_xlsx_inline_strings),
		cmocka_unit_test(test_xlsx_truncated_and_flipped),
		cmocka_unit_test(test_xlsx_hand_parts),
		cmocka_unit_test(test_xlsx_number_formats),
		cmocka_unit_test(test_xlsx_fallback_sheet1),
		cmocka_unit_test(test_xlsx_stop),
		cmocka_unit_test(test_xlsx_malformed_parts),
		cmocka_unit_test(test_xlsx_zip_bomb_cap),
		cmocka_unit_test(test_xlsx_crc_mismatch),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_excel_serial),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
