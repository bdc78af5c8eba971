/* The position pass over a routine's YAML tree: every error, each at the
 * node at fault (FILE:LINE:COL), when the fast path found one. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "duration.h"
#include "routine.h"
#include "routine_rules.h"
#include "text.h"

/* ---- The position pass: every error, where it is ---- */

static const char *noun(const struct ynode *n)
{
	switch (n->type) {
	case YN_SCALAR: return "a single value";
	case YN_SEQUENCE: return "a list";
	case YN_MAPPING: return "a mapping";
	}
	return "something else";
}

static void check_node(const cyaml_schema_value_t *s, const struct ynode *n, const char *key,
		       enum rule rule, bool entry, struct diags *d);

static void check_string(const cyaml_schema_value_t *s, const struct ynode *n, const char *key,
			 enum rule rule, struct diags *d)
{
	char msg[DIAG_MSG_MAX];
	size_t len = strlen(n->value);

	if (n->is_null)
		diags_add(d, n->line, n->col, "'%s' needs a value", key);
	else if (n->has_nul)
		diags_add(d, n->line, n->col, "'%s' contains a control character", key);
	else if (len < s->string.min)
		diags_add(d, n->line, n->col, "'%s' must not be empty", key);
	else if (len > s->string.max)
		diags_add(d, n->line, n->col, "'%s' is too long (at most %u bytes)", key,
			  (unsigned)s->string.max);
	else if (!check_rule(rule, key, n->value, NULL, msg, sizeof(msg)))
		diags_add(d, n->line, n->col, "%s", msg);
}

static void check_enum(const cyaml_schema_value_t *s, const struct ynode *n, const char *key,
		       struct diags *d)
{
	char choices[DIAG_MSG_MAX / 2] = "", clean[64];
	size_t o = 0;

	if (n->is_null) {
		diags_add(d, n->line, n->col, "'%s' needs a value", key);
		return;
	}
	for (uint32_t i = 0; i < s->enumeration.count; i++) {
		if (strcmp(n->value, s->enumeration.strings[i].str) == 0)
			return;
		const char *sep = i == 0 ? "" : i + 1 == s->enumeration.count ? " or " : ", ";
		if (o < sizeof(choices))
			o += (size_t)snprintf(choices + o, sizeof(choices) - o, "%s%s", sep,
					      s->enumeration.strings[i].str);
	}
	diags_add(d, n->line, n->col, "invalid %s '%s' (expected %s)", key,
		  text_sanitize(n->value, clean, sizeof(clean)), choices);
}

static void check_sequence(const cyaml_schema_value_t *s, const struct ynode *n, const char *key,
			   enum rule rule, struct diags *d)
{
	if (n->count < s->sequence.min)
		diags_add(d, n->line, n->col, "'%s' needs at least %u %s", key,
			  (unsigned)s->sequence.min, s->sequence.min == 1 ? "entry" : "entries");
	for (size_t i = 0; i < n->count; i++) {
		if (i == s->sequence.max) {
			diags_add(d, n->kids[i]->line, n->kids[i]->col,
				  "too many entries in '%s' (at most %u)", key,
				  (unsigned)s->sequence.max);
			break;
		}
		check_node(s->sequence.entry, n->kids[i], key, rule, true, d);
	}
}

/* A cue belongs within its step's hold. */
static void check_cues(const struct ynode *step, struct diags *d)
{
	const struct ynode *hold = ynode_value(step, "hold");
	const struct ynode *cues = ynode_value(step, "cues");
	char msg[DIAG_MSG_MAX], h[32], clean[32];
	unsigned hv, av, start;
	bool from_end;

	if (hold == NULL || hold->type != YN_SCALAR || hold->is_null || cues == NULL ||
	    cues->type != YN_SEQUENCE ||
	    !check_rule(R_HOLD, "hold", hold->value, &hv, msg, sizeof(msg)))
		return;
	for (size_t i = 0; i < cues->count; i++) {
		const struct ynode *at = ynode_value(cues->kids[i], "at");
		if (at && at->type == YN_SCALAR && !at->is_null &&
		    check_cue_at(at->value, &av, &from_end, msg, sizeof(msg)) &&
		    !cue_in_hold(av, from_end, hv, &start))
			diags_add(d, at->line, at->col, "cue at %s is not within the hold of %s",
				  text_sanitize(at->value, clean, sizeof(clean)),
				  duration_format(hv, h, sizeof(h)));
	}
}

/* A placeholder in a step's text: a known one, where the step has sides. */
static void check_placeholder(const struct ynode *text, bool sided, const char *key,
			      struct diags *d)
{
	char bad[64];
	unsigned m;

	if (text == NULL || text->type != YN_SCALAR || text->is_null)
		return;
	m = text_placeholders(text->value, bad, sizeof(bad));
	if (m & TEXT_PLACEHOLDER_UNKNOWN)
		diags_add(d, text->line, text->col,
			  "unknown placeholder '%s' in '%s' (use {side} or {other})", bad, key);
	else if ((m & TEXT_PLACEHOLDER_SIDE) && !sided)
		diags_add(d, text->line, text->col,
			  "'%s' uses {side} or {other}, but the step has no sides (add 'sides')",
			  key);
}

