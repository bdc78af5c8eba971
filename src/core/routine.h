/* The routine model: schema, loading from bytes, validation. Pure: the
 * caller reads the file; nothing here touches the outside world. */
#ifndef SELFCARE_ROUTINE_H
#define SELFCARE_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define ROUTINE_FILE_MAX (1024 * 1024)
#define ROUTINE_NAME_MAX 64
#define ROUTINE_DEFAULT_REST 5
#define ROUTINE_DEFAULT_PREPARE 5
/* The first hold's prepare is at least this long (a lead-in after Enter),
 * unless the routine asks for no prepare time at all. */
#define ROUTINE_LEAD_IN 10
#define ROUTINE_MAX_REPS 20

enum step_kind { KIND_MASSAGE, KIND_POSE, KIND_BREATH, KIND_REST };
enum step_sides { SIDES_NONE, SIDES_LEFT, SIDES_RIGHT, SIDES_BOTH };
/* How a routine ends: the chime, the closing words, the check-in and a
 * notification; or quietly, for a person falling asleep. */
enum routine_end { END_CHIME, END_QUIET };

struct cue {
	char *at_text;
	char *say;
	unsigned at;   /* seconds from the start of the hold, from at_text */
	bool from_end; /* at_text was negative: counted back from the end */
	unsigned index; /* its place in the file's list (cues are sorted by time) */
};

/* How the speech engine should say a word: "psoas" as "so-as". */
struct pronounce {
	char *word;
	char *say;
};

struct step {
	char *name;
	enum step_kind kind;
	enum step_sides sides;
	char *hold_text;
	char *reps_text;
	char *rest_text;
	char *prepare_text;
	char *instructions;
	char *exit;         /* how to come out of it, or NULL */
	struct cue *cues;   /* in time order once validated */
	unsigned cues_count;
	/* Filled in by validation. */
	unsigned hold, reps, rest, prepare;
};

struct routine {
	char *title;
	char *summary;
	char **tags;
	unsigned tags_count;
	char **safety;
	unsigned safety_count;
	char *rest_text;
	char *prepare_text;
	char **equipment;
	unsigned equipment_count;
	struct pronounce *pronounce;
	unsigned pronounce_count;
	struct step *steps;
	unsigned steps_count;
	enum routine_end end;
	/* Filled in by validation. */
	unsigned rest, prepare;
	/* Where the loader put all of the above; routine_free releases it. */
	struct arena *mem;
};

/* Load and validate a routine from bytes. On success returns the routine;
 * on failure returns NULL and adds at least one diag. */
struct routine *routine_parse(const char *buf, size_t len, struct diags *d);
void routine_free(struct routine *r);
/* The prepare time of the routine and of its steps that do not set their
 * own (the config file's), in place of ROUTINE_DEFAULT_PREPARE. */
void routine_default_prepare(struct routine *r, unsigned seconds);

/* The strict name rule: [a-z0-9][a-z0-9-]{0,63}. */
bool routine_name_valid(const char *name);
/* Tags follow the same rule, up to 32 characters. */
bool routine_tag_valid(const char *tag);

const char *step_kind_name(enum step_kind k);
const char *step_sides_name(enum step_sides s);

/* The placeholders of a step's texts ({side}, {other}) are fine: known, and
 * in a step that has sides. */
bool step_placeholders_ok(const struct step *s);

/* A routine as a command loaded it: the name it was asked by, the file
 * it came from (load_routine_arg in src/cmd, loaded_release). */
struct loaded {
	char *name;
	char *path;
	struct routine *routine;
};

#endif
