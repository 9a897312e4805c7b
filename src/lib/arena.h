/* arena.h — a per-request arena: many small allocations, one free when the
 * request completes. Chunks grow geometrically; nothing is freed singly. */
#ifndef ZJ_ARENA_H
#define ZJ_ARENA_H
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head;
	size_t next_size;
} arena;

void *arena_alloc(arena *a, size_t n); /* 16-byte aligned; aborts on out of memory */
char *arena_strdup(arena *a, const char *s);
void arena_free(arena *a); /* releases everything; the arena can be reused */
#endif