static void check_placeholders(const struct ynode *step, struct diags *d)
{
	const struct ynode *sides = ynode_value(step, "sides");
	const struct ynode *cues = ynode_value(step, "cues");
	/* A bad sides value has its own error; here it counts as sided. */
	bool sided = sides != NULL && !(sides->type == YN_SCALAR && !sides->is_null &&
					strcmp(sides->value, "none") == 0) &&
		     !(sides->type == YN_SCALAR && sides->is_null);

	check_placeholder(ynode_value(step, "instructions"), sided, "instructions", d);
	check_placeholder(ynode_value(step, "exit"), sided, "exit", d);
	if (cues == NULL || cues->type != YN_SEQUENCE)
		return;
	for (size_t i = 0; i < cues->count; i++)
		if (cues->kids[i]->type == YN_MAPPING)
			check_placeholder(ynode_value(cues->kids[i], "say"), sided, "say", d);
}

/* Every key once, each known to the schema, every required one there. A
 * mapping has a handful of fields, so this is linear in the file. */
static void check_mapping(const cyaml_schema_field_t *fields, const struct ynode *n,
			  struct diags *d)
{
	const struct ynode *seen[MAX_FIELDS] = {0};
	char clean[64];
	size_t nfields = 0;

	while (fields[nfields].key != NULL)
		nfields++;
	assert(nfields <= MAX_FIELDS);
	for (size_t i = 0; i + 1 < n->count; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];
		size_t f = 0;
		if (k->reported)
			continue;
		if (k->type != YN_SCALAR) {
			diags_add(d, k->line, k->col, "mapping keys must be plain text");
			continue;
		}
		while (f < nfields && strcmp(fields[f].key, k->value) != 0)
			f++;
		if (f == nfields) {
			struct suggest near;
			suggest_start(&near, k->value);
			for (size_t g = 0; g < nfields; g++)
				suggest_consider(&near, fields[g].key);
			text_sanitize(k->value, clean, sizeof(clean));
			if (suggest_result(&near))
				diags_add(d, k->line, k->col, "unknown key '%s' (did you mean '%s'?)",
					  clean, suggest_result(&near));
			else
				diags_add(d, k->line, k->col, "unknown key '%s'", clean);
		} else if (seen[f] != NULL) {
			diags_add(d, k->line, k->col, "duplicate key '%s' (first at line %u)",
				  fields[f].key, seen[f]->line);
		} else {
			seen[f] = k;
			check_node(&fields[f].value, v, fields[f].key, rule_for(fields, k->value),
				   false, d);
		}
	}
	if (n->cut) {
		/* Whatever is missing may be among the keys not read. */
		diags_add(d, n->cut_line, n->cut_col,
			  "more than %u keys in one mapping: no routine needs that many; "
			  "the rest are not read", YAMLPOS_MAX_ITEMS);
		return;
	}
	for (size_t f = 0; f < nfields; f++)
		if (!(fields[f].value.flags & CYAML_FLAG_OPTIONAL) && seen[f] == NULL)
			diags_add(d, n->line, n->col, "missing required key '%s'", fields[f].key);
	if (fields == step_fields) {
		check_cues(n, d);
		check_placeholders(n, d);
	}
}

static void check_node(const cyaml_schema_value_t *s, const struct ynode *n, const char *key,
		       enum rule rule, bool entry, struct diags *d)
{
	static const enum ynode_type want[] = {
		[CYAML_STRING] = YN_SCALAR, [CYAML_ENUM] = YN_SCALAR,
		[CYAML_MAPPING] = YN_MAPPING, [CYAML_SEQUENCE] = YN_SEQUENCE,
	};

	if (n->reported)
		return;
	if (n->type != want[s->type]) {
		const struct ynode like = {.type = want[s->type]};
		if (key == NULL)
			diags_add(d, n->line, n->col, "a routine must be a mapping of keys, not %s",
				  noun(n));
		else if (entry)
			diags_add(d, n->line, n->col, "each entry of '%s' must be %s, not %s", key,
				  noun(&like), noun(n));
		else
			diags_add(d, n->line, n->col, "'%s' must be %s, not %s", key, noun(&like),
				  noun(n));
		return;
	}
	switch (s->type) {
	case CYAML_STRING: check_string(s, n, key, rule, d); break;
	case CYAML_ENUM: check_enum(s, n, key, d); break;
	case CYAML_MAPPING: check_mapping(s->mapping.fields, n, d); break;
	case CYAML_SEQUENCE: check_sequence(s, n, key, rule, d); break;
	default: break;
	}
}

void routine_check_tree(const struct ynode *root, struct diags *d)
{
	check_node(&routine_schema, root, NULL, R_NONE, false, d);
}
