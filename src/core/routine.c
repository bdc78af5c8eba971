#include "routine.h"

#include <assert.h>
#include <cyaml/cyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "duration.h"
#include "text.h"
#include "util.h"
#include "yamlpos.h"
#include "routine_rules.h"

/* ---- The schema: the whole format in one place. ---- */

static const cyaml_strval_t kind_names[] = {
	{"massage", KIND_MASSAGE},
	{"pose", KIND_POSE},
	{"breath", KIND_BREATH},
	{"rest", KIND_REST},
};

static const cyaml_strval_t sides_names[] = {
	{"none", SIDES_NONE},
	{"left", SIDES_LEFT},
	{"right", SIDES_RIGHT},
	{"both", SIDES_BOTH},
};

static const cyaml_strval_t end_names[] = {
	{"chime", END_CHIME},
	{"quiet", END_QUIET},
};

/* The longest lists; the position pass keeps YAMLPOS_MAX_ITEMS of each. */
#define MAX_CUES 20
#define MAX_TAGS 16
#define MAX_SAFETY 16
#define MAX_STEPS 100
#define MAX_EQUIPMENT 8
#define MAX_PRONOUNCE 16
/* The most keys any mapping of the schema has. */
_Static_assert(MAX_CUES <= YAMLPOS_MAX_ITEMS && MAX_TAGS <= YAMLPOS_MAX_ITEMS &&
		       MAX_SAFETY <= YAMLPOS_MAX_ITEMS && MAX_STEPS <= YAMLPOS_MAX_ITEMS &&
		       MAX_EQUIPMENT <= YAMLPOS_MAX_ITEMS && MAX_PRONOUNCE <= YAMLPOS_MAX_ITEMS,
	       "a list the position pass would cut short");

static const cyaml_schema_field_t cue_fields[] = {
	CYAML_FIELD_STRING_PTR("at", CYAML_FLAG_POINTER, struct cue, at_text, 1, 16),
	CYAML_FIELD_STRING_PTR("say", CYAML_FLAG_POINTER, struct cue, say, 1, 300),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t cue_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct cue, cue_fields),
};

const cyaml_schema_field_t step_fields[] = {
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_POINTER, struct step, name, 1, 80),
	CYAML_FIELD_ENUM("kind", CYAML_FLAG_STRICT, struct step, kind, kind_names,
			 CYAML_ARRAY_LEN(kind_names)),
	CYAML_FIELD_ENUM("sides", CYAML_FLAG_STRICT | CYAML_FLAG_OPTIONAL, struct step, sides,
			 sides_names, CYAML_ARRAY_LEN(sides_names)),
	CYAML_FIELD_STRING_PTR("hold", CYAML_FLAG_POINTER, struct step, hold_text, 1, 16),
	CYAML_FIELD_STRING_PTR("reps", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step,
			       reps_text, 1, 4),
	CYAML_FIELD_STRING_PTR("rest", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step,
			       rest_text, 1, 16),
	CYAML_FIELD_STRING_PTR("prepare", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step,
			       prepare_text, 1, 16),
	CYAML_FIELD_STRING_PTR("instructions", CYAML_FLAG_POINTER, struct step, instructions, 1,
			       2000),
	CYAML_FIELD_STRING_PTR("exit", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step, exit,
			       1, 500),
	CYAML_FIELD_SEQUENCE("cues", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step, cues,
			     &cue_schema, 0, MAX_CUES),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t step_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct step, step_fields),
};

static const cyaml_schema_value_t tag_schema = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 32),
};

static const cyaml_schema_value_t note_schema = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 500),
};

static const cyaml_schema_value_t equipment_schema = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, 32),
};

static const cyaml_schema_field_t pronounce_fields[] = {
	CYAML_FIELD_STRING_PTR("word", CYAML_FLAG_POINTER, struct pronounce, word, 1, 40),
	CYAML_FIELD_STRING_PTR("say", CYAML_FLAG_POINTER, struct pronounce, say, 1, 80),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t pronounce_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct pronounce, pronounce_fields),
};

