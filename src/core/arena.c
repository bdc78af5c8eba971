#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct block {
	struct block *next;
	size_t used, cap;
	max_align_t data[];
};

struct arena {
	struct block *head; /* never NULL */
	size_t block;       /* the size of each block */
};

/* Each allocation keeps its size just before it, for arena_realloc. */
#define HEADER sizeof(max_align_t)
#define MIN_BLOCK 256

static size_t rounded(size_t size)
{
	return (size + HEADER - 1) / HEADER * HEADER;
}

static struct block *block_new(struct block *next, size_t cap)
{
	struct block *b = xmalloc(sizeof(*b) + cap);
	b->next = next;
	b->used = 0;
	b->cap = cap;
	return b;
}

struct arena *arena_new(size_t block)
{
	struct arena *a = xmalloc(sizeof(*a));
	a->block = block > MIN_BLOCK ? block : MIN_BLOCK;
	a->head = block_new(NULL, a->block);
	return a;
}

void *arena_alloc(struct arena *a, size_t size)
{
	size_t need = HEADER + rounded(size);
	struct block *b = a->head;

	if (b->cap - b->used < need)
		a->head = b = block_new(b, need > a->block ? need : a->block);
	unsigned char *p = (unsigned char *)b->data + b->used;
	b->used += need;
	memcpy(p, &size, sizeof(size));
	return p + HEADER;
}

void *arena_realloc(struct arena *a, void *p, size_t size)
{
	size_t old = 0;

	if (p != NULL)
		memcpy(&old, (unsigned char *)p - HEADER, sizeof(old));
	if (p != NULL && size <= old)
		return p;
	void *q = arena_alloc(a, size);
	if (p != NULL)
		memcpy(q, p, old);
	return q;
}

void arena_release(struct arena *a)
{
	if (a == NULL)
		return;
	for (struct block *b = a->head, *next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
