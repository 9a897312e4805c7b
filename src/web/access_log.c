/* access_log.c — one line per request. Whatever came from the client (the
 * URL, which libmicrohttpd has already percent-decoded, the method, the
 * User-Agent) is escaped: a control character, a quote or a backslash is
 * written as \xHH, so a request cannot forge a log line or drive a terminal.
 * Valid UTF-8 (Chinese in a URL) stays readable; C1 controls and broken
 * sequences are escaped too. */
#include "web/limits.h"
#include <string.h>

/* Length of a valid UTF-8 sequence at p that is not a C1 control or a line/paragraph separator; 0 otherwise. */
static int utf8_ok(const unsigned char *p)
{
	int n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] < 0xE0 ? 2 : 0;
	if (!n || p[0] > 0xF4)
		return 0;
	unsigned cp = p[0] & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
		return 0;
	return n;
}

void log_escape(char *out, size_t n, const char *s)
{
	size_t o = 0;
	if (!n)
		return;
	for (const unsigned char *p = (const unsigned char *)(s ? s : "-"); *p && o + 5 < n;) {
		int k = *p >= 0x80 ? utf8_ok(p) : 0;
		if (k) {
			memcpy(out + o, p, (size_t)k);
			o += (size_t)k, p += k;
		} else if (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\') {
			o += (size_t)snprintf(out + o, n - o, "\\x%02x", *p);
			p++;
		} else
			out[o++] = (char)*p++;
	}
	out[o] = 0;
}

void access_log_write(FILE *f, const char *now, const char *ip, const char *method, const char *url, int status,
		      double ms, const char *user_agent)
{
	char m[40], u[4096], ua[512];
	log_escape(m, sizeof m, method);
	log_escape(u, sizeof u, url);
	log_escape(ua, sizeof ua, user_agent);
	fprintf(f, "%s %s %s %s %d %.1fms \"%s\"\n", now, ip, m, u, status, ms, ua);
	fflush(f);
}
