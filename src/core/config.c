#include "config.h"

#include <cyaml/cyaml.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "duration.h"
#include "text.h"
#include "yamlpos.h"

enum kind { K_BOOL, K_RATE, K_DURATION, K_COLOR };

static const struct {
	const char *name;
	enum kind kind;
	unsigned min, max; /* for durations */
} keys[CFG_KEYS] = {
	[CFG_VOICE] = {"voice", K_BOOL, 0, 0},
	[CFG_VOICE_RATE] = {"voice-rate", K_RATE, 0, 0},
	[CFG_SOUNDS] = {"sounds", K_BOOL, 0, 0},
	[CFG_BELL] = {"bell", K_BOOL, 0, 0},
	[CFG_NOTIFICATIONS] = {"notifications", K_BOOL, 0, 0},
	[CFG_CHECKIN] = {"checkin", K_BOOL, 0, 0},
	[CFG_SAFETY_VOICE] = {"safety-voice", K_BOOL, 0, 0},
	[CFG_PREPARE] = {"prepare", K_DURATION, 0, CONFIG_PREPARE_MAX},
	[CFG_SNOOZE] = {"snooze", K_DURATION, 1, CONFIG_SNOOZE_MAX},
	[CFG_COLOR] = {"color", K_COLOR, 0, 0},
	[CFG_BIG_DIGITS] = {"big-digits", K_BOOL, 0, 0},
	[CFG_LISTEN] = {"listen", K_BOOL, 0, 0},
};

/* What libcyaml reads: every value as text, checked here. */
struct raw {
	char *v[CFG_KEYS];
};

static const cyaml_schema_field_t raw_fields[] = {
	CYAML_FIELD_STRING_PTR("voice", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_VOICE], 0, 64),
	CYAML_FIELD_STRING_PTR("voice-rate", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_VOICE_RATE], 0, 64),
	CYAML_FIELD_STRING_PTR("sounds", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_SOUNDS], 0, 64),
	CYAML_FIELD_STRING_PTR("bell", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_BELL], 0, 64),
	CYAML_FIELD_STRING_PTR("notifications", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_NOTIFICATIONS], 0, 64),
	CYAML_FIELD_STRING_PTR("checkin", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_CHECKIN], 0, 64),
	CYAML_FIELD_STRING_PTR("safety-voice", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_SAFETY_VOICE], 0, 64),
	CYAML_FIELD_STRING_PTR("prepare", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_PREPARE], 0, 64),
	CYAML_FIELD_STRING_PTR("snooze", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_SNOOZE], 0, 64),
	CYAML_FIELD_STRING_PTR("color", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_COLOR], 0, 64),
	CYAML_FIELD_STRING_PTR("big-digits", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_BIG_DIGITS], 0, 64),
	CYAML_FIELD_STRING_PTR("listen", CYAML_FLAG_OPTIONAL, struct raw, v[CFG_LISTEN], 0, 64),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t raw_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw, raw_fields),
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->voice = c->sounds = c->bell = c->notifications = c->checkin = c->big_digits = true;
	c->safety_voice = true;
	c->voice_rate = CONFIG_RATE_DEFAULT;
	c->prepare = 5;
	c->snooze = 600;
	c->color = CONFIG_COLOR_AUTO;
}

