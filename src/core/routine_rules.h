/* What routine.c and routine_check.c share: the schema, and the rules
 * libcyaml's schema cannot express (one function judges each kind of
 * value, for the fast path over the loaded routine and for the position
 * pass that places every error). Private to the routine loader. */
#ifndef SELFCARE_ROUTINE_RULES_H
#define SELFCARE_ROUTINE_RULES_H

#include <cyaml/cyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "yamlpos.h"

#define MAX_FIELDS 16 /* the most keys of one mapping in the schema */

enum rule { R_NONE, R_LINE, R_TEXT, R_TAG, R_WORD, R_HOLD, R_REST, R_AT, R_REPS };

extern const cyaml_schema_value_t routine_schema;
extern const cyaml_schema_field_t step_fields[];

enum rule rule_for(const cyaml_schema_field_t *in, const char *key);
bool check_rule(enum rule rule, const char *key, const char *value, unsigned *out,
		       char *msg, size_t len);
bool check_cue_at(const char *text, unsigned *out, bool *from_end, char *msg, size_t len);
bool cue_in_hold(unsigned at, bool from_end, unsigned hold, unsigned *start);

/* The position pass (routine_check.c): every error of the tree, at the
 * node at fault. */
void routine_check_tree(const struct ynode *root, struct diags *d);

#endif
