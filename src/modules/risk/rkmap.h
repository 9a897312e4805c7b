/* rkmap.h — a small open-addressing hash map from a tuple of up to three
 * integers to a dense index 0, 1, 2 ... in order of first insertion (the
 * index never moves when the map grows), for the signal rules' aggregation
 * (rules.c). Each slot also carries four 32-bit counters and two spare
 * integers of the caller's, so the rules' hot loop touches one slot a row
 * and nothing else. Linear probing, power-of-two capacity, grown at half
 * full. */
#ifndef ZJ_RISK_RKMAP_H
#define ZJ_RISK_RKMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct rk_slot {
	int64_t k[3];
	int32_t v;        /* dense index + 1; 0 = empty */
	int32_t aux, pad; /* the caller's */
	int32_t c[4];
} rk_slot;

typedef struct rk_map {
	rk_slot *s;
	size_t cap, n; /* slots, entries */
} rk_map;

/* The slot a key hashes to (for prefetching). */
static inline size_t rk_map_home(const rk_map *m, int64_t a, int64_t b, int64_t c)
{
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ULL ^ (uint64_t)b * 0xC2B2AE3D27D4EB4FULL ^
		     (uint64_t)c * 0x165667B19E3779F9ULL;
	h ^= h >> 31;
	h *= 0xD6E8FEB86659FD93ULL;
	h ^= h >> 32;
	return (size_t)h & (m->cap - 1);
}

/* 0, or -1 out of memory. cap_hint: the expected entries (may be 0). */
int rk_map_init(rk_map *m, size_t cap_hint);
void rk_map_free(rk_map *m);
/* The key's slot, inserting it (dense index = entries so far, aux and
 * counters 0; *added = 1) when new; NULL out of memory. The pointer is good
 * until the next insertion. */
rk_slot *rk_map_slot(rk_map *m, int64_t a, int64_t b, int64_t c, int *added);
/* The key's dense index (inserted when new, as above); -1 out of memory. */
int32_t rk_map_put(rk_map *m, int64_t a, int64_t b, int64_t c, int *added);
/* The key's slot, or NULL when absent. */
rk_slot *rk_map_find(const rk_map *m, int64_t a, int64_t b, int64_t c);
/* The key's dense index, or -1 when absent. */
int32_t rk_map_get(const rk_map *m, int64_t a, int64_t b, int64_t c);
#endif
