/* public.c — the unit's public page (no sign-in), reached by the QR code on
 * the unit (特种设备安全法第三十九条/TSG 08-2017: the registration mark and
 * inspection mark are displayed on the unit; the code carries the same to a
 * phone): equipment code, user unit, maintenance unit and its emergency
 * phone, last inspection, next due. A unit is found by its public token —
 * 128 random bits, never the sequential id, so the register cannot be
 * walked. The QR code is drawn by libqrencode and written as a PNG here
 * (1-bit greyscale, stored deflate blocks: no image library needed). */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <qrencode.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void eq_new_token(char out[33])
{
	unsigned char r[16];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(out, 33, r, sizeof r);
}

static int token_ok(const char *t)
{
	if (!t || strlen(t) != 32)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

/* ---- PNG ---- */

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8),
	p[3] = (unsigned char)v;
}

/* Appends a chunk (type + data) to buf at *len. */
static void chunk(unsigned char *buf, size_t *len, const char *type, const unsigned char *data, size_t n)
{
	put32(buf + *len, (uint32_t)n);
	memcpy(buf + *len + 4, type, 4);
	if (n)
		memcpy(buf + *len + 8, data, n);
	put32(buf + *len + 8 + n, crc32_of(buf + *len + 4, n + 4));
	*len += 12 + n;
}

/* zlib stream of stored blocks around raw. */
static unsigned char *zstore(const unsigned char *raw, size_t n, size_t *zlen)
{
	size_t blocks = n / 65535 + 1;
	unsigned char *z = malloc(2 + n + blocks * 5 + 4);
	if (!z)
		return NULL;
	size_t w = 0;
	z[w++] = 0x78, z[w++] = 0x01;
	size_t off = 0;
	do {
		size_t len = n - off > 65535 ? 65535 : n - off;
		z[w++] = off + len == n ? 1 : 0;
		z[w++] = (unsigned char)(len & 0xff), z[w++] = (unsigned char)(len >> 8);
		z[w++] = (unsigned char)(~len & 0xff), z[w++] = (unsigned char)((~len >> 8) & 0xff);
		memcpy(z + w, raw + off, len);
		w += len, off += len;
	} while (off < n);
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < n; i++)
		a = (a + raw[i]) % 65521, b = (b + a) % 65521;
	put32(z + w, (b << 16) | a);
	*zlen = w + 4;
	return z;
}

unsigned char *eq_qr_png(const char *text, size_t *len)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	if (!crc_table[1])
		crc_init();
	const int scale = 8, margin = 4;
	int side = (q->width + 2 * margin) * scale;
	size_t row = (size_t)(side + 7) / 8 + 1;
	unsigned char *raw = calloc(row * (size_t)side, 1);
	if (!raw) {
		QRcode_free(q);
		return NULL;
	}
	for (int y = 0; y < side; y++) {
		unsigned char *r = raw + (size_t)y * row;
		r[0] = 0; /* filter: none */
		for (int x = 0; x < side; x++) {
			int mx = x / scale - margin, my = y / scale - margin;
			int dark = mx >= 0 && my >= 0 && mx < q->width && my < q->width &&
				   (q->data[my * q->width + mx] & 1);
			if (!dark) /* 1 = white in 1-bit greyscale */
				r[1 + x / 8] |= (unsigned char)(0x80 >> (x % 8));
		}
	}
	QRcode_free(q);
	size_t zlen;
	unsigned char *z = zstore(raw, row * (size_t)side, &zlen);
	free(raw);
	if (!z)
		return NULL;
	unsigned char *png = malloc(8 + 25 + 12 + zlen + 12);
	if (!png) {
		free(z);
		return NULL;
	}
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	memcpy(png, sig, 8);
	size_t n = 8;
	unsigned char ihdr[13] = {0};
	put32(ihdr, (uint32_t)side), put32(ihdr + 4, (uint32_t)side);
	ihdr[8] = 1; /* bit depth */
	ihdr[9] = 0; /* greyscale */
	chunk(png, &n, "IHDR", ihdr, 13);
	chunk(png, &n, "IDAT", z, zlen);
	chunk(png, &n, "IEND", NULL, 0);
	free(z);
	*len = n;
	return png;
}

