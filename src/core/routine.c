#include "routine.h"

#include <cyaml/cyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "text.h"
#include "util.h"
#include "yamlpos.h"

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

static const cyaml_schema_field_t cue_fields[] = {
	CYAML_FIELD_STRING_PTR("at", CYAML_FLAG_POINTER, struct cue, at_text, 1, 16),
	CYAML_FIELD_STRING_PTR("say", CYAML_FLAG_POINTER, struct cue, say, 1, 300),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t cue_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct cue, cue_fields),
};

static const cyaml_schema_field_t step_fields[] = {
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
	CYAML_FIELD_STRING_PTR("instructions", CYAML_FLAG_POINTER, struct step, instructions, 1,
			       2000),
	CYAML_FIELD_SEQUENCE("cues", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct step, cues,
			     &cue_schema, 0, 20),
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

static const cyaml_schema_field_t routine_fields[] = {
	CYAML_FIELD_STRING_PTR("title", CYAML_FLAG_POINTER, struct routine, title, 1, 80),
	CYAML_FIELD_STRING_PTR("summary", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			       struct routine, summary, 1, 300),
	CYAML_FIELD_SEQUENCE("tags", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     tags, &tag_schema, 0, 16),
	CYAML_FIELD_SEQUENCE("safety", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			     safety, &note_schema, 0, 16),
	CYAML_FIELD_STRING_PTR("rest", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct routine,
			       rest_text, 1, 16),
	CYAML_FIELD_SEQUENCE("steps", CYAML_FLAG_POINTER, struct routine, steps, &step_schema, 1,
			     100),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t routine_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct routine, routine_fields),
};

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

/* ---- Mapping libcyaml's log onto positions ---- */

#define FRAMES_MAX 16

struct frame {
	bool is_entry; /* sequence entry, else mapping field */
	bool is_mapping; /* "in mapping" without a field */
	char key[40];
	unsigned entry; /* 1-based as libcyaml reports it */
};

struct capture {
	char message[DIAG_MSG_MAX];
	bool have_message;
	bool in_backtrace;
	struct frame frames[FRAMES_MAX]; /* innermost first */
	size_t nframes;
};

static void capture_line(struct capture *c, const char *line)
{
	const char *p;

	if (strncmp(line, "Load: ", 6) == 0)
		line += 6;
	if (strncmp(line, "Backtrace:", 10) == 0) {
		c->in_backtrace = true;
		return;
	}
	if (!c->in_backtrace) {
		if (!c->have_message) {
			/* Truncation is fine: the message is mapped by prefix. */
			size_t n = strnlen(line, sizeof(c->message) - 1);
			memcpy(c->message, line, n);
			c->message[n] = '\0';
			c->have_message = true;
		}
		return;
	}
	if (c->nframes == FRAMES_MAX)
		return;
	struct frame *f = &c->frames[c->nframes];
	memset(f, 0, sizeof(*f));
	if ((p = strstr(line, "in mapping field '")) != NULL) {
		p += strlen("in mapping field '");
		const char *q = strchr(p, '\'');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n >= sizeof(f->key))
			n = sizeof(f->key) - 1;
		memcpy(f->key, p, n);
		c->nframes++;
	} else if ((p = strstr(line, "in sequence entry '")) != NULL) {
		f->is_entry = true;
		f->entry = (unsigned)strtoul(p + strlen("in sequence entry '"), NULL, 10);
		c->nframes++;
	} else if (strstr(line, "in mapping") != NULL) {
		f->is_mapping = true;
		c->nframes++;
	}
}

static void capture_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct capture *c = ctx;
	char line[DIAG_MSG_MAX * 2];

	if (level < CYAML_LOG_ERROR)
		return;
	vsnprintf(line, sizeof(line), fmt, args);
	line[strcspn(line, "\n")] = '\0';
	capture_line(c, line);
}

/* Walk the frames from the outermost to frame `upto` (inclusive, counted
 * from the innermost). For "Excessive entries" libcyaml counts the entry
 * one past the last good one, which is the first excess entry 0-based. */
static const struct ynode *walk(const struct ynode *root, const struct capture *c, size_t upto,
				bool excess)
{
	const struct ynode *n = root;

	for (size_t i = c->nframes; i-- > upto;) {
		const struct frame *f = &c->frames[i];
		const struct ynode *next;
		if (f->is_mapping)
			continue;
		if (f->is_entry)
			next = ynode_item(n, excess && i == 0 ? f->entry : (f->entry ? f->entry - 1 : 0));
		else
			next = ynode_value(n, f->key);
		if (next == NULL)
			break;
		n = next;
	}
	return n;
}

static const char *innermost_key(const struct capture *c)
{
	for (size_t i = 0; i < c->nframes; i++)
		if (!c->frames[i].is_entry && !c->frames[i].is_mapping)
			return c->frames[i].key;
	return "routine";
}

static const char *event_noun(const char *ev)
{
	if (strncmp(ev, "SEQUENCE", 8) == 0)
		return "a list";
	if (strncmp(ev, "MAPPING", 7) == 0)
		return "a mapping";
	if (strncmp(ev, "SCALAR", 6) == 0 || strncmp(ev, "STRING", 6) == 0)
		return "a single value";
	return "something else";
}

