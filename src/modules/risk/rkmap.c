/* rkmap.c — the tuple → dense index map of the signal rules (rkmap.h). */
#include "modules/risk/rkmap.h"
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Zeroed slots; a big table (from 2 MB) on huge pages where the kernel
 * allows them: the rules probe it at random, and with 4 KB pages nearly
 * every probe of a table of millions of slots is also a TLB miss. */
static rk_slot *slots(size_t cap)
{
	size_t bytes = cap * sizeof(rk_slot), huge = (size_t)2 << 20;
	if (bytes < huge)
		return calloc(cap, sizeof(rk_slot));
	void *p = NULL;
	if (posix_memalign(&p, huge, bytes))
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

int rk_map_init(rk_map *m, size_t cap_hint)
{
	size_t cap = 64;
	while (cap < 2 * cap_hint && cap < ((size_t)1 << 40))
		cap *= 2;
	m->s = slots(cap);
	m->cap = m->s ? cap : 0;
	m->n = 0;
	return m->s ? 0 : -1;
}

void rk_map_free(rk_map *m)
{
	free(m->s);
	m->s = NULL;
	m->cap = m->n = 0;
}

static int same(const rk_slot *s, int64_t a, int64_t b, int64_t c)
{
	return s->k[0] == a && s->k[1] == b && s->k[2] == c;
}

/* Doubles the slots and re-places every entry (the dense indices stay). */
static int grow(rk_map *m)
{
	rk_map w = {slots(m->cap * 2), m->cap * 2, m->n};
	if (!w.s)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		const rk_slot *o = &m->s[i];
		if (!o->v)
			continue;
		size_t j = rk_map_home(&w, o->k[0], o->k[1], o->k[2]);
		while (w.s[j].v)
			j = (j + 1) & (w.cap - 1);
		w.s[j] = *o;
	}
	free(m->s);
	*m = w;
	return 0;
}

rk_slot *rk_map_slot(rk_map *m, int64_t a, int64_t b, int64_t c, int *added)
{
	*added = 0;
	size_t j = rk_map_home(m, a, b, c);
	for (;; j = (j + 1) & (m->cap - 1)) {
		rk_slot *s = &m->s[j];
		if (!s->v)
			break;
		if (same(s, a, b, c))
			return s;
	}
	if (m->n >= INT32_MAX - 1)
		return NULL;
	if (2 * (m->n + 1) > m->cap) {
		if (grow(m))
			return NULL;
		j = rk_map_home(m, a, b, c);
		while (m->s[j].v)
			j = (j + 1) & (m->cap - 1);
	}
	m->s[j] = (rk_slot){{a, b, c}, (int32_t)m->n + 1, 0, 0, {0}};
	m->n++;
	*added = 1;
	return &m->s[j];
}

int32_t rk_map_put(rk_map *m, int64_t a, int64_t b, int64_t c, int *added)
{
	rk_slot *s = rk_map_slot(m, a, b, c, added);
	return s ? s->v - 1 : -1;
}

rk_slot *rk_map_find(const rk_map *m, int64_t a, int64_t b, int64_t c)
{
	if (!m->cap)
		return NULL;
	for (size_t j = rk_map_home(m, a, b, c);; j = (j + 1) & (m->cap - 1)) {
		rk_slot *s = &m->s[j];
		if (!s->v)
			return NULL;
		if (same(s, a, b, c))
			return s;
	}
}

int32_t rk_map_get(const rk_map *m, int64_t a, int64_t b, int64_t c)
{
	const rk_slot *s = rk_map_find(m, a, b, c);
	return s ? s->v - 1 : -1;
}
