/* tabular.c — CSV (libcsv) and XLSX (minizip over an in-memory zip + expat)
 * readers that stream rows to a callback; the contract is in tabular.h.
 *
 * Layout of this file:
 *   1. small helpers: capped byte buffer, error text, UTF-8 check
 *   2. the row emitter shared by both formats (cells -> pointer array -> cb)
 *   3. CSV: encoding checks, GB18030 fallback, libcsv callbacks
 *   4. XLSX: memory file adapter for minizip, entry streaming into expat,
 *      then one small state machine per part (rels, workbook, styles,
 *      shared strings, worksheet), and the Excel date arithmetic
 *   5. tab_load_file()
 * Everything hostile is bounded by tab_opts; every failure path frees what
 * it allocated (the unit tests and fuzzers run under ASan/LSan). */
#include "lib/tabular.h"
#include "lib/date.h"
#include "lib/utf8.h"

#include <csv.h>
#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>

/* ---------------------------------------------------------------------- */
/* 1. helpers                                                              */

typedef struct bbuf {
	char *p;
	size_t n, cap;
} bbuf;

/* Make room for add more bytes plus a NUL. Returns 0, or -1 on overflow or
 * allocation failure. */
static int bb_reserve(bbuf *b, size_t add)
{
	if (add > SIZE_MAX - b->n - 1)
		return -1;
	size_t need = b->n + add + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int bb_put(bbuf *b, const void *s, size_t n)
{
	if (bb_reserve(b, n))
		return -1;
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

/* Empty the buffer but keep it NUL-terminated for readers of b->p. */
static void bb_clear(bbuf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

static void bb_free(bbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

static void __attribute__((format(printf, 3, 4))) set_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Write code point cp (below U+10000: all that _xHHHH_ can name) as UTF-8
 * to out; returns the byte count. */
static size_t utf8_put(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Spreadsheet column name of 1-based col ("A", "AB", "XFD"). */
static void col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0;
	while (col > 0 && n < 7) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* ---------------------------------------------------------------------- */
/* 2. the row emitter                                                      */

struct tcell {
	int col;    /* 0-based */
	size_t off; /* into text */
};

typedef struct emitter {
	tab_row_cb cb;
	void *ud;
	char *err;
	size_t errlen;
	unsigned flags;
	size_t max_entry;
	int max_cols;
	long max_cells, max_strings;
	long ncells; /* reported so far */
	int failed;  /* an error is in err */
	int stop;    /* the callback's non-zero return */
	bbuf text;   /* the current row's cell texts, NUL-separated */
	struct tcell *cells;
	size_t ncell, capcell;
	const char **ptrs;
	size_t capptrs;
} emitter;

static void __attribute__((format(printf, 2, 3))) em_fail(emitter *e, const char *fmt, ...)
{
	if (e->failed)
		return;
	e->failed = 1;
	if (!e->err || !e->errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->err, e->errlen, fmt, ap);
	va_end(ap);
}

static void em_reset_row(emitter *e)
{
	bb_clear(&e->text);
	e->ncell = 0;
}

/* Add a cell with text s[0..n) at 0-based column col. */
static int em_add(emitter *e, int col, const char *s, size_t n)
{
	if (e->ncell == e->capcell) {
		size_t cap = e->capcell ? e->capcell * 2 : 32;
		struct tcell *c = realloc(e->cells, cap * sizeof *c);
		if (!c) {
			em_fail(e, "out of memory");
			return -1;
		}
		e->cells = c;
		e->capcell = cap;
	}
	size_t off = e->text.n;
	if (bb_put(&e->text, s, n) || bb_put(&e->text, "", 1)) {
		em_fail(e, "out of memory");
		return -1;
	}
	e->cells[e->ncell].col = col;
	e->cells[e->ncell].off = off;
	e->ncell++;
	return 0;
}

/* Deliver the collected cells as row row_no with ncols columns (gaps are
 * ""; a later cell for the same column wins). Rows with ncols 0 are not
 * delivered. Returns 0 to go on, 1 when reading must stop (callback asked
 * to, or a limit was hit). */
static int em_emit(emitter *e, long row_no, int ncols)
{
	if (ncols <= 0) {
		em_reset_row(e);
		return 0;
	}
	if (ncols > e->max_cols) {
		em_fail(e, "row %ld: too many columns (more than %d)", row_no, e->max_cols);
		return 1;
	}
	if ((long)ncols > e->max_cells - e->ncells) {
		em_fail(e, "row %ld: more than %ld cells in the file; refusing", row_no, e->max_cells);
		return 1;
	}
	e->ncells += ncols;
	if ((size_t)ncols > e->capptrs) {
		const char **p = realloc(e->ptrs, (size_t)ncols * sizeof *p);
		if (!p) {
			em_fail(e, "out of memory");
			return 1;
		}
		e->ptrs = p;
		e->capptrs = (size_t)ncols;
	}
	for (int i = 0; i < ncols; i++)
		e->ptrs[i] = "";
	for (size_t i = 0; i < e->ncell; i++)
		if (e->cells[i].col < ncols)
			e->ptrs[e->cells[i].col] = e->text.p + e->cells[i].off;
	int rc = e->cb ? e->cb(e->ud, row_no, ncols, e->ptrs) : 0;
	em_reset_row(e);
	if (rc) {
		e->stop = rc;
		return 1;
	}
	return 0;
}

static void em_free(emitter *e)
{
	bb_free(&e->text);
	free(e->cells);
	free(e->ptrs);
}

/* ---------------------------------------------------------------------- */
/* 3. CSV                                                                  */

/* libcsv keeps its state names private; these match its csv.c (3.0.x). A
 * parser left in FIELD_BEGUN with `quoted` set ran off the end inside a
 * quoted field. */
enum { LIBCSV_FIELD_BEGUN = 2 };

#define CSV_CHUNK ((size_t)64 << 10)

typedef struct csvctx {
	emitter *e;
	long row_no;   /* records seen, blank ones included */
	int last_term; /* terminator of the previous record */
	int halted;
} csvctx;

static void csv_on_field(void *s, size_t n, void *data)
{
	csvctx *c = data;
	if (c->halted)
		return;
	if (c->e->ncell >= (size_t)c->e->max_cols) {
		em_fail(c->e, "row %ld: too many columns (more than %d)", c->row_no + 1, c->e->max_cols);
		c->halted = 1;
		return;
	}
	if (em_add(c->e, (int)c->e->ncell, s ? s : "", s ? n : 0))
		c->halted = 1;
}

static void csv_on_row(int term, void *data)
{
	csvctx *c = data;
	if (c->halted)
		return;
	/* With CSV_REPALL_NL libcsv reports the LF of a CRLF as an empty
	 * record of its own; it is not a line. */
	if (c->e->ncell == 0 && term == '\n' && c->last_term == '\r') {
		c->last_term = '\n';
		return;
	}
	c->last_term = term;
	c->row_no++;
	if (em_emit(c->e, c->row_no, (int)c->e->ncell))
		c->halted = 1;
}

/* Convert GB18030 to UTF-8 into a new buffer. Returns NULL and sets
 * *bad_at to the offending offset (or SIZE_MAX when iconv is unavailable
 * or memory ran out). */
static char *gb18030_to_utf8(const char *s, size_t len, size_t *outlen, size_t *bad_at)
{
	*bad_at = SIZE_MAX;
	if (len > (SIZE_MAX - 16) / 2)
		return NULL;
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 2 + 16; /* GB18030 -> UTF-8 grows at most 1.5x */
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	char *in = (char *)s, *o = out;
	size_t inleft = len, outleft = cap - 1;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1) {
		*bad_at = (size_t)(in - s);
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

static int read_csv(emitter *e, const unsigned char *s, size_t len)
{
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		em_fail(e, "UTF-16 text is not supported; save the file as \"CSV UTF-8\"");
		return -1;
	}
	int bom = len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
	if (bom) {
		s += 3;
		len -= 3;
	}
	const unsigned char *nul = memchr(s, 0, len);
	if (nul) {
		em_fail(e, "binary data (NUL byte at offset %zu); not a CSV text file",
			(size_t)(nul - s) + (bom ? 3 : 0));
		return -1;
	}
	char *conv = NULL;
	size_t bad = utf8_invalid_at(s, len);
	if (bad < len && (bom || (e->flags & TAB_UTF8_ONLY))) {
		/* A BOM says UTF-8: a bad byte is damage, not another encoding. */
		em_fail(e, "not valid UTF-8 (byte offset %zu)", bad + (bom ? 3 : 0));
		return -1;
	}
	if (bad < len) {
		size_t clen = 0, gbad;
		conv = gb18030_to_utf8((const char *)s, len, &clen, &gbad);
		if (!conv) {
			if (gbad == SIZE_MAX)
				em_fail(e, "not valid UTF-8 (byte offset %zu)", bad);
			else
				em_fail(e, "neither UTF-8 nor GB18030 text (invalid byte at offset %zu)", bad);
			return -1;
		}
		s = (const unsigned char *)conv;
		len = clen;
	}

	struct csv_parser p;
	if (csv_init(&p, CSV_REPALL_NL) != 0) {
		free(conv);
		em_fail(e, "out of memory");
		return -1;
	}
	csvctx c = {.e = e};
	for (size_t off = 0; off < len && !c.halted;) {
		size_t n = len - off < CSV_CHUNK ? len - off : CSV_CHUNK;
		/* libcsv grows its field buffer by blk_size at a time; growing by
		 * the current size instead keeps a 20 MiB field linear. */
		csv_set_blk_size(&p, p.entry_size > 128 ? p.entry_size : 128);
		if (csv_parse(&p, s + off, n, csv_on_field, csv_on_row, &c) != n) {
			em_fail(e, "CSV: %s", csv_strerror(csv_error(&p)));
			c.halted = 1;
			break;
		}
		off += n;
	}
	if (!c.halted) {
		if (p.pstate == LIBCSV_FIELD_BEGUN && p.quoted) {
			em_fail(e, "row %ld: quoted field is never closed (missing \")", c.row_no + 1);
			c.halted = 1;
		} else {
			csv_fini(&p, csv_on_field, csv_on_row, &c);
		}
	}
	csv_free(&p);
	free(conv);
	if (e->failed)
		return -1;
	return e->stop;
}

/* ---------------------------------------------------------------------- */
/* 4. XLSX                                                                 */

/* 4a. minizip file functions over a memory buffer. */

typedef struct memsrc {
	const unsigned char *data;
	size_t len;
} memsrc;

typedef struct memstream {
	const memsrc *src;
	size_t pos;
} memstream;

static voidpf ZCALLBACK mz_open(voidpf opaque, const void *filename, int mode)
{
	(void)filename;
	if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
		return NULL;
	memstream *s = calloc(1, sizeof *s);
	if (s)
		s->src = opaque;
	return s;
}

static uLong ZCALLBACK mz_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	(void)opaque;
	memstream *s = stream;
	size_t avail = s->src->len - s->pos;
	size_t n = (size_t)size < avail ? (size_t)size : avail;
	if (n)
		memcpy(buf, s->src->data + s->pos, n);
	s->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK mz_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque, (void)stream, (void)buf, (void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK mz_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((memstream *)stream)->pos;
}

static long ZCALLBACK mz_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	(void)opaque;
	memstream *s = stream;
	size_t base;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
	case ZLIB_FILEFUNC_SEEK_CUR: base = s->pos; break;
	case ZLIB_FILEFUNC_SEEK_END: base = s->src->len; break;
	default: return -1;
	}
	if (off > (ZPOS64_T)(s->src->len - base))
		return -1;
	s->pos = base + (size_t)off;
	return 0;
}

static int ZCALLBACK mz_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	free(stream);
	return 0;
}

static int ZCALLBACK mz_error(voidpf opaque, voidpf stream)
{
	(void)opaque, (void)stream;
	return 0;
}

/* 4b. the shared XLSX state and entry streaming. */

#define XML_CHUNK 65536
#define MAX_RELS 4096
#define MAX_XFS 65536
#define MAX_NUMFMTS 4096
#define MAX_PATH_LEN 512

enum { FMT_NONE, FMT_DATE, FMT_DATETIME, FMT_TIME };
enum { REL_OTHER, REL_WORKSHEET, REL_SST, REL_STYLES };

struct rel {
	char *id, *target;
	int type;
};

typedef struct xctx {
	emitter *e;
	unzFile uf;
	char *buf; /* XML_CHUNK bytes for inflating */
	/* from the rels and the workbook */
	struct rel *rels;
	size_t nrels;
	char sheet_path[MAX_PATH_LEN];
	char sst_path[MAX_PATH_LEN];
	char styles_path[MAX_PATH_LEN];
	int date1904;
	/* from styles: date class of each cellXfs entry */
	unsigned char *xf_class;
	size_t nxf;
	/* shared strings: NUL-terminated strings back to back */
	bbuf sst;
	uint32_t *sst_off;
	size_t nsst, capsst;
} xctx;

/* Every per-part parse state starts with this. */
typedef struct xdoc {
	XML_Parser p;
	xctx *x;
	const char *name; /* zip entry, for messages */
	int halted;
} xdoc;

static void xd_halt(xdoc *d)
{
	if (!d->halted) {
		d->halted = 1;
		XML_StopParser(d->p, XML_FALSE);
	}
}

static void __attribute__((format(printf, 2, 3))) xd_fail(xdoc *d, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	em_fail(d->x->e, "%s", msg);
	xd_halt(d);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	xdoc *d = ud;
	xd_fail(d, "%s: DOCTYPE declarations are not allowed in XLSX parts", d->name);
}

static const char *lname(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

/* Value of the attribute named exactly name, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

/* Value of a prefixed attribute whose local name is local (r:id). */
static const char *attr_ns(const XML_Char **atts, const char *local)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strchr(atts[i], ':') && !strcmp(lname(atts[i]), local))
			return atts[i + 1];
	return NULL;
}

/* Parse a whole decimal number 0..max (no sign, no spaces). -1 if not. */
static long parse_uint(const char *s, long max)
{
	if (!s || !*s)
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (max - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Stream zip entry name through expat with the given handlers and d as
 * user data. Returns 1 when parsed, 0 when the entry does not exist, -1 on
 * error or when the row callback stopped reading (see x->e). */
static int parse_entry(xctx *x, const char *name, xdoc *d, XML_StartElementHandler start, XML_EndElementHandler end,
		       XML_CharacterDataHandler text)
{
	emitter *e = x->e;
	if (unzLocateFile(x->uf, name, 2) != UNZ_OK)
		return 0;
	unz_file_info64 fi;
	if (unzGetCurrentFileInfo64(x->uf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		em_fail(e, "%s: corrupt zip directory entry", name);
		return -1;
	}
	if (fi.flag & 1) {
		em_fail(e, "%s: encrypted zip entries are not supported", name);
		return -1;
	}
	if (fi.compression_method != 0 && fi.compression_method != Z_DEFLATED) {
		em_fail(e, "%s: unsupported zip compression method %lu", name, (unsigned long)fi.compression_method);
		return -1;
	}
	if (unzOpenCurrentFile(x->uf) != UNZ_OK) {
		em_fail(e, "%s: cannot open zip entry (corrupt file?)", name);
		return -1;
	}
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p) {
		unzCloseCurrentFile(x->uf);
		em_fail(e, "out of memory");
		return -1;
	}
	d->p = p;
	d->x = x;
	d->name = name;
	d->halted = 0;
	XML_SetUserData(p, d);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);

	size_t total = 0;
	for (;;) {
		int n = unzReadCurrentFile(x->uf, x->buf, XML_CHUNK);
		if (n < 0) {
			em_fail(e, "%s: corrupt compressed data (zip error %d)", name, n);
			break;
		}
		if ((size_t)n > e->max_entry - total) {
			em_fail(e, "%s: more than %zu bytes uncompressed; refusing (zip bomb?)", name, e->max_entry);
			break;
		}
		total += (size_t)n;
		if (XML_Parse(p, x->buf, n, n == 0) == XML_STATUS_ERROR) {
			if (!d->halted)
				em_fail(e, "%s: XML error at line %lu: %s", name,
					(unsigned long)XML_GetCurrentLineNumber(p),
					XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (d->halted || n == 0)
			break;
	}
	/* The CRC is only checked when the whole entry was read. */
	if (unzCloseCurrentFile(x->uf) == UNZ_CRCERROR && !e->failed && !e->stop)
		em_fail(e, "%s: CRC mismatch (corrupt file)", name);
	XML_ParserFree(p);
	return (e->failed || e->stop) ? -1 : 1;
}

/* Resolve a relationship target against the folder "xl/" into out.
 * Returns 0, or -1 when it escapes the package root or is too long. */
static int resolve_target(const char *target, char out[MAX_PATH_LEN])
{
	char tmp[MAX_PATH_LEN];
	int n;
	if (target[0] == '/')
		n = snprintf(tmp, sizeof tmp, "%s", target + 1);
	else
		n = snprintf(tmp, sizeof tmp, "xl/%s", target);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return -1;
	/* Normalise "." and ".." segments. */
	size_t o = 0;
	const char *s = tmp;
	while (*s) {
		const char *slash = strchr(s, '/');
		size_t len = slash ? (size_t)(slash - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (o == 0)
				return -1;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--; /* drop the slash too */
		} else {
			if (o)
				out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
		if (*s == '/')
			s++;
	}
	out[o] = '\0';
	return o ? 0 : -1;
}

/* 4c. xl/_rels/workbook.xml.rels */

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xdoc *d = ud;
	xctx *x = d->x;
	if (d->halted || strcmp(lname(name), "Relationship"))
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return;
	if (x->nrels >= MAX_RELS) {
		xd_fail(d, "%s: too many relationships", d->name);
		return;
	}
	int t = ends_with(type, "/worksheet")       ? REL_WORKSHEET
		: ends_with(type, "/sharedStrings") ? REL_SST
		: ends_with(type, "/styles")        ? REL_STYLES
						    : REL_OTHER;
	if (t == REL_OTHER)
		return; /* not needed: keep the list short */
	struct rel *r = &x->rels[x->nrels];
	r->id = strdup(id);
	r->target = strdup(target);
	r->type = t;
	x->nrels++; /* counted even on failure so the strings get freed */
	if (!r->id || !r->target) {
		xd_fail(d, "out of memory");
		return;
	}
	char path[MAX_PATH_LEN];
	if (t == REL_SST && !x->sst_path[0] && !resolve_target(target, path))
		memcpy(x->sst_path, path, sizeof path);
	if (t == REL_STYLES && !x->styles_path[0] && !resolve_target(target, path))
		memcpy(x->styles_path, path, sizeof path);
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void XMLCALL ignore_text(void *ud, const XML_Char *s, int len)
{
	(void)ud, (void)s, (void)len;
}

/* 4d. xl/workbook.xml: the first sheet that is a worksheet; date1904. */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xdoc *d = ud;
	xctx *x = d->x;
	if (d->halted)
		return;
	const char *ln = lname(name);
	if (!strcmp(ln, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(ln, "sheet") && !x->sheet_path[0]) {
		const char *rid = attr_ns(atts, "id");
		if (!rid)
			return;
		for (size_t i = 0; i < x->nrels; i++)
			if (x->rels[i].type == REL_WORKSHEET && !strcmp(x->rels[i].id, rid)) {
				char path[MAX_PATH_LEN];
				if (!resolve_target(x->rels[i].target, path))
					memcpy(x->sheet_path, path, sizeof path);
				break;
			}
	}
}

/* 4e. xl/styles.xml: which cell formats are dates. */

/* Classify an Excel number format code: strip quoted text, escapes, fill
 * and padding characters and [...] sections, then look for date (y, d, or m
 * without h/s) and time (h, s) letters in the first section. Elapsed-time
 * formats ([h]:mm) are durations, not times of day: FMT_NONE. */
static int fmt_classify(const char *code)
{
	int y = 0, d = 0, m = 0, h = 0, s = 0;
	for (const char *c = code; *c && *c != ';'; c++) {
		switch (*c) {
		case '"':
			c++;
			while (*c && *c != '"')
				c++;
			if (!*c)
				c--;
			break;
		case '\\':
		case '_':
		case '*':
			if (c[1])
				c++;
			break;
		case '[': {
			const char *close = strchr(c, ']');
			if (!close)
				return FMT_NONE;
			size_t len = (size_t)(close - c - 1);
			if (len && strspn(c + 1, "hHmMsS") == len)
				return FMT_NONE; /* [h] [mm] [ss]: elapsed */
			c = close;
			break;
		}
		case 'y':
		case 'Y': y = 1; break;
		case 'd':
		case 'D': d = 1; break;
		case 'm':
		case 'M': m = 1; break;
		case 'h':
		case 'H': h = 1; break;
		case 's':
		case 'S': s = 1; break;
		default: break;
		}
	}
	int date = y || d || (m && !h && !s);
	int time = h || s;
	return date && time ? FMT_DATETIME : date ? FMT_DATE : time ? FMT_TIME : FMT_NONE;
}

/* Built-in number formats (ECMA-376 18.8.30, plus the CJK ids 27-36 and
 * 50-58 that zh-CN Excel writes). */
static int builtin_fmt_class(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 ||
	    id == 58)
		return FMT_DATE;
	if (id == 22)
		return FMT_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 || id == 56)
		return FMT_TIME;
	return FMT_NONE;
}

struct numfmt {
	long id;
	int cls;
};

typedef struct stydoc {
	xdoc d;
	int in_xfs;
	long *xf_fmt;
	size_t nxf, capxf;
	struct numfmt *fmts;
	size_t nfmt;
} stydoc;

static void XMLCALL sty_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	stydoc *st = ud;
	if (st->d.halted)
		return;
	const char *ln = lname(name);
	if (!strcmp(ln, "cellXfs")) {
		st->in_xfs = 1;
	} else if (!strcmp(ln, "numFmt")) {
		long id = parse_uint(attr(atts, "numFmtId"), INT_MAX);
		const char *code = attr(atts, "formatCode");
		if (id < 0 || !code || st->nfmt >= MAX_NUMFMTS)
			return;
		st->fmts[st->nfmt].id = id;
		st->fmts[st->nfmt].cls = fmt_classify(code);
		st->nfmt++;
	} else if (!strcmp(ln, "xf") && st->in_xfs) {
		if (st->nxf >= MAX_XFS) {
			xd_fail(&st->d, "%s: too many cell formats", st->d.name);
			return;
		}
		if (st->nxf == st->capxf) {
			size_t cap = st->capxf ? st->capxf * 2 : 64;
			long *p = realloc(st->xf_fmt, cap * sizeof *p);
			if (!p) {
				xd_fail(&st->d, "out of memory");
				return;
			}
			st->xf_fmt = p;
			st->capxf = cap;
		}
		long id = parse_uint(attr(atts, "numFmtId"), INT_MAX);
		st->xf_fmt[st->nxf++] = id < 0 ? 0 : id;
	}
}

static void XMLCALL sty_end(void *ud, const XML_Char *name)
{
	stydoc *st = ud;
	if (!strcmp(lname(name), "cellXfs"))
		st->in_xfs = 0;
}

static int numfmt_cmp(const void *a, const void *b)
{
	long x = ((const struct numfmt *)a)->id, y = ((const struct numfmt *)b)->id;
	return (x > y) - (x < y);
}

static int read_styles(xctx *x)
{
	stydoc st = {0};
	st.fmts = calloc(MAX_NUMFMTS, sizeof *st.fmts);
	if (!st.fmts) {
		em_fail(x->e, "out of memory");
		return -1;
	}
	const char *path = x->styles_path[0] ? x->styles_path : "xl/styles.xml";
	int rc = parse_entry(x, path, &st.d, sty_start, sty_end, ignore_text);
	if (rc > 0 && st.nxf) {
		x->xf_class = malloc(st.nxf);
		if (!x->xf_class) {
			em_fail(x->e, "out of memory");
			rc = -1;
		} else {
			qsort(st.fmts, st.nfmt, sizeof *st.fmts, numfmt_cmp);
			for (size_t i = 0; i < st.nxf; i++) {
				struct numfmt key = {.id = st.xf_fmt[i]};
				const struct numfmt *f =
					st.nfmt ? bsearch(&key, st.fmts, st.nfmt, sizeof *st.fmts, numfmt_cmp) : NULL;
				int cls = f ? f->cls : builtin_fmt_class(st.xf_fmt[i]);
				x->xf_class[i] = (unsigned char)cls;
			}
			x->nxf = st.nxf;
		}
	}
	free(st.xf_fmt);
	free(st.fmts);
	return rc < 0 ? -1 : 0;
}

/* 4f. shared strings */

/* Decode the OOXML escapes _xHHHH_ in s[0..n) in place (the result is never
 * longer). _x0000_, surrogates and bad hex stay literal. Returns the new
 * length. */
static size_t decode_xstring(char *s, size_t n)
{
	size_t i = 0, o = 0;
	while (i < n) {
		if (s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
			unsigned long cp = 0;
			int ok = 1;
			for (int k = 2; k < 6; k++) {
				char c = s[i + k];
				int v = c >= '0' && c <= '9'   ? c - '0'
					: c >= 'a' && c <= 'f' ? c - 'a' + 10
					: c >= 'A' && c <= 'F' ? c - 'A' + 10
							       : -1;
				if (v < 0) {
					ok = 0;
					break;
				}
				cp = cp * 16 + (unsigned long)v;
			}
			if (ok && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				char tmp[3];
				size_t len = utf8_put(tmp, cp);
				memcpy(s + o, tmp, len);
				o += len;
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

typedef struct sstdoc {
	xdoc d;
	int in_si, in_t, rph;
	bbuf cur;
} sstdoc;

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	sstdoc *s = ud;
	if (s->d.halted)
		return;
	const char *ln = lname(name);
	if (!strcmp(ln, "si")) {
		s->in_si = 1;
		bb_clear(&s->cur);
		s->rph = 0;
		s->in_t = 0;
	} else if (!strcmp(ln, "rPh")) {
		s->rph++;
	} else if (!strcmp(ln, "t") && s->in_si && !s->rph) {
		s->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	sstdoc *s = ud;
	if (s->d.halted)
		return;
	xctx *x = s->d.x;
	const char *ln = lname(name);
	if (!strcmp(ln, "t")) {
		s->in_t = 0;
	} else if (!strcmp(ln, "rPh")) {
		if (s->rph)
			s->rph--;
	} else if (!strcmp(ln, "si") && s->in_si) {
		s->in_si = 0;
		if ((long)x->nsst >= x->e->max_strings) {
			xd_fail(&s->d, "%s: more than %ld shared strings; refusing", s->d.name, x->e->max_strings);
			return;
		}
		if (x->nsst == x->capsst) {
			size_t cap = x->capsst ? x->capsst * 2 : 256;
			uint32_t *p = realloc(x->sst_off, cap * sizeof *p);
			if (!p) {
				xd_fail(&s->d, "out of memory");
				return;
			}
			x->sst_off = p;
			x->capsst = cap;
		}
		size_t len = s->cur.n ? decode_xstring(s->cur.p, s->cur.n) : 0;
		if (x->sst.n + len + 1 > UINT32_MAX) {
			xd_fail(&s->d, "%s: shared strings too large", s->d.name);
			return;
		}
		x->sst_off[x->nsst] = (uint32_t)x->sst.n;
		if (bb_put(&x->sst, s->cur.p ? s->cur.p : "", len) || bb_put(&x->sst, "", 1)) {
			xd_fail(&s->d, "out of memory");
			return;
		}
		x->nsst++;
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *t, int len)
{
	sstdoc *s = ud;
	if (s->d.halted || !s->in_t || len <= 0)
		return;
	if (bb_put(&s->cur, t, (size_t)len))
		xd_fail(&s->d, "out of memory");
}

/* 4g. the worksheet */

enum { CT_N, CT_S, CT_INLINE, CT_STR, CT_B, CT_E, CT_D };

typedef struct sheetdoc {
	xdoc d;
	int in_data, in_row, in_c, in_v, in_is, in_t, rph;
	long row_no, last_row;
	int col, last_col, ctype, has_v, has_is, maxcol;
	long style;
	bbuf v, is;
} sheetdoc;

/* Parse a cell reference "B3" (letters, then optional digits): 1-based
 * column, or -1. */
static int parse_ref_col(const char *r)
{
	int col = 0, nl = 0;
	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++) {
		if (++nl > 3)
			return -1;
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
	}
	if (!nl)
		return -1;
	for (; *r; r++)
		if (*r < '0' || *r > '9')
			return -1;
	return col;
}

static int cell_type(const char *t)
{
	if (!t || !strcmp(t, "n"))
		return CT_N;
	if (!strcmp(t, "s"))
		return CT_S;
	if (!strcmp(t, "inlineStr"))
		return CT_INLINE;
	if (!strcmp(t, "str"))
		return CT_STR;
	if (!strcmp(t, "b"))
		return CT_B;
	if (!strcmp(t, "e"))
		return CT_E;
	if (!strcmp(t, "d"))
		return CT_D;
	return CT_N;
}

static void XMLCALL sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheetdoc *s = ud;
	if (s->d.halted)
		return;
	emitter *e = s->d.x->e;
	const char *ln = lname(name);
	if (!strcmp(ln, "sheetData")) {
		s->in_data = 1;
	} else if (!strcmp(ln, "row") && s->in_data) {
		const char *r = attr(atts, "r");
		long n = r ? parse_uint(r, TAB_MAX_ROW) : s->last_row + 1;
		if (n < 1 || n > TAB_MAX_ROW) {
			xd_fail(&s->d, "%s: bad row number \"%.20s\"", s->d.name, r ? r : "");
			return;
		}
		if (n <= s->last_row) {
			xd_fail(&s->d, "%s: rows out of order (row %ld after row %ld)", s->d.name, n, s->last_row);
			return;
		}
		s->row_no = n;
		s->in_row = 1;
		s->last_col = 0;
		s->maxcol = 0;
		em_reset_row(e);
	} else if (!strcmp(ln, "c") && s->in_row) {
		const char *r = attr(atts, "r");
		int col = r ? parse_ref_col(r) : s->last_col + 1;
		if (col < 1) {
			xd_fail(&s->d, "row %ld: bad cell reference \"%.20s\"", s->row_no, r);
			return;
		}
		if (col > e->max_cols) {
			xd_fail(&s->d, "row %ld: too many columns (more than %d)", s->row_no, e->max_cols);
			return;
		}
		s->col = s->last_col = col;
		s->ctype = cell_type(attr(atts, "t"));
		s->style = parse_uint(attr(atts, "s"), INT_MAX);
		s->in_c = 1;
		s->in_v = s->in_is = s->in_t = s->rph = 0;
		s->has_v = s->has_is = 0;
		bb_clear(&s->v);
		bb_clear(&s->is);
	} else if (s->in_c) {
		if (!strcmp(ln, "v")) {
			s->in_v = s->has_v = 1;
		} else if (!strcmp(ln, "is")) {
			s->in_is = s->has_is = 1;
		} else if (!strcmp(ln, "rPh") && s->in_is) {
			s->rph++;
		} else if (!strcmp(ln, "t") && s->in_is && !s->rph) {
			s->in_t = 1;
		}
	}
}

static void put2(char *o, unsigned v)
{
	o[0] = (char)('0' + v / 10 % 10);
	o[1] = (char)('0' + v % 10);
}

/* A date-styled numeric cell: "45292" / "45292.75" to ISO text in out
 * (≥ 20 bytes). Returns 0, or -1 to keep the stored text. */
static int serial_text_to_iso(const char *v, int cls, int date1904, char *out)
{
	long days = 0;
	int nd = 0;
	const char *c = v;
	for (; *c >= '0' && *c <= '9'; c++) {
		if (++nd > 7)
			return -1;
		days = days * 10 + (*c - '0');
	}
	uint64_t frac = 0; /* 12 decimal places */
	int nf = 0;
	if (*c == '.') {
		for (c++; *c >= '0' && *c <= '9'; c++, nf++)
			if (nf < 12)
				frac = frac * 10 + (uint64_t)(*c - '0');
	}
	if (*c || (nd == 0 && nf == 0))
		return -1;
	for (int k = nf; k < 12; k++)
		frac *= 10;
	const uint64_t one = 1000000000000ULL;
	uint64_t secs = (frac * 86400 + one / 2) / one;
	long tdays = days;
	if (secs >= 86400) {
		secs -= 86400;
		tdays++;
	}
	char hms[9];
	put2(hms, (unsigned)(secs / 3600));
	hms[2] = ':';
	put2(hms + 3, (unsigned)(secs / 60 % 60));
	hms[5] = ':';
	put2(hms + 6, (unsigned)(secs % 60));
	hms[8] = '\0';
	if (cls == FMT_TIME) {
		memcpy(out, hms, 9);
		return 0;
	}
	if (tab_excel_serial_to_iso(cls == FMT_DATE ? days : tdays, date1904, out))
		return -1;
	if (cls == FMT_DATETIME) {
		out[10] = ' ';
		memcpy(out + 11, hms, 9);
	}
	return 0;
}

/* Finish the current cell: compute its text and add it to the row. */
static void sh_cell_done(sheetdoc *s)
{
	xctx *x = s->d.x;
	emitter *e = x->e;
	const char *val = NULL;
	size_t len = 0;
	char tmp[32];
	switch (s->ctype) {
	case CT_S: {
		if (!s->has_v)
			return;
		long idx = parse_uint(s->v.p ? s->v.p : "", LONG_MAX);
		char ref[8];
		col_name(s->col, ref);
		if (idx < 0) {
			xd_fail(&s->d, "cell %s%ld: bad shared string index", ref, s->row_no);
			return;
		}
		if ((size_t)idx >= x->nsst) {
			xd_fail(&s->d, "cell %s%ld: shared string %ld does not exist (%zu strings)", ref, s->row_no,
				idx, x->nsst);
			return;
		}
		val = x->sst.p + x->sst_off[idx];
		len = strlen(val);
		break;
	}
	case CT_INLINE:
		if (s->has_is) {
			val = s->is.p;
			len = s->is.n ? decode_xstring(s->is.p, s->is.n) : 0;
		} else if (s->has_v) {
			val = s->v.p;
			len = s->v.n ? decode_xstring(s->v.p, s->v.n) : 0;
		}
		break;
	case CT_STR:
		if (s->has_v) {
			val = s->v.p;
			len = s->v.n ? decode_xstring(s->v.p, s->v.n) : 0;
		}
		break;
	case CT_B:
		if (s->has_v) {
			val = s->v.p;
			len = s->v.n;
			if (len == 1 && (val[0] == '0' || val[0] == '1')) {
				val = val[0] == '1' ? "TRUE" : "FALSE";
				len = strlen(val);
			}
		}
		break;
	default: /* CT_N, CT_E, CT_D */
		if (s->has_v) {
			val = s->v.p;
			len = s->v.n;
			if (s->ctype == CT_N && len && !(e->flags & TAB_RAW_DATES) && s->style >= 0 &&
			    (size_t)s->style < x->nxf && x->xf_class[s->style] != FMT_NONE &&
			    !serial_text_to_iso(val, x->xf_class[s->style], x->date1904, tmp)) {
				val = tmp;
				len = strlen(tmp);
			}
		}
		break;
	}
	if (!val || !len)
		return;
	if (e->ncell >= (size_t)e->max_cols) {
		xd_fail(&s->d, "row %ld: too many cells", s->row_no);
		return;
	}
	if (em_add(e, s->col - 1, val, len)) {
		xd_halt(&s->d);
		return;
	}
	if (s->col > s->maxcol)
		s->maxcol = s->col;
}

static void XMLCALL sh_end(void *ud, const XML_Char *name)
{
	sheetdoc *s = ud;
	if (s->d.halted)
		return;
	const char *ln = lname(name);
	if (s->in_c) {
		if (!strcmp(ln, "v")) {
			s->in_v = 0;
		} else if (!strcmp(ln, "t")) {
			s->in_t = 0;
		} else if (!strcmp(ln, "rPh")) {
			if (s->rph)
				s->rph--;
		} else if (!strcmp(ln, "is")) {
			s->in_is = 0;
		} else if (!strcmp(ln, "c")) {
			s->in_c = 0;
			sh_cell_done(s);
		}
	} else if (!strcmp(ln, "row") && s->in_row) {
		s->in_row = 0;
		s->last_row = s->row_no;
		if (em_emit(s->d.x->e, s->row_no, s->maxcol))
			xd_halt(&s->d);
	} else if (!strcmp(ln, "sheetData")) {
		s->in_data = 0;
	}
}

static void XMLCALL sh_text(void *ud, const XML_Char *t, int len)
{
	sheetdoc *s = ud;
	if (s->d.halted || len <= 0)
		return;
	bbuf *b = s->in_v ? &s->v : s->in_t ? &s->is : NULL;
	if (b && bb_put(b, t, (size_t)len))
		xd_fail(&s->d, "out of memory");
}

/* 4h. putting it together */

static int read_xlsx(emitter *e, const unsigned char *s, size_t len)
{
	memsrc src = {s, len};
	zlib_filefunc64_def ff = {
		.zopen64_file = mz_open,
		.zread_file = mz_read,
		.zwrite_file = mz_write,
		.ztell64_file = mz_tell,
		.zseek64_file = mz_seek,
		.zclose_file = mz_close,
		.zerror_file = mz_error,
		.opaque = &src,
	};
	xctx x = {.e = e};
	xdoc d = {0};
	sstdoc sd = {0};
	sheetdoc sh = {0};
	int rc;
	x.uf = unzOpen2_64("memory.xlsx", &ff);
	if (!x.uf) {
		em_fail(e, "not a valid XLSX file (cannot read the zip directory)");
		return -1;
	}
	x.buf = malloc(XML_CHUNK);
	x.rels = calloc(MAX_RELS, sizeof *x.rels);
	if (!x.buf || !x.rels) {
		em_fail(e, "out of memory");
		goto out;
	}

	if (parse_entry(&x, "xl/_rels/workbook.xml.rels", &d, rels_start, ignore_end, ignore_text) < 0)
		goto out;
	memset(&d, 0, sizeof d);
	if (parse_entry(&x, "xl/workbook.xml", &d, wb_start, ignore_end, ignore_text) < 0)
		goto out;
	if (!(e->flags & TAB_RAW_DATES) && read_styles(&x))
		goto out;

	if (parse_entry(&x, x.sst_path[0] ? x.sst_path : "xl/sharedStrings.xml", &sd.d, sst_start, sst_end, sst_text) <
	    0)
		goto out;

	const char *sheet = x.sheet_path[0] ? x.sheet_path : "xl/worksheets/sheet1.xml";
	rc = parse_entry(&x, sheet, &sh.d, sh_start, sh_end, sh_text);
	if (rc == 0)
		em_fail(e, "no worksheet found (%s is missing); is this an .xlsx workbook?", sheet);

out:
	bb_free(&sd.cur);
	bb_free(&sh.v);
	bb_free(&sh.is);
	unzClose(x.uf);
	free(x.buf);
	if (x.rels)
		for (size_t i = 0; i < x.nrels; i++) {
			free(x.rels[i].id);
			free(x.rels[i].target);
		}
	free(x.rels);
	free(x.xf_class);
	bb_free(&x.sst);
	free(x.sst_off);
	if (e->failed)
		return -1;
	return e->stop;
}

/* ---------------------------------------------------------------------- */
/* public entry points                                                     */

int tab_read_opts(tab_format f, const void *buf, size_t len, const tab_opts *opts, tab_row_cb cb, void *ud, char *err,
		  size_t errlen)
{
	emitter e = {.cb = cb, .ud = ud, .err = err, .errlen = errlen};
	e.flags = opts ? opts->flags : 0;
	e.max_entry = opts && opts->max_entry_bytes ? opts->max_entry_bytes : TAB_DEFAULT_MAX_ENTRY_BYTES;
	e.max_cols = opts && opts->max_cols > 0 ? opts->max_cols : TAB_DEFAULT_MAX_COLS;
	e.max_cells = opts && opts->max_cells > 0 ? opts->max_cells : TAB_DEFAULT_MAX_CELLS;
	e.max_strings = opts && opts->max_strings > 0 ? opts->max_strings : TAB_DEFAULT_MAX_STRINGS;
	if (err && errlen)
		err[0] = '\0';
	if (!buf && len) {
		set_err(err, errlen, "no data");
		return -1;
	}
	const unsigned char *s = buf ? buf : (const unsigned char *)"";
	int rc;
	if (len >= sizeof ole2_magic && !memcmp(s, ole2_magic, sizeof ole2_magic)) {
		em_fail(&e, "legacy .xls or password-protected workbook (OLE2 format) is not "
			    "supported; save it as .xlsx or CSV UTF-8");
		rc = -1;
	} else if (f == TAB_XLSX) {
		rc = read_xlsx(&e, s, len);
	} else {
		rc = read_csv(&e, s, len);
	}
	em_free(&e);
	return rc;
}

int tab_read(tab_format f, const void *buf, size_t len, tab_row_cb cb, void *ud, char *err, size_t errlen)
{
	return tab_read_opts(f, buf, len, NULL, cb, ud, err, errlen);
}

tab_format tab_detect(const void *buf, size_t len)
{
	const unsigned char *s = buf;
	if (s && len >= 4 && s[0] == 'P' && s[1] == 'K' && ((s[2] == 3 && s[3] == 4) || (s[2] == 5 && s[3] == 6)))
		return TAB_XLSX;
	return TAB_CSV;
}

int tab_excel_serial_to_iso(long serial, int date1904, char out[11])
{
	/* The one calendar (lib/date.c): serial days from the system's epoch. */
	date_days z;
	if (date1904) {
		if (serial < 0 || serial > 2957003)
			return -1;
		date_from_ymd(1904, 1, 1, &z);
	} else {
		if (serial < 1 || serial > 2958465 || serial == 60)
			return -1;
		/* Excel counts 1900-02-29, which did not exist. */
		date_from_ymd(1899, 12, serial < 60 ? 31 : 30, &z);
	}
	if (date_add_days(z, serial, &z) != DATE_OK)
		return -1;
	date_format(z, out);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* 5. tab_load_file                                                        */

int tab_load_file(const char *path, size_t max_bytes, void **buf, size_t *len, char *err, size_t errlen)
{
	*buf = NULL;
	*len = 0;
	if (err && errlen)
		err[0] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		set_err(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((uintmax_t)st.st_size > max_bytes || (uintmax_t)st.st_size >= SIZE_MAX) {
		set_err(err, errlen, "%s: file too large (%jd bytes, limit %zu)", path, (intmax_t)st.st_size,
			max_bytes);
		close(fd);
		return -1;
	}
	size_t want = (size_t)st.st_size;
	char *p = malloc(want + 1);
	if (!p) {
		set_err(err, errlen, "%s: out of memory", path);
		close(fd);
		return -1;
	}
	size_t got = 0;
	while (got < want) {
		ssize_t n = read(fd, p + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			set_err(err, errlen, "%s: %s", path, strerror(errno));
			free(p);
			close(fd);
			return -1;
		}
		if (n == 0)
			break; /* the file shrank meanwhile: take what is there */
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}
