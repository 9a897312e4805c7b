/* arena.c — see arena.h. */
#include "lib/arena.h"
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	arena_chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->head->size - a->head->used < n) {
		size_t size = a->next_size ? a->next_size : 4096;
		while (size < n)
			size *= 2;
		arena_chunk *c = malloc(sizeof *c + size);
		if (!c)
			abort();
		c->next = a->head, c->used = 0, c->size = size;
		a->head = c;
		a->next_size = size * 2;
	}
	void *p = a->head->data + a->head->used;
	a->head->used += n;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(arena_alloc(a, n), s, n);
}

void arena_free(arena *a)
{
	for (arena_chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->next_size = 0;
}
