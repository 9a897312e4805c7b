/* draw.c — the 双随机 draw (draw.h). The stream is randombytes_buf_deterministic
 * of the seed, read as little-endian 32-bit words: the same seed gives the
 * same words on every machine, and a uniform integer below a bound takes the
 * first word under the largest multiple of the bound (rejection), so no
 * enterprise is likelier than another. */
#include "modules/risk/draw.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int rk_rng_init(rk_rng *r, const unsigned char seed[RK_SEED_BYTES], int words)
{
	memset(r, 0, sizeof(*r));
	unsigned char *b = malloc((size_t)words * 4);
	r->words = malloc(sizeof(uint32_t) * (size_t)words);
	if (!b || !r->words) {
		free(b);
		free(r->words);
		r->words = NULL;
		return -1;
	}
	randombytes_buf_deterministic(b, (size_t)words * 4, seed);
	for (int i = 0; i < words; i++)
		r->words[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
			      (uint32_t)b[4 * i + 3] << 24;
	free(b);
	r->n = words;
	return 0;
}

void rk_rng_free(rk_rng *r)
{
	free(r->words);
	memset(r, 0, sizeof(*r));
}

int64_t rk_rng_below(rk_rng *r, uint32_t bound)
{
	if (bound == 0)
		return -1;
	uint32_t limit = (uint32_t)(0x100000000ULL - 0x100000000ULL % bound - 1);
	while (r->at < r->n) {
		uint32_t w = r->words[r->at++];
		if (w <= limit)
			return w % bound;
	}
	return -1;
}

int rk_draw(rk_rng *r, int n, int k, int *out)
{
	if (k > n || k < 0)
		return -1;
	int *v = malloc(sizeof(int) * (size_t)(n ? n : 1));
	if (!v)
		return -1;
	for (int i = 0; i < n; i++)
		v[i] = i;
	for (int i = 0; i < k; i++) {
		int64_t j = rk_rng_below(r, (uint32_t)(n - i));
		if (j < 0) {
			free(v);
			return -1;
		}
		int t = v[i];
		v[i] = v[i + j];
		v[i + j] = t;
		out[i] = v[i];
	}
	free(v);
	return 0;
}
