/* fuzz_uscc.c — libFuzzer target for the unified social credit code
 * helpers (src/lib/uscc.h). The input (cut at the first NUL, at most 64
 * bytes) is checked with uscc_check(), and the answers must agree with each
 * other: a valid code has 18 characters, its own check characters, a
 * division equal to positions 3–8, and uscc_make() rebuilds it exactly; an
 * invalid one carries a known error code, messages and a position in range,
 * and uscc_division() refuses it. Any 16 input characters given to
 * uscc_make() either fail or make a code that uscc_check() accepts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/uscc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *code)
{
	fprintf(stderr, "uscc property violated: %s (input \"%s\")\n", what, code);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[65];
	size_t n = size < 64 ? size : 64;
	memcpy(s, data, n);
	s[n] = '\0';
	size_t len = strlen(s);

	struct uscc_error err;
	char div[7], made[USCC_LEN + 1];
	if (uscc_check(s, &err) == 0) {
		if (len != USCC_LEN || err.code != USCC_OK)
			die("valid but not 18 characters / code not OK", s);
		if (uscc_check_char(s) != s[17] || uscc_org_check_char(s + 8) != s[16])
			die("valid but check characters disagree", s);
		if (uscc_division(s, div) != 0 || memcmp(div, s + 2, 6) || div[6])
			die("uscc_division disagrees", s);
		char first8[9], org8[9];
		memcpy(first8, s, 8);
		first8[8] = '\0';
		memcpy(org8, s + 8, 8);
		org8[8] = '\0';
		if (uscc_make(first8, org8, made, NULL) != 0 || strcmp(made, s))
			die("uscc_make does not rebuild a valid code", s);
	} else {
		if (err.code <= USCC_OK || err.code >= USCC_E__MAX)
			die("invalid with an unknown error code", s);
		if (!err.zh || !err.en || !*uscc_msg_zh(err.code) || !*uscc_msg_en(err.code))
			die("missing message", s);
		if (err.pos < 0 || err.pos > USCC_LEN)
			die("error position out of range", s);
		if (uscc_division(s, div) != -1 || div[0])
			die("uscc_division accepts an invalid code", s);
	}
	if (len >= 16) {
		char first8[9], org8[9];
		memcpy(first8, s, 8);
		first8[8] = '\0';
		memcpy(org8, s + 8, 8);
		org8[8] = '\0';
		if (uscc_make(first8, org8, made, &err) == 0) {
			if (uscc_check(made, NULL) != 0)
				die("uscc_make built an invalid code", made);
		} else if (made[0]) {
			die("uscc_make failed but wrote output", s);
		}
	}
	return 0;
}
