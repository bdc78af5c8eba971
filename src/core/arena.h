/* Memory for things made and dropped whole: a parsed routine, a position
 * tree. Allocation is a bump in a block; nothing is freed until the whole
 * arena goes. Pure. */
#ifndef SELFCARE_ARENA_H
#define SELFCARE_ARENA_H

#include <stddef.h>

struct arena;

/* A block size that malloc serves from its per-thread cache. */
#define ARENA_SMALL_BLOCK 960

/* Memory comes in blocks of about block bytes (larger for a larger
 * allocation); the first is allocated now. */
struct arena *arena_new(size_t block);
/* size bytes, aligned for any type, uninitialized. Never NULL. */
void *arena_alloc(struct arena *a, size_t size);
/* realloc's contract within the arena; the old block stays until release. */
void *arena_realloc(struct arena *a, void *p, size_t size);
/* Everything allocated from a, and a itself. NULL is fine. */
void arena_release(struct arena *a);

#endif