/* The address the code opens: the portal page of the unit. */
static void portal_url(const char *token, char *out, size_t n)
{
	const char *base = getenv("ZJ_PUBLIC_URL");
	snprintf(out, n, "%s/portal/equipment/%s", base && *base ? base : "", token);
}

static int send_qr(zj_ctx *c, const char *token, action_result *out)
{
	char url[300];
	portal_url(token, url, sizeof url);
	size_t len;
	unsigned char *png = eq_qr_png(url, &len);
	if (!png)
		return ctx_internal(c, "eq qr", "libqrencode failed");
	out->body = (char *)png;
	out->len = len;
	out->ctype = "image/png";
	return 200;
}

/* ---- the public page ---- */

static const char PUBLIC_SQL[] =
	"SELECT u.equipment_code, u.category, u.type, u.location, u.state, u.last_inspected_on, u.last_conclusion,"
	" u.next_due, u.reg_cert_no, e.name, m.name, m.emergency_phone, j.code, j.name, u.usable"
	" FROM eq_units u LEFT JOIN enterprises e ON e.id = u.user_id LEFT JOIN eq_maintainers m ON m.id = u.maintainer_id"
	" LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.public_token = ? AND u.deleted = 0";

static json_t *text_or_null(db_stmt *s, int i)
{
	return db_col_text(s, i) ? json_string(db_col_text(s, i)) : json_null();
}

/* GET /api/v1/public/equipment?token=… */
static int public_unit(zj_ctx *c, const void *q, json_t *body, action_result *out)
{
	const char *token = eq_query(q, "token");
	if (!token_ok(token))
		return ctx_problem(c, PROB_NOT_FOUND, TR(c, "没有这台设备", "no such unit"));
	db_stmt *s;
	if (db_prepare(c->db, PUBLIC_SQL, &s) != DB_OK)
		return ctx_internal(c, "eq public", db_errmsg(c->db));
	db_bind_text(s, 1, token);
	json_t *o = NULL;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		static const char *keys[] = {"equipment_code",    "category",    "type",
					     "location",          "state",       "last_inspected_on",
					     "last_conclusion",   "next_due",    "reg_cert_no",
					     "user_unit",         "maintainer",  "emergency_phone",
					     "jurisdiction_code", "jurisdiction"};
		o = json_object();
		for (int i = 0; i < (int)(sizeof keys / sizeof keys[0]); i++)
			json_object_set_new(o, keys[i], text_or_null(s, i));
		json_object_set_new(o, "usable", json_boolean(db_col_int(s, 14) != 0));
		int overdue = db_col_text(s, 7) && strcmp(db_col_text(s, 7), c->today) < 0;
		json_object_set_new(o, "overdue", json_boolean(overdue));
	}
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE) /* a failed read is not "no such unit" */
		return json_decref(o), ctx_internal(c, "eq public", db_errmsg(c->db));
	if (!o)
		return ctx_problem(c, PROB_NOT_FOUND, TR(c, "没有这台设备", "no such unit"));
	json_object_set_new(o, "hotline", json_string("12345"));
	json_object_set_new(
		o, "notice",
		json_string(TR(c, "发现设备异常，请立即停止使用并联系使用单位或拨打应急救援电话；也可在本页举报。",
			       "If the unit seems unsafe, stop using it and call the user unit or the emergency "
			       "phone; you may also report it on this page.")));
	out->json = o;
	return 200;
}

/* GET /api/v1/public/equipment_qr?token=… (image/png) */
static int public_qr(zj_ctx *c, const void *q, json_t *body, action_result *out)
{
	const char *token = eq_query(q, "token");
	if (!token_ok(token))
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	const char *p[] = {token};
	if (db_query_int(c->db, "SELECT COUNT(*) FROM eq_units WHERE public_token = ? AND deleted = 0", 1, p, 0) != 1)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	return send_qr(c, token, out);
}

/* GET /api/v1/equipment_units/{id}/actions/qr: the code to print on the unit. */
int eq_units_qr(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *u = crud_load(c, e, id);
	if (!u)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	char token[64];
	snprintf(token, sizeof token, "%s", eq_str(u, "public_token") ? eq_str(u, "public_token") : "");
	json_decref(u);
	if (!token_ok(token))
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	return send_qr(c, token, out);
}

const public_endpoint eq_public_unit = {"equipment", "GET", public_unit};
const public_endpoint eq_public_qr = {"equipment_qr", "GET", public_qr};