static const char *enum_choices(const char *key)
{
	if (strcmp(key, "kind") == 0)
		return "massage, pose, breath or rest";
	if (strcmp(key, "sides") == 0)
		return "none, left, right or both";
	return "?";
}

static void report_cyaml(const struct ynode *root, const struct capture *c, cyaml_err_t err,
			 struct diags *d)
{
	char clean[DIAG_MSG_MAX];
	const char *msg = c->message;
	const char *key = innermost_key(c);
	const struct ynode *n;
	const char *arg;
	unsigned num;

	if (!c->have_message) {
		diags_add(d, root->line, root->col, "%s", cyaml_strerror(err));
		return;
	}
	if (strncmp(msg, "Unexpected key: ", 16) == 0) {
		arg = msg + 16;
		n = walk(root, c, 0, false);
		const struct ynode *k = ynode_key(n, arg);
		text_sanitize(arg, clean, sizeof(clean));
		if (k)
			n = k;
		diags_add(d, n->line, n->col, "unknown key '%s'", clean);
	} else if (strncmp(msg, "Missing required mapping field: ", 32) == 0) {
		arg = msg + 32;
		/* The innermost frame may be the last field seen in the mapping
		 * at fault: climb until a mapping lacks the key. */
		n = root;
		for (size_t upto = 0; upto <= c->nframes; upto++) {
			const struct ynode *m = walk(root, c, upto, false);
			if (m->type == YN_MAPPING && ynode_key(m, arg) == NULL) {
				n = m;
				break;
			}
		}
		diags_add(d, n->line, n->col, "missing required key '%s'", arg);
	} else if (sscanf(msg, "Excessive entries (%u max)", &num) == 1) {
		n = walk(root, c, 0, true);
		diags_add(d, n->line, n->col, "too many entries in '%s' (at most %u)", key, num);
	} else if (sscanf(msg, "Insufficient entries (%*u of %u min)", &num) == 1) {
		n = walk(root, c, 0, false);
		diags_add(d, n->line, n->col, "'%s' needs at least %u %s", key, num,
			  num == 1 ? "entry" : "entries");
	} else if (strncmp(msg, "Invalid ENUM value: ", 20) == 0) {
		n = walk(root, c, 0, false);
		text_sanitize(msg + 20, clean, sizeof(clean));
		diags_add(d, n->line, n->col, "invalid %s '%s' (expected %s)", key, clean,
			  enum_choices(key));
	} else if (sscanf(msg, "STRING length > %u", &num) == 1) {
		n = walk(root, c, 0, false);
		diags_add(d, n->line, n->col, "'%s' is too long (at most %u bytes)", key, num);
	} else if (sscanf(msg, "STRING length < %u", &num) == 1) {
		n = walk(root, c, 0, false);
		diags_add(d, n->line, n->col, "'%s' must not be empty", key);
	} else if (strncmp(msg, "Expecting ", 10) == 0 && (arg = strstr(msg, "got event: ")) != NULL) {
		n = walk(root, c, 0, false);
		const char *want = event_noun(msg + 10);
		if (c->nframes == 0)
			diags_add(d, n->line, n->col, "a routine must be a mapping of keys, not %s",
				  event_noun(arg + 11));
		else
			diags_add(d, n->line, n->col, "'%s' must be %s, not %s", key, want,
				  event_noun(arg + 11));
	} else {
		n = walk(root, c, 0, false);
		text_sanitize(msg, clean, sizeof(clean));
		if (clean[0] >= 'A' && clean[0] <= 'Z')
			clean[0] = (char)(clean[0] - 'A' + 'a');
		diags_add(d, n->line, n->col, "%s", clean);
	}
}

/* ---- Checks made after loading ---- */

