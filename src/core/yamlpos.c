#include "yamlpos.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

static struct ynode *node_new(enum ynode_type t, const yaml_mark_t *m)
{
	struct ynode *n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void node_add(struct ynode *parent, struct ynode *kid)
{
	if (parent->count == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->kids = xreallocarray(parent->kids, parent->cap, sizeof(*parent->kids));
	}
	parent->kids[parent->count++] = kid;
}

void ynode_free(struct ynode *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->count; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

/* A key is complete when the mapping has an even number of kids before it
 * is added. Report a duplicate scalar key at the second occurrence. */
static int check_duplicate(const struct ynode *map, const struct ynode *key, struct diags *d)
{
	if (key->type != YN_SCALAR) {
		diags_add(d, key->line, key->col, "mapping keys must be plain text");
		return -1;
	}
	for (size_t i = 0; i + 1 < map->count; i += 2) {
		if (strcmp(map->kids[i]->value, key->value) == 0) {
			diags_add(d, key->line, key->col, "duplicate key '%s' (first at line %u)",
				  key->value, map->kids[i]->line);
			return -1;
		}
	}
	return 0;
}

static void syntax_error(const yaml_parser_t *p, struct diags *d)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *what = p->problem ? p->problem : "invalid YAML";

	if (p->context)
		diags_add(d, (unsigned)m->line + 1, (unsigned)m->column + 1,
			  "YAML syntax error: %s %s", what, p->context);
	else
		diags_add(d, (unsigned)m->line + 1, (unsigned)m->column + 1,
			  "YAML syntax error: %s", what);
}

struct ynode *ydoc_parse(const char *buf, size_t len, struct diags *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *stack[YAMLPOS_MAX_DEPTH + 1];
	size_t depth = 0;
	struct ynode *root = NULL;
	int documents = 0, failed = 0, done = 0;

	if (!yaml_parser_initialize(&parser)) {
		diags_add(d, 1, 1, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done && !failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&parser, d);
			failed = 1;
			break;
		}
		struct ynode *n = NULL;
		const yaml_mark_t *m = &ev.start_mark;

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				diags_add(d, (unsigned)m->line + 1, (unsigned)m->column + 1,
					  "a routine file holds one YAML document");
				failed = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diags_add(d, (unsigned)m->line + 1, (unsigned)m->column + 1,
				  "aliases are not allowed");
			failed = 1;
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(YN_SCALAR, m);
			n->value = xmalloc(ev.data.scalar.length + 1);
			memcpy(n->value, ev.data.scalar.value, ev.data.scalar.length);
			n->value[ev.data.scalar.length] = '\0';
			n->is_null = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				     (strcmp(n->value, "") == 0 || strcmp(n->value, "~") == 0 ||
				      strcmp(n->value, "null") == 0 || strcmp(n->value, "Null") == 0 ||
				      strcmp(n->value, "NULL") == 0);
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = node_new(YN_SEQUENCE, m);
			break;
		case YAML_MAPPING_START_EVENT:
			n = node_new(YN_MAPPING, m);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth == 0) {
				root = n;
			} else {
				struct ynode *parent = stack[depth - 1];
				if (parent->type == YN_MAPPING && parent->count % 2 == 0 &&
				    check_duplicate(parent, n, d) < 0) {
					ynode_free(n);
					failed = 1;
				} else {
					node_add(parent, n);
				}
			}
			if (!failed && n->type != YN_SCALAR) {
				if (depth == YAMLPOS_MAX_DEPTH) {
					diags_add(d, n->line, n->col, "nesting is too deep");
					failed = 1;
				} else {
					stack[depth++] = n;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (failed) {
		ynode_free(root);
		return NULL;
	}
	if (root == NULL || (root->type == YN_SCALAR && root->value[0] == '\0')) {
		diags_add(d, 1, 1, "file is empty: a routine needs a title and steps");
		ynode_free(root);
		return NULL;
	}
	return root;
}

struct ynode *ynode_key(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i];
	return NULL;
}

struct ynode *ynode_value(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

struct ynode *ynode_item(const struct ynode *seq, size_t i)
{
	if (seq == NULL || seq->type != YN_SEQUENCE || i >= seq->count)
		return NULL;
	return seq->kids[i];
}
