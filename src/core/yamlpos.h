/* A light YAML node tree that records where each node starts.
 * libcyaml reports wrong positions for key and syntax errors, so this pass
 * over the same bytes supplies them. It also rejects what selfcare never
 * accepts: syntax errors, aliases, duplicate keys, deep nesting, several
 * documents. Pure: works on a buffer. */
#ifndef SELFCARE_YAMLPOS_H
#define SELFCARE_YAMLPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define YAMLPOS_MAX_DEPTH 32

enum ynode_type { YN_SCALAR, YN_MAPPING, YN_SEQUENCE };

struct ynode {
	enum ynode_type type;
	unsigned line, col; /* 1-based start */
	char *value;        /* scalars */
	bool is_null;       /* a plain ~, null or empty scalar */
	struct ynode **kids; /* sequences: items; mappings: key, value pairs */
	size_t count;       /* number of kids */
	size_t cap;
};

/* Parse; on a problem adds one diag and returns NULL. An empty document
 * (no content, or comments only) is reported as an error too. */
struct ynode *ydoc_parse(const char *buf, size_t len, struct diags *d);
void ynode_free(struct ynode *n);

/* Mapping lookups by key; NULL when absent or not a mapping. */
struct ynode *ynode_value(const struct ynode *map, const char *key);
struct ynode *ynode_key(const struct ynode *map, const char *key);
/* Sequence item by 0-based index; NULL when absent. */
struct ynode *ynode_item(const struct ynode *seq, size_t i);

#endif