static void at(struct diags *d, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void at(struct diags *d, const struct ynode *n, const char *fmt, ...)
{
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diags_add(d, n ? n->line : 1, n ? n->col : 1, "%s", msg);
}

/* Text fields: present, no control characters (a newline is allowed in
 * long text), no leading or trailing blank-only content. */
static void check_text(struct diags *d, const struct ynode *node, const char *key,
		       const char *value, bool multiline)
{
	if (value == NULL || (node && node->is_null)) {
		at(d, node, "'%s' needs a value", key);
		return;
	}
	if (text_has_control(value, multiline))
		at(d, node, "'%s' contains a control character", key);
	else if (text_is_blank(value))
		at(d, node, "'%s' must not be blank", key);
}

static bool check_duration(struct diags *d, const struct ynode *node, const char *key,
			   const char *text, bool allow_zero, unsigned *out)
{
	char err[DIAG_MSG_MAX - 32];
	unsigned v;

	if (text == NULL || (node && node->is_null)) {
		at(d, node, "'%s' needs a value", key);
		return false;
	}
	if (duration_parse(text, &v, err, sizeof(err)) < 0) {
		char clean[DIAG_MSG_MAX - 32];
		text_sanitize(err, clean, sizeof(clean));
		at(d, node, "%s: %s", key, clean);
		return false;
	}
	if (v == 0 && !allow_zero) {
		at(d, node, "'%s' must be longer than zero", key);
		return false;
	}
	if (v > DURATION_MAX_HOLD) {
		at(d, node, "'%s' must be at most 4h", key);
		return false;
	}
	*out = v;
	return true;
}

static void validate(struct routine *r, const struct ynode *root, struct diags *d)
{
	const struct ynode *n;

	check_text(d, ynode_value(root, "title"), "title", r->title, false);
	if (r->summary || ynode_value(root, "summary"))
		check_text(d, ynode_value(root, "summary"), "summary", r->summary, true);

	const struct ynode *tags = ynode_value(root, "tags");
	for (unsigned i = 0; i < r->tags_count; i++) {
		n = ynode_item(tags, i);
		if (r->tags[i] == NULL || !routine_tag_valid(r->tags[i])) {
			char clean[64];
			text_sanitize(r->tags[i] ? r->tags[i] : "", clean, sizeof(clean));
			at(d, n, "invalid tag '%s' (use lowercase letters, digits and '-')", clean);
		}
	}
	const struct ynode *safety = ynode_value(root, "safety");
	for (unsigned i = 0; i < r->safety_count; i++)
		check_text(d, ynode_item(safety, i), "safety", r->safety[i], true);

	r->rest = ROUTINE_DEFAULT_REST;
	if (r->rest_text || ynode_value(root, "rest"))
		check_duration(d, ynode_value(root, "rest"), "rest", r->rest_text, true, &r->rest);

	const struct ynode *steps = ynode_value(root, "steps");
	for (unsigned i = 0; i < r->steps_count; i++) {
		struct step *s = &r->steps[i];
		const struct ynode *sn = ynode_item(steps, i);
		bool hold_ok;

		check_text(d, ynode_value(sn, "name"), "name", s->name, false);
		check_text(d, ynode_value(sn, "instructions"), "instructions", s->instructions, true);
		hold_ok = check_duration(d, ynode_value(sn, "hold"), "hold", s->hold_text, false,
					 &s->hold);
		s->rest = r->rest;
		if (s->rest_text || ynode_value(sn, "rest"))
			check_duration(d, ynode_value(sn, "rest"), "rest", s->rest_text, true,
				       &s->rest);
		s->reps = 1;
		if (s->reps_text || ynode_value(sn, "reps")) {
			const struct ynode *rn = ynode_value(sn, "reps");
			const char *t = s->reps_text ? s->reps_text : "";
			unsigned v = 0;
			bool ok = t[0] != '\0' && strlen(t) <= 2;
			for (const char *p = t; ok && *p; p++)
				ok = *p >= '0' && *p <= '9';
			if (ok)
				v = (unsigned)atoi(t);
			if (!ok || v < 1 || v > ROUTINE_MAX_REPS) {
				char clean[32];
				text_sanitize(t, clean, sizeof(clean));
				at(d, rn, "invalid reps '%s' (use a whole number from 1 to 20)", clean);
			} else {
				s->reps = v;
			}
		}
		const struct ynode *cues = ynode_value(sn, "cues");
		for (unsigned j = 0; j < s->cues_count; j++) {
			struct cue *c = &s->cues[j];
			const struct ynode *cn = ynode_item(cues, j);
			check_text(d, ynode_value(cn, "say"), "say", c->say, true);
			if (check_duration(d, ynode_value(cn, "at"), "at", c->at_text, false, &c->at) &&
			    hold_ok && c->at >= s->hold) {
				char a[32], h[32];
				at(d, ynode_value(cn, "at"), "cue at %s is not within the hold of %s",
				   duration_format(c->at, a, sizeof(a)),
				   duration_format(s->hold, h, sizeof(h)));
			}
		}
	}
}

struct routine *routine_parse(const char *buf, size_t len, struct diags *d)
{
	struct capture cap;
	struct routine *r = NULL;
	size_t before = d->count;

	if (len > ROUTINE_FILE_MAX) {
		diags_add(d, 1, 1, "file is larger than 1 MiB");
		return NULL;
	}
	struct ynode *root = ydoc_parse(buf, len, d);
	if (root == NULL)
		return NULL;

	memset(&cap, 0, sizeof(cap));
	cyaml_config_t cfg = {
		.log_fn = capture_log,
		.log_ctx = &cap,
		.mem_fn = cyaml_mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_NO_ALIAS,
	};
	cyaml_err_t err = cyaml_load_data((const uint8_t *)buf, len, &cfg, &routine_schema,
					  (cyaml_data_t **)&r, NULL);
	if (err != CYAML_OK || r == NULL) {
		report_cyaml(root, &cap, err, d);
		ynode_free(root);
		return NULL;
	}
	validate(r, root, d);
	ynode_free(root);
	if (d->count > before) {
		routine_free(r);
		return NULL;
	}
	return r;
}

void routine_free(struct routine *r)
{
	cyaml_config_t cfg = {.mem_fn = cyaml_mem, .log_level = CYAML_LOG_ERROR};

	if (r != NULL)
		cyaml_free(&cfg, &routine_schema, r, 0);
}