static const cyaml_schema_field_t routine_fields[] = {
	CYAML_FIELD_STRING_PTR("title", CYAML_FLAG_POINTER, struct routine, title, 1, 80),
	CYAML_FIELD_STRING_PTR("summary", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct routine, summary, 1, 300),
	CYAML_FIELD_SEQUENCE("tags", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     tags, &tag_schema, 0, MAX_TAGS),
	CYAML_FIELD_SEQUENCE("safety", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     safety, &note_schema, 0, MAX_SAFETY),
	CYAML_FIELD_STRING_PTR("rest", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			       rest_text, 1, 16),
	CYAML_FIELD_STRING_PTR("prepare", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			       prepare_text, 1, 16),
	CYAML_FIELD_SEQUENCE("equipment", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     equipment, &equipment_schema, 0, MAX_EQUIPMENT),
	CYAML_FIELD_SEQUENCE("pronounce", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     pronounce, &pronounce_schema, 0, MAX_PRONOUNCE),
	CYAML_FIELD_SEQUENCE("steps", CYAML_FLAG_POINTER, struct routine, steps, &step_schema, 1,
			     MAX_STEPS),
	CYAML_FIELD_ENUM("end", CYAML_FLAG_STRICT | CYAML_FLAG_OPTIONAL, struct routine, end,
			 end_names, CYAML_ARRAY_LEN(end_names)),
	CYAML_FIELD_END,
};

const cyaml_schema_value_t routine_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct routine, routine_fields),
};

/* ---- Memory ----
 * libcyaml allocates every string and list of a routine on its own and
 * frees them one by one; a routine is made and dropped whole, so its memory
 * comes from an arena that goes at once. */

/* libcyaml's mem_fn: realloc's contract; freeing waits for the arena. */
static void *arena_mem(void *ctx, void *ptr, size_t size)
{
	return size == 0 ? NULL : arena_realloc(ctx, ptr, size);
}

/* ---- Names ---- */