const char *config_key_name(enum config_key k)
{
	return (unsigned)k < CFG_KEYS ? keys[k].name : "";
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
	for (int i = 0; i < 3; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* One value: into c when c is not NULL; 0, or -1 with msg. */
static int apply(enum config_key k, const char *v, struct config *c, char *msg, size_t len)
{
	char clean[72];
	text_sanitize(v, clean, sizeof(clean));
	switch (keys[k].kind) {
	case K_BOOL: {
		int b = parse_bool(v);
		if (b < 0) {
			snprintf(msg, len, "'%s' takes true or false, not '%s'", keys[k].name, clean);
			return -1;
		}
		if (c) {
			bool *field = k == CFG_VOICE           ? &c->voice
				      : k == CFG_SOUNDS        ? &c->sounds
				      : k == CFG_BELL          ? &c->bell
				      : k == CFG_NOTIFICATIONS ? &c->notifications
				      : k == CFG_CHECKIN       ? &c->checkin
				      : k == CFG_SAFETY_VOICE  ? &c->safety_voice
				      : k == CFG_LISTEN        ? &c->listen
							       : &c->big_digits;
			*field = b;
		}
		return 0;
	}
	case K_RATE: {
		if (strcmp(v, "default") == 0) {
			if (c)
				c->voice_rate = CONFIG_RATE_DEFAULT;
			return 0;
		}
		char *end;
		errno = 0;
		long r = strtol(v, &end, 10);
		if (errno || end == v || *end || r < -100 || r > 100) {
			snprintf(msg, len, "'voice-rate' takes a whole number from -100 to 100, or default, "
					   "not '%s'", clean);
			return -1;
		}
		if (c)
			c->voice_rate = (int)r;
		return 0;
	}
	case K_DURATION: {
		unsigned secs;
		char err[128], a[32], b[32];
		if (duration_parse(v, &secs, err, sizeof(err)) < 0) {
			snprintf(msg, len, "'%s': %s", keys[k].name, err);
			return -1;
		}
		if (secs < keys[k].min || secs > keys[k].max) {
			snprintf(msg, len, "'%s' must be from %s to %s, not %s", keys[k].name,
				 duration_format(keys[k].min, a, sizeof(a)),
				 duration_format(keys[k].max, b, sizeof(b)), clean);
			return -1;
		}
		if (c)
			*(k == CFG_PREPARE ? &c->prepare : &c->snooze) = secs;
		return 0;
	}
	case K_COLOR: {
		static const char *const names[] = {"auto", "always", "never"};
		for (int i = 0; i < 3; i++)
			if (strcmp(v, names[i]) == 0) {
				if (c)
					c->color = (enum config_color)i;
				return 0;
			}
		snprintf(msg, len, "'color' takes auto, always or never, not '%s'", clean);
		return -1;
	}
	}
	return -1;
}

static int key_index(const char *name)
{
	for (int i = 0; i < CFG_KEYS; i++)
		if (strcmp(name, keys[i].name) == 0)
			return i;
	return -1;
}

/* Nothing but blanks and comments. */
static bool blank(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '#') {
			while (i < len && buf[i] != '\n')
				i++;
		} else if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r') {
			return false;
		}
	}
	return true;
}

static void *arena_mem(void *ctx, void *ptr, size_t size)
{
	return size == 0 ? NULL : arena_realloc(ctx, ptr, size);
}

static void quiet_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	(void)level;
	(void)ctx;
	(void)fmt;
	(void)args;
}

