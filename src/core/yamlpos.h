/* A light YAML node tree that records where each node starts.
 * libcyaml stops at the first error and reports wrong positions for key and
 * syntax errors, so when a routine file has something wrong with it this
 * pass over the same bytes supplies every position. It rejects what selfcare
 * never accepts: syntax errors, aliases, deep nesting, several documents.
 * Duplicate keys are left to the schema check, which knows each mapping's
 * keys. Pure: works on a buffer. */
#ifndef SELFCARE_YAMLPOS_H
#define SELFCARE_YAMLPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define YAMLPOS_MAX_DEPTH 32
/* Items of one list, and keys of one mapping, that are kept; the rest are
 * parsed, not stored. No list in a routine may be this long and no mapping
 * has this many keys, so the cut is an error in itself. */
#define YAMLPOS_MAX_ITEMS 1024

enum ynode_type { YN_SCALAR, YN_MAPPING, YN_SEQUENCE };

struct ynode {
	enum ynode_type type;
	unsigned line, col; /* 1-based start */
	const char *value;  /* scalars */
	bool is_null;       /* a plain ~, null or empty scalar */
	bool reported;      /* an error was given here already (an alias) */
	bool has_nul;       /* a scalar with a NUL in it ("\0"), cut short there */
	bool cut;           /* items or keys past YAMLPOS_MAX_ITEMS were not kept */
	unsigned cut_line, cut_col; /* where the first of them was */
	struct ynode **kids; /* sequences: items; mappings: key, value pairs */
	size_t count;       /* number of kids */
	size_t cap;
};

struct arena;

/* Parse, with every node and string in mem. A syntax error adds one diag and returns NULL; so does an empty
 * document (no content, or comments only). Aliases and a second document
 * add a diag each but still return the tree of the first document, so
 * that the rest of it can be checked. */
struct ynode *ydoc_parse(const char *buf, size_t len, struct diags *d, struct arena *mem);

/* The value of the first such key in a mapping; NULL when absent or not a
 * mapping. */
struct ynode *ynode_value(const struct ynode *map, const char *key);

/* The 1-based line and column of the character at byte offset off of buf,
 * columns counted in characters as libyaml counts them. Never past the end:
 * an offset at or beyond the end of the text is placed on the last
 * character of the last line that has any. */
void ytext_place(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col);

/* Keep the diags from index from on (in file order) within the text: a
 * column past the end of its line moves to the line's last character, a
 * line past the last one to the last character there is. One pass. */
void ytext_clamp(const char *buf, size_t len, struct diags *d, size_t from);

#endif