static bool name_rule(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

bool routine_name_valid(const char *name)
{
	return name != NULL && name_rule(name, ROUTINE_NAME_MAX);
}

bool routine_tag_valid(const char *tag)
{
	return tag != NULL && name_rule(tag, 32);
}

const char *step_kind_name(enum step_kind k)
{
	return (unsigned)k < CYAML_ARRAY_LEN(kind_names) ? kind_names[k].str : "?";
}

const char *step_sides_name(enum step_sides s)
{
	return (unsigned)s < CYAML_ARRAY_LEN(sides_names) ? sides_names[s].str : "?";
}

/* ---- The checks libcyaml's schema cannot express ----
 * One function judges each kind of value. Both paths use it: the fast one
 * over the routine libcyaml loaded, and the one over the position tree that
 * places every error when anything is wrong. */


static const struct field_rule {
	const cyaml_schema_field_t *in; /* the mapping the key belongs to */
	const char *key;
	enum rule rule; /* for a sequence, the rule of each entry */
} field_rules[] = {
	{routine_fields, "title", R_LINE},
	{routine_fields, "summary", R_TEXT},
	{routine_fields, "tags", R_TAG},
	{routine_fields, "safety", R_TEXT},
	{routine_fields, "rest", R_REST},
	{routine_fields, "prepare", R_REST},
	{routine_fields, "equipment", R_TAG},
	{pronounce_fields, "word", R_WORD},
	{pronounce_fields, "say", R_LINE},
	{step_fields, "name", R_LINE},
	{step_fields, "hold", R_HOLD},
	{step_fields, "reps", R_REPS},
	{step_fields, "rest", R_REST},
	{step_fields, "prepare", R_REST},
	{step_fields, "instructions", R_TEXT},
	{step_fields, "exit", R_TEXT},
	{cue_fields, "at", R_AT},
	{cue_fields, "say", R_TEXT},
};

enum rule rule_for(const cyaml_schema_field_t *in, const char *key)
{
	for (size_t i = 0; i < CYAML_ARRAY_LEN(field_rules); i++)
		if (field_rules[i].in == in && strcmp(field_rules[i].key, key) == 0)
			return field_rules[i].rule;
	return R_NONE;
}

static bool check_duration(const char *key, const char *text, bool allow_zero, unsigned *out,
			   char *msg, size_t len)
{
	char err[DIAG_MSG_MAX - 32];
	unsigned v;

	if (duration_parse(text, &v, err, sizeof(err)) < 0) {
		snprintf(msg, len, "%s: %s", key, err);
		return false;
	}
	if (v == 0 && !allow_zero) {
		snprintf(msg, len, "'%s' must be longer than zero", key);
		return false;
	}
	if (v > DURATION_MAX_HOLD) {
		snprintf(msg, len, "'%s' must be at most 4h", key);
		return false;
	}
	*out = v;
	return true;
}

/* A cue's time: "45s" from the start of the hold, "-20s" back from its end. */
bool check_cue_at(const char *text, unsigned *out, bool *from_end, char *msg, size_t len)
{
	*from_end = text[0] == '-';
	return check_duration("at", text + *from_end, false, out, msg, len);
}

/* Where a cue falls in a hold, or false when it falls outside. */
bool cue_in_hold(unsigned at, bool from_end, unsigned hold, unsigned *start)
{
	if (at >= hold)
		return false;
	*start = from_end ? hold - at : at;
	return true;
}

static bool word_valid(const char *w)
{
	if (!((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z')))
		return false;
	for (const char *p = w; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '\'' || *p == '-'))
			return false;
	return true;
}

static bool check_reps(const char *text, unsigned *out, char *msg, size_t len)
{
	bool ok = text[0] != '\0' && strlen(text) <= 2;
	unsigned v = 0;

	for (const char *p = text; ok && *p; p++)
		ok = *p >= '0' && *p <= '9';
	if (ok)
		v = (unsigned)atoi(text);
	if (!ok || v < 1 || v > ROUTINE_MAX_REPS) {
		char clean[32];
		snprintf(msg, len, "invalid reps '%s' (use a whole number from 1 to 20)",
			 text_sanitize(text, clean, sizeof(clean)));
		return false;
	}
	*out = v;
	return true;
}

/* Judge one present, non-null value under its rule. Durations and reps
 * are stored in *out when they are good. */
bool check_rule(enum rule rule, const char *key, const char *value, unsigned *out,
		       char *msg, size_t len)
{
	unsigned scratch;
	char clean[64];

	if (out == NULL)
		out = &scratch;
	switch (rule) {
	case R_LINE:
	case R_TEXT:
		if (text_has_control(value, rule == R_TEXT)) {
			snprintf(msg, len, "'%s' contains a control character", key);
			return false;
		}
		if (text_is_blank(value)) {
			snprintf(msg, len, "'%s' must not be blank", key);
			return false;
		}
		return true;
	case R_TAG:
		if (!routine_tag_valid(value)) {
			snprintf(msg, len, "invalid %s '%s' (use lowercase letters, digits and '-')",
				 strcmp(key, "tags") == 0 ? "tag" : key,
				 text_sanitize(value, clean, sizeof(clean)));
			return false;
		}
		return true;
	case R_WORD:
		if (!word_valid(value)) {
			snprintf(msg, len, "invalid word '%s' (one word: letters, ' and -)",
				 text_sanitize(value, clean, sizeof(clean)));
			return false;
		}
		return true;
	case R_HOLD:
		return check_duration(key, value, false, out, msg, len);
	case R_AT: {
		bool from_end;
		return check_cue_at(value, out, &from_end, msg, len);
	}
	case R_REST:
		return check_duration(key, value, true, out, msg, len);
	case R_REPS:
		return check_reps(value, out, msg, len);
	case R_NONE:
		break;
	}
	return true;
}

/* ---- The fast path: judge the loaded routine ----
 * Most files are fine, and libcyaml has loaded them: check the values it
 * cannot, and fill in the numbers. Positions are not needed unless
 * something is wrong, so any doubt sends the file to the position pass,
 * which has the last word. */

/* A plain ~ or null loads as that text; only the position pass knows
 * whether it was quoted. */
static bool looks_null(const char *s)
{
	switch (s[0]) {
	case '~': return s[1] == '\0';
	case 'n': return strcmp(s, "null") == 0;
	case 'N': return strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
	}
	return false;
}

static bool settle_value(enum rule rule, const char *key, const char *value, unsigned *out)
{
	char msg[DIAG_MSG_MAX];

	if (value == NULL) /* optional and absent; libcyaml checks required keys */
		return true;
	return !looks_null(value) && check_rule(rule, key, value, out, msg, sizeof(msg));
}

/* {side} and {other}: only these, and only where there is a side. */
static bool placeholders_ok(const char *text, enum step_sides sides)
{
	unsigned m = text ? text_placeholders(text, NULL, 0) : 0;
	return !(m & TEXT_PLACEHOLDER_UNKNOWN) && !((m & TEXT_PLACEHOLDER_SIDE) && sides == SIDES_NONE);
}

bool step_placeholders_ok(const struct step *s)
{
	bool ok = placeholders_ok(s->instructions, s->sides) && placeholders_ok(s->exit, s->sides);
	for (unsigned j = 0; j < s->cues_count; j++)
		ok &= placeholders_ok(s->cues[j].say, s->sides);
	return ok;
}

/* Cues in the order they fall, so the player can take them one by one. */
static void sort_cues(struct step *s)
{
	for (unsigned i = 1; i < s->cues_count; i++) {
		struct cue c = s->cues[i];
		unsigned j = i;
		while (j > 0 && s->cues[j - 1].at > c.at) {
			s->cues[j] = s->cues[j - 1];
			j--;
		}
		s->cues[j] = c;
	}
}

static bool settle(struct routine *r)
{
	bool ok = true;

	ok &= settle_value(R_LINE, "title", r->title, NULL);
	ok &= settle_value(R_TEXT, "summary", r->summary, NULL);
	for (unsigned i = 0; i < r->tags_count; i++)
		ok &= settle_value(R_TAG, "tags", r->tags[i], NULL);
	for (unsigned i = 0; i < r->safety_count; i++)
		ok &= settle_value(R_TEXT, "safety", r->safety[i], NULL);
	for (unsigned i = 0; i < r->equipment_count; i++)
		ok &= settle_value(R_TAG, "equipment", r->equipment[i], NULL);
	for (unsigned i = 0; i < r->pronounce_count; i++) {
		ok &= settle_value(R_WORD, "word", r->pronounce[i].word, NULL);
		ok &= settle_value(R_LINE, "say", r->pronounce[i].say, NULL);
	}
	r->rest = ROUTINE_DEFAULT_REST;
	ok &= settle_value(R_REST, "rest", r->rest_text, &r->rest);
	r->prepare = ROUTINE_DEFAULT_PREPARE;
	ok &= settle_value(R_REST, "prepare", r->prepare_text, &r->prepare);

	for (unsigned i = 0; i < r->steps_count; i++) {
		struct step *s = &r->steps[i];
		ok &= settle_value(R_LINE, "name", s->name, NULL);
		ok &= settle_value(R_TEXT, "instructions", s->instructions, NULL);
		ok &= settle_value(R_TEXT, "exit", s->exit, NULL);
		bool hold_ok = settle_value(R_HOLD, "hold", s->hold_text, &s->hold);
		ok &= hold_ok;
		s->rest = r->rest;
		ok &= settle_value(R_REST, "rest", s->rest_text, &s->rest);
		s->prepare = r->prepare;
		ok &= settle_value(R_REST, "prepare", s->prepare_text, &s->prepare);
		s->reps = 1;
		ok &= settle_value(R_REPS, "reps", s->reps_text, &s->reps);
		ok &= step_placeholders_ok(s);
		for (unsigned j = 0; j < s->cues_count; j++) {
			struct cue *c = &s->cues[j];
			char msg[DIAG_MSG_MAX];
			unsigned v;
			c->index = j;
			ok &= settle_value(R_TEXT, "say", c->say, NULL);
			ok &= c->at_text != NULL && !looks_null(c->at_text) &&
			      check_cue_at(c->at_text, &v, &c->from_end, msg, sizeof(msg)) && hold_ok &&
			      cue_in_hold(v, c->from_end, s->hold, &c->at);
		}
		sort_cues(s);
	}
	return ok;
}

/* ---- libcyaml's own word, should the position pass find nothing ---- */

struct capture {
	char message[DIAG_MSG_MAX];
	unsigned line, col; /* of the innermost backtrace frame */
};

static void capture_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct capture *c = ctx;
	char line[DIAG_MSG_MAX * 2];
	const char *p;

	if (level < CYAML_LOG_ERROR)
		return;
	vsnprintf(line, sizeof(line), fmt, args);
	line[strcspn(line, "\n")] = '\0';
	if (c->message[0] == '\0') {
		const char *m = strncmp(line, "Load: ", 6) == 0 ? line + 6 : line;
		text_sanitize(m, c->message, sizeof(c->message));
	} else if (c->line == 0 && (p = strstr(line, "(line: ")) != NULL) {
		if (sscanf(p, "(line: %u, column: %u)", &c->line, &c->col) != 2)
			c->line = c->col = 0;
	}
}

/* Does a document marker ("---" or "...") start right after a line break
 * that is the byte c followed by rest? */
static bool marker_after(const char *buf, size_t len, char c, const char *rest)
{
	const char *end = buf + len;

	for (const char *p = buf; (p = memchr(p, c, (size_t)(end - p))) != NULL; p++) {
		size_t n = strlen(rest);
		const char *m = p + 1 + n;
		if (m <= end && memcmp(p + 1, rest, n) == 0 && end - m >= 3 &&
		    (memcmp(m, "---", 3) == 0 || memcmp(m, "...", 3) == 0))
			return true;
	}
	return false;
}

/* What the fast path cannot judge, cheaply found; a false alarm only sends
 * the file to the position pass. Each test is a memchr over the file.
 * - libcyaml reads the first document of a stream and ignores the rest: a
 *   document marker at the start of any line but the first, after any line
 *   break libyaml knows (LF, CR, NEL, LS, PS).
 * - A NUL written as an escape (\0, \x00, \u0000, \U00000000) ends the
 *   text there for libcyaml and for every check after it. */
static bool needs_a_closer_look(const char *buf, size_t len)
{
	const char *end = buf + len;

	if (marker_after(buf, len, '\n', "") || marker_after(buf, len, '\r', "") ||
	    marker_after(buf, len, '\xC2', "\x85") || marker_after(buf, len, '\xE2', "\x80\xA8") ||
	    marker_after(buf, len, '\xE2', "\x80\xA9"))
		return true;
	for (const char *p = buf; (p = memchr(p, '\\', (size_t)(end - p))) != NULL; p += 2) {
		if (end - p < 2)
			break;
		if (p[1] == '0')
			return true;
		if ((p[1] == 'x' || p[1] == 'u' || p[1] == 'U') && end - p >= 4 && p[2] == '0' &&
		    p[3] == '0')
			return true;
	}
	return false;
}

struct routine *routine_parse(const char *buf, size_t len, struct diags *d)
{
	struct capture cap = {0};
	struct routine *r = NULL;
	size_t before = d->count;

	if (len > ROUTINE_FILE_MAX) {
		diags_add(d, 1, 1, "file is larger than 1 MiB");
		return NULL;
	}
	/* Blocks small enough for malloc's per-thread cache: a list loads a
	 * thousand routines, and larger blocks made malloc sort its free
	 * lists for each one. */
	struct arena *mem = arena_new(ARENA_SMALL_BLOCK);
	cyaml_config_t cfg = {
		.log_fn = capture_log,
		.log_ctx = &cap,
		.mem_fn = arena_mem,
		.mem_ctx = mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_NO_ALIAS,
	};
	cyaml_err_t err = cyaml_load_data((const uint8_t *)buf, len, &cfg, &routine_schema,
					  (cyaml_data_t **)&r, NULL);
	if (err == CYAML_OK && r != NULL) {
		r->mem = mem;
	} else {
		r = NULL;
		arena_release(mem);
	}
	if (r != NULL && settle(r) && !needs_a_closer_look(buf, len))
		return r;

	/* Nodes and their text take a few times the file's size. */
	struct arena *tree = arena_new(len * 4);
	struct ynode *root = ydoc_parse(buf, len, d, tree);
	if (root != NULL)
		routine_check_tree(root, d);
	arena_release(tree);
	if (d->count == before && r == NULL)
		diags_add(d, cap.line, cap.col, "%s",
			  cap.message[0] ? cap.message : cyaml_strerror(err));
	diags_sort(d, before);
	ytext_clamp(buf, len, d, before);
	if (d->count == before)
		return r; /* the doubt was unfounded: a quoted "null", say */
	routine_free(r);
	return NULL;
}

void routine_default_prepare(struct routine *r, unsigned seconds)
{
	if (r->prepare_text == NULL)
		r->prepare = seconds;
	for (unsigned i = 0; i < r->steps_count; i++)
		if (r->steps[i].prepare_text == NULL)
			r->steps[i].prepare = r->prepare;
}

void routine_free(struct routine *r)
{
	if (r != NULL)
		arena_release(r->mem); /* r itself is in there too */
}