void config_parse(const char *buf, size_t len, struct config *c, struct diags *d)
{
	size_t before = d->count;
	bool ok[CFG_KEYS] = {false};
	unsigned lines[CFG_KEYS] = {0};
	const char *tree_value[CFG_KEYS] = {NULL};

	/* The size first: a file cut at the limit may look blank (all
	 * comments) when what follows is not. */
	if (len > CONFIG_FILE_MAX) {
		diags_add(d, 1, 1, "file is larger than 64 KiB");
		return;
	}
	if (blank(buf, len))
		return;
	/* The positions, and every error, from the node tree. */
	struct arena *tree = arena_new(len * 4 + 1024);
	struct ynode *root = ydoc_parse(buf, len, d, tree);
	if (root && root->type != YN_MAPPING) {
		diags_add(d, root->line, root->col, "the settings must be a mapping, such as 'voice: false'");
		root = NULL;
	}
	for (size_t i = 0; root && i + 1 < root->count; i += 2) {
		const struct ynode *k = root->kids[i], *v = root->kids[i + 1];
		char clean[72], msg[DIAG_MSG_MAX];
		int idx = k->type == YN_SCALAR ? key_index(k->value) : -1;
		if (idx < 0) {
			struct suggest near;
			suggest_start(&near, k->type == YN_SCALAR ? k->value : "");
			for (int j = 0; k->type == YN_SCALAR && j < CFG_KEYS; j++)
				suggest_consider(&near, keys[j].name);
			if (k->type != YN_SCALAR)
				diags_add(d, k->line, k->col, "a setting's name must be a word");
			else if (suggest_result(&near))
				diags_add(d, k->line, k->col, "unknown setting '%s' (did you mean '%s'?)",
					  text_sanitize(k->value, clean, sizeof(clean)),
					  suggest_result(&near));
			else
				diags_add(d, k->line, k->col, "unknown setting '%s'",
					  text_sanitize(k->value, clean, sizeof(clean)));
			continue;
		}
		if (lines[idx]) {
			diags_add(d, k->line, k->col, "'%s' is set twice (first on line %u)",
				  keys[idx].name, lines[idx]);
			ok[idx] = false;
			continue;
		}
		lines[idx] = k->line;
		if (v->type != YN_SCALAR || v->is_null) {
			diags_add(d, v->line, v->col, "'%s' needs a single value", keys[idx].name);
			continue;
		}
		if (apply((enum config_key)idx, v->value, NULL, msg, sizeof(msg)) < 0) {
			diags_add(d, v->line, v->col, "%s", msg);
			continue;
		}
		ok[idx] = true;
		tree_value[idx] = v->value;
	}

	/* The values, read with libcyaml; unknown keys were said above. */
	struct raw *raw = NULL;
	struct arena *mem = arena_new(4096);
	cyaml_config_t cfg = {
		.log_fn = quiet_log,
		.mem_fn = arena_mem,
		.mem_ctx = mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_NO_ALIAS | CYAML_CFG_IGNORE_UNKNOWN_KEYS,
	};
	cyaml_err_t err = root || d->count == before
				  ? cyaml_load_data((const uint8_t *)buf, len, &cfg, &raw_schema,
						    (cyaml_data_t **)&raw, NULL)
				  : CYAML_ERR_INVALID_VALUE;
	char msg[DIAG_MSG_MAX];
	if (err == CYAML_OK && raw) {
		for (int i = 0; i < CFG_KEYS; i++)
			if (ok[i] && raw->v[i] && apply((enum config_key)i, raw->v[i], c, msg, sizeof(msg)) == 0)
				c->line[i] = lines[i];
	} else if (d->count == before) {
		diags_add(d, 1, 1, "%s", cyaml_strerror(err));
	} else {
		/* libcyaml refused the file for a setting that is not a single
		 * value (said above): the others still count, from the tree. */
		for (int i = 0; i < CFG_KEYS; i++)
			if (ok[i] && tree_value[i] &&
			    apply((enum config_key)i, tree_value[i], c, msg, sizeof(msg)) == 0)
				c->line[i] = lines[i];
	}
	arena_release(mem);
	arena_release(tree);
	diags_sort(d, before);
	ytext_clamp(buf, len, d, before);
}

void config_value_text(const struct config *c, enum config_key k, char *buf, size_t len)
{
	static const char *const colors[] = {"auto", "always", "never"};
	switch (k) {
	case CFG_VOICE: snprintf(buf, len, "%s", c->voice ? "true" : "false"); break;
	case CFG_SOUNDS: snprintf(buf, len, "%s", c->sounds ? "true" : "false"); break;
	case CFG_BELL: snprintf(buf, len, "%s", c->bell ? "true" : "false"); break;
	case CFG_NOTIFICATIONS: snprintf(buf, len, "%s", c->notifications ? "true" : "false"); break;
	case CFG_CHECKIN: snprintf(buf, len, "%s", c->checkin ? "true" : "false"); break;
	case CFG_SAFETY_VOICE: snprintf(buf, len, "%s", c->safety_voice ? "true" : "false"); break;
	case CFG_BIG_DIGITS: snprintf(buf, len, "%s", c->big_digits ? "true" : "false"); break;
	case CFG_LISTEN: snprintf(buf, len, "%s", c->listen ? "true" : "false"); break;
	case CFG_VOICE_RATE:
		if (c->voice_rate == CONFIG_RATE_DEFAULT)
			snprintf(buf, len, "default");
		else
			snprintf(buf, len, "%d", c->voice_rate);
		break;
	case CFG_PREPARE: duration_format(c->prepare, buf, len); break;
	case CFG_SNOOZE: duration_format(c->snooze, buf, len); break;
	case CFG_COLOR: snprintf(buf, len, "%s", colors[c->color]); break;
	case CFG_KEYS: snprintf(buf, len, "?"); break;
	}
}
