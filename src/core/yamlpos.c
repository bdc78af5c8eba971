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

/* The length of the line break at buf[i], counted as libyaml counts them
 * (CR LF, LF, CR, NEL, LS, PS), or 0. */
static size_t line_break(const char *buf, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)buf + i;
	size_t left = len - i;

	if (left == 0)
		return 0;
	if (p[0] == '\r')
		return left > 1 && p[1] == '\n' ? 2 : 1;
	if (p[0] == '\n')
		return 1;
	if (left > 1 && p[0] == 0xC2 && p[1] == 0x85)
		return 2;
	if (left > 2 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

/* Walking the text a character at a time, as libyaml's marks count: a
 * byte-order mark takes no column. */
struct cursor {
	size_t i;
	unsigned line, col; /* 1-based, of buf[i] */
};

static struct cursor cursor_start(const char *buf, size_t len)
{
	bool bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
	return (struct cursor){.i = bom ? 3 : 0, .line = 1, .col = 1};
}

static void cursor_step(struct cursor *c, const char *buf, size_t len)
{
	size_t n = line_break(buf, len, c->i);

	if (n > 0) {
		c->i += n;
		c->line++;
		c->col = 1;
		return;
	}
	c->i++;
	while (c->i < len && is_continuation((unsigned char)buf[c->i]))
		c->i++;
	c->col++;
}

static bool is_blank_at(const char *buf, size_t len, size_t i)
{
	return buf[i] == ' ' || buf[i] == '\t' || line_break(buf, len, i) > 0 ||
	       is_continuation((unsigned char)buf[i]);
}

void ytext_place(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
	struct cursor c = cursor_start(buf, len);

	/* Past the end: the last character that is not white space. */
	if (off >= len) {
		size_t end = len;
		while (end > c.i && is_blank_at(buf, len, end - 1))
			end--;
		off = end > c.i ? end - 1 : c.i;
	}
	/* Inside a character: its first byte. */
	while (off > c.i && off < len && is_continuation((unsigned char)buf[off]))
		off--;
	while (c.i < off && c.i < len)
		cursor_step(&c, buf, len);
	*line = c.line;
	*col = c.col;
}

void ytext_clamp(const char *buf, size_t len, struct diags *d, size_t from)
{
	struct cursor c = cursor_start(buf, len);
	unsigned width_line = 0, width = 0;

	for (size_t k = from; k < d->count; k++) {
		struct diag *g = &d->items[k];
		while (c.line < g->line && c.i < len) /* to the start of g's line */
			cursor_step(&c, buf, len);
		if (c.line < g->line || c.i >= len) {
			/* Past the last line, or on the empty one after the
			 * last line break: the last character there is. */
			ytext_place(buf, len, len, &g->line, &g->col);
			continue;
		}
		if (g->line != width_line) { /* the width of g's line, once a line */
			struct cursor e = c;
			while (e.i < len && line_break(buf, len, e.i) == 0)
				cursor_step(&e, buf, len);
			width = e.col - 1;
			width_line = g->line;
		}
		if (g->col > width)
			g->col = width > 0 ? width : 1;
	}
}

/* The byte offset of a libyaml mark (0-based line, column in characters),
 * or len when it lies beyond the text. */
static size_t mark_offset(const char *buf, size_t len, const yaml_mark_t *m)
{
	struct cursor c = cursor_start(buf, len);

	while (c.i < len && (c.line < m->line + 1 || (c.line == m->line + 1 && c.col < m->column + 1)))
		cursor_step(&c, buf, len);
	return c.line == m->line + 1 && c.col == m->column + 1 ? c.i : len;
}

/* *off is on a line; is the line with content before it one with no colon?
 * Then *off moves to that line's first character (past a "- "). */
static bool missing_colon(const char *buf, size_t len, size_t *off)
{
	size_t start = *off < len ? *off : len;

	while (start > 0 && buf[start - 1] != '\n')
		start--;
	while (start > 0) {
		size_t end = start - 1, b = end; /* the newline ending the line before */
		while (b > 0 && buf[b - 1] != '\n')
			b--;
		size_t first = b;
		while (first < end && (buf[first] == ' ' || buf[first] == '-'))
			first++;
		if (first == end || buf[first] == '#') {
			start = b; /* blank or a comment: look further up */
			continue;
		}
		if (memchr(buf + first, ':', end - first) != NULL)
			return false;
		*off = first;
		return true;
	}
	return false;
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
	/* libyaml's words for the common slips, in plain ones. */
	if (context && strcmp(context, "while scanning a simple key") == 0 &&
	    strcmp(what, "could not find expected ':'") == 0) {
		diags_add(d, line, col, "YAML syntax error: missing ':' after the key on this line");
		return;
	}
	if (context && strcmp(context, "while scanning a quoted scalar") == 0 &&
	    strcmp(what, "found unexpected end of stream") == 0) {
		diags_add(d, line, col, "YAML syntax error: this quoted text has no closing quote");
		return;
	}
	if (!context && strcmp(what, "mapping values are not allowed in this context") == 0 &&
	    missing_colon(buf, len, &off)) {
		/* "name First" then "kind: pose": libyaml reads one text over
		 * both lines and trips on the second line's colon. */
		ytext_place(buf, len, off, &line, &col);
		diags_add(d, line, col,
			  "YAML syntax error: missing ':' after the key on this line "
			  "(or the next line is indented too far)");
		return;
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

		/* Past YAMLPOS_MAX_ITEMS items of a list or keys of a mapping,
		 * nodes are read, not kept. */
		struct ynode *top = depth > 0 ? stack[depth - 1] : NULL;
		size_t room = top && top->type == YN_MAPPING ? 2 * YAMLPOS_MAX_ITEMS : YAMLPOS_MAX_ITEMS;
		if (skip > 0 || (top && top->count == room &&
				 (opens || ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT))) {
			if (skip == 0 && !top->cut) {
				top->cut = true;
				top->cut_line = line;
				top->cut_col = col;
			}
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
				diags_add(d, line, col, "a second YAML document: the file holds only one");
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
			n->has_nul = memchr(v, '\0', ev.data.scalar.length) != NULL;
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
			struct ynode *parent = depth > 0 ? stack[depth - 1] : NULL;
			/* A value left empty is placed at its key: there is
			 * nothing else to point at, and the end of the line may
			 * be the end of the file. */
			if (parent && parent->type == YN_MAPPING && parent->count % 2 == 1 &&
			    n->type == YN_SCALAR && n->is_null && n->value[0] == '\0') {
				n->line = parent->kids[parent->count - 1]->line;
				n->col = parent->kids[parent->count - 1]->col;
			}
			if (parent == NULL)
				root = n;
			else
				node_add(mem, parent, n);
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

struct ynode *ynode_value(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2)
		if (map->kids[i]->type == YN_SCALAR && strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}
