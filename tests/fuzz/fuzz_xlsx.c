/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (src/lib/tabular.c).
 * Two modes, chosen by the input:
 *   - input starting with "PK": the bytes are the .xlsx file itself, which
 *     fuzzes minizip over the memory adapter, inflating and the size caps;
 *   - anything else: the input is up to five XML parts separated by the
 *     line "%%" (sheet, sharedStrings, styles, workbook, workbook rels, in
 *     that order; absent parts are left out of the zip). They are packed
 *     here into a stored (uncompressed) zip with correct CRCs, so the
 *     fuzzer mutates XML directly instead of fighting deflate and CRC32.
 * Rows are checked by tabcheck.h. Built and run by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "tabcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",       "xl/styles.xml",
	"xl/workbook.xml",          "xl/_rels/workbook.xml.rels",
};
#define NPARTS (sizeof part_names / sizeof part_names[0])

static unsigned char *put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	return p + 2;
}

static unsigned char *put32(unsigned char *p, unsigned long v)
{
	p = put16(p, (unsigned)(v & 0xFFFF));
	return put16(p, (unsigned)(v >> 16));
}

/* Pack parts into a stored zip; returns a malloc'ed buffer. */
static unsigned char *make_zip(const uint8_t *const *part, const size_t *plen, size_t n, size_t *outlen)
{
	size_t cap = 22;
	for (size_t i = 0; i < n; i++)
		cap += 30 + 46 + 2 * strlen(part_names[i]) + plen[i];
	unsigned char *z = malloc(cap), *p = z;
	if (!z)
		return NULL;
	unsigned long crc[NPARTS], off[NPARTS];
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(part_names[i]);
		crc[i] = crc32(0L, part[i], (uInt)plen[i]);
		off[i] = (unsigned long)(p - z);
		p = put32(p, 0x04034b50UL);
		p = put16(p, 20);
		p = put16(p, 0);
		p = put16(p, 0); /* stored */
		p = put16(p, 0);
		p = put16(p, 0x21);
		p = put32(p, crc[i]);
		p = put32(p, plen[i]);
		p = put32(p, plen[i]);
		p = put16(p, (unsigned)nl);
		p = put16(p, 0);
		memcpy(p, part_names[i], nl);
		p += nl;
		if (plen[i])
			memcpy(p, part[i], plen[i]);
		p += plen[i];
	}
	unsigned long cd = (unsigned long)(p - z);
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(part_names[i]);
		p = put32(p, 0x02014b50UL);
		p = put16(p, 20);
		p = put16(p, 20);
		p = put16(p, 0);
		p = put16(p, 0);
		p = put16(p, 0);
		p = put16(p, 0x21);
		p = put32(p, crc[i]);
		p = put32(p, plen[i]);
		p = put32(p, plen[i]);
		p = put16(p, (unsigned)nl);
		p = put16(p, 0);
		p = put16(p, 0);
		p = put16(p, 0);
		p = put16(p, 0);
		p = put32(p, 0);
		p = put32(p, off[i]);
		memcpy(p, part_names[i], nl);
		p += nl;
	}
	unsigned long cdlen = (unsigned long)(p - z) - cd;
	p = put32(p, 0x06054b50UL);
	p = put16(p, 0);
	p = put16(p, 0);
	p = put16(p, (unsigned)n);
	p = put16(p, (unsigned)n);
	p = put32(p, cdlen);
	p = put32(p, cd);
	p = put16(p, 0);
	*outlen = (size_t)(p - z);
	return z;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		tabcheck_run(TAB_XLSX, data, size, NULL, 0);
		return 0;
	}
	const uint8_t *part[NPARTS];
	size_t plen[NPARTS], n = 0;
	const uint8_t *s = data, *end = data + size;
	while (n < NPARTS) {
		const uint8_t *sep = NULL;
		for (const uint8_t *q = s; q + 4 <= end; q++)
			if (!memcmp(q, "\n%%\n", 4)) {
				sep = q;
				break;
			}
		part[n] = s;
		plen[n] = (size_t)((sep ? sep : end) - s);
		n++;
		if (!sep)
			break;
		s = sep + 4;
	}
	size_t zlen;
	unsigned char *z = make_zip(part, plen, n, &zlen);
	if (!z)
		return 0;
	/* The low bits of the size pick options and an early stop. */
	tab_opts o = {.flags = (size & 1) ? TAB_RAW_DATES : 0, .max_entry_bytes = (size & 2) ? 4096 : 0};
	tabcheck_run(TAB_XLSX, z, zlen, &o, (long)(size >> 2) % 4);
	free(z);
	return 0;
}
