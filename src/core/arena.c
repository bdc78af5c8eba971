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
	struct block *head;
	size_t first; /* the size of the first block */
};

/* Each allocation keeps its size just before it, for arena_realloc. */
#define HEADER sizeof(max_align_t)
#define FIRST_BLOCK 4096

static size_t rounded(size_t size)
{
	return (size + HEADER - 1) / HEADER * HEADER;
}

struct arena *arena_new(size_t hint)
{
	struct arena *a = xcalloc(1, sizeof(struct arena));
	a->first = hint > FIRST_BLOCK ? hint : FIRST_BLOCK;
	return a;
}

void *arena_alloc(struct arena *a, size_t size)
{
	size_t need = HEADER + rounded(size);
	struct block *b = a->head;

	if (b == NULL || b->cap - b->used < need) {
		/* Blocks double, so a large tree takes few of them. */
		size_t cap = b ? b->cap * 2 : a->first;
		if (cap < need)
			cap = need;
		struct block *nb = xmalloc(sizeof(*nb) + cap);
		nb->next = b;
		nb->used = 0;
		nb->cap = cap;
		a->head = b = nb;
	}
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
	/* A list that grows one entry at a time is usually the newest thing
	 * in the newest block: grow it where it is. */
	struct block *b = a->head;
	if (p != NULL && (unsigned char *)p + rounded(old) == (unsigned char *)b->data + b->used &&
	    b->cap - b->used >= rounded(size) - rounded(old)) {
		b->used += rounded(size) - rounded(old);
		memcpy((unsigned char *)p - HEADER, &size, sizeof(size));
		return p;
	}
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
