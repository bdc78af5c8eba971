#include "yamlpos.h"

#include "arena.h"
#include <stdlib.h>
#include <string.h>
#include <yaml.h>


static struct ynode *node_new(struct arena *mem, enum ynode_type t, unsigned line, unsigned col)
{
	struct ynode *n = arena_alloc(mem, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = t;
	n->line = line;
	n->col = col;
	return n;
}

static void node_add(struct arena *mem, struct ynode *parent, struct ynode *kid)
{
	if (parent->count == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->kids = arena_realloc(mem, parent->kids, parent->cap * sizeof(*parent->kids));
	}
	parent->kids[parent->count++] = kid;
}

static bool is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

void ytext_place(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
	/* Past the end, or on the white space that ends the file: the last
	 * character that is not white space. */
	size_t end = len;
	while (end > 0 && strchr(" \t\r\n", buf[end - 1]) != NULL)
		end--;
	if (off >= end)
		off = end > 0 ? end - 1 : 0;
	while (off > 0 && is_continuation((unsigned char)buf[off]))
		off--;

	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if (!is_continuation((unsigned char)buf[i])) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* The byte offset of a libyaml mark (0-based line, column in characters),
 * or len when it lies beyond the text. */
static size_t mark_offset(const char *buf, size_t len, const yaml_mark_t *m)
{
	size_t i = 0, line = 0, col = 0;

	while (i < len && line < m->line) {
		if (buf[i++] == '\n')
			line++;
	}
	if (line < m->line)
		return len;
	while (i < len && col < m->column && buf[i] != '\n') {
		i++;
		while (i < len && is_continuation((unsigned char)buf[i]))
			i++;
		col++;
	}
	return col < m->column ? len : i;
}

/* Where a libyaml error is, and what to call it. libyaml leaves
 * problem_mark unset for reader errors (bad bytes, control characters) and
 * gives problem_offset instead. For a missing colon or an unclosed quote it
 * gives up long after the fault, which context_mark points at. */
static void syntax_error(const yaml_parser_t *p, const char *buf, size_t len, struct diags *d)
{
	const char *what = p->problem ? p->problem : "invalid YAML";
	const char *context = p->context;
	size_t off;
	unsigned line, col;

	if (p->error == YAML_READER_ERROR) {
		off = p->problem_offset;
		context = NULL;
	} else if (context && (strcmp(context, "while scanning a simple key") == 0 ||
			       strcmp(context, "while scanning a quoted scalar") == 0)) {
		off = mark_offset(buf, len, &p->context_mark);
	} else {
		off = mark_offset(buf, len, &p->problem_mark);
	}
	ytext_place(buf, len, off, &line, &col);

	/* A tab where indentation goes: libyaml's words for it do not say so. */
	if (off < len && buf[off] == '\t') {
		size_t start = off;
		while (start > 0 && buf[start - 1] != '\n')
			start--;
		bool leading = true;
		for (size_t i = start; i < off; i++)
			leading = leading && (buf[i] == ' ' || buf[i] == '\t');
		if (leading) {
			diags_add(d, line, col, "tab characters are not allowed for indentation");
			return;
		}
	}
	if (context)
		diags_add(d, line, col, "YAML syntax error: %s %s", what, context);
	else
		diags_add(d, line, col, "YAML syntax error: %s", what);
}

static bool plain_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (strcmp(v, "") == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
		strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

struct ynode *ydoc_parse(const char *buf, size_t len, struct diags *d, struct arena *mem)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *stack[YAMLPOS_MAX_DEPTH + 1];
	size_t depth = 0, skip = 0;
	struct ynode *root = NULL;
	int documents = 0, failed = 0, done = 0;

	if (!yaml_parser_initialize(&parser)) {
		diags_add(d, 1, 1, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done && !failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&parser, buf, len, d);
			failed = 1;
			break;
		}
		struct ynode *n = NULL;
		unsigned line = (unsigned)ev.start_mark.line + 1;
		unsigned col = (unsigned)ev.start_mark.column + 1;
		bool opens = ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;
		bool closes = ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT;

		/* Items past YAMLPOS_MAX_ITEMS of a list are read, not kept. */
		if (skip > 0 || (depth > 0 && stack[depth - 1]->type == YN_SEQUENCE &&
				 stack[depth - 1]->count == YAMLPOS_MAX_ITEMS &&
				 (opens || ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT))) {
			if (opens)
				skip++;
			else if (closes)
				skip--;
			if (depth + skip > YAMLPOS_MAX_DEPTH) {
				diags_add(d, line, col, "nesting is too deep");
				failed = 1;
			}
			yaml_event_delete(&ev);
			continue;
		}

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				/* The first document is still worth checking. */
				diags_add(d, line, col, "a routine file holds one YAML document");
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diags_add(d, line, col, "aliases are not allowed");
			n = node_new(mem, YN_SCALAR, line, col);
			n->value = "";
			n->reported = true;
			break;
		case YAML_SCALAR_EVENT:
			n = node_new(mem, YN_SCALAR, line, col);
			char *v = arena_alloc(mem, ev.data.scalar.length + 1);
			memcpy(v, ev.data.scalar.value, ev.data.scalar.length);
			v[ev.data.scalar.length] = '\0';
			n->value = v;
			n->is_null = plain_null(&ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = node_new(mem, YN_SEQUENCE, line, col);
			break;
		case YAML_MAPPING_START_EVENT:
			n = node_new(mem, YN_MAPPING, line, col);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL) {
			if (depth == 0)
				root = n;
			else
				node_add(mem, stack[depth - 1], n);
			if (n->type != YN_SCALAR) {
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
	if (failed)
		return NULL;
	if (root == NULL || (root->type == YN_SCALAR && root->value[0] == '\0' && !root->reported)) {
		diags_add(d, 1, 1, "file is empty: a routine needs a title and steps");
		return NULL;
	}
	return root;
}

struct ynode *ynode_key(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (map->kids[i]->type == YN_SCALAR && strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i];
	return NULL;
}

struct ynode *ynode_value(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (map->kids[i]->type == YN_SCALAR && strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

struct ynode *ynode_item(const struct ynode *seq, size_t i)
{
	if (seq == NULL || seq->type != YN_SEQUENCE || i >= seq->count)
		return NULL;
	return seq->kids[i];
}
