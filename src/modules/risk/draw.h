/* draw.h — the 双随机 draw, pure: k of n places chosen by a partial
 * Fisher–Yates shuffle driven by libsodium's randombytes_buf_deterministic
 * (ChaCha20 keyed by the 32-byte seed), so anyone holding the published seed
 * and the published list draws the same. */
#ifndef ZJ_RISK_DRAW_H
#define ZJ_RISK_DRAW_H
#include <stdint.h>

enum { RK_SEED_BYTES = 32 };

/* A stream of uniform numbers from a seed (the draw's whole randomness). */
typedef struct rk_rng {
	uint32_t *words;
	int n, at;
} rk_rng;
/* Up to `words` 32-bit numbers from the seed; 0 ok, -1 out of memory. */
int rk_rng_init(rk_rng *r, const unsigned char seed[RK_SEED_BYTES], int words);
void rk_rng_free(rk_rng *r);
/* A uniform integer in [0, bound) by rejection (no modulo bias); -1 when the stream ran out. */
int64_t rk_rng_below(rk_rng *r, uint32_t bound);

/* Chooses k distinct indices of 0..n-1 into out[0..k), in drawing order.
 * 0 ok; -1 when k > n or out of memory. */
int rk_draw(rk_rng *r, int n, int k, int *out);
#endif
