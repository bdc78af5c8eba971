/* Everything a run of a routine says, and when: the player driven on a
 * virtual clock through the voice, as an uninterrupted run would say it.
 * Pure. For 'selfcare show --spoken', for the warnings of 'selfcare
 * validate' (words that will not end before the next are due) and for
 * the test that synthesizes every shipped utterance. */
#ifndef SELFCARE_SCRIPT_H
#define SELFCARE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"
#include "timeline.h"

#define SCRIPT_NONE (-1)

enum utter_source {
	UTTER_INSTRUCTIONS, /* a step's name and instructions */
	UTTER_EXIT,         /* how to come out of a hold (and what comes next) */
	UTTER_CUE,
	UTTER_PLAYER,       /* only the player's own words */
};

struct utterance {
	int64_t at_ms;   /* from the routine's start */
	int64_t next_ms; /* when the next words begin, or SCRIPT_NONE */
	unsigned said_ms; /* how long it takes to say (saytime.h) */
	enum utter_source source;
	unsigned step;   /* whose text it is */
	unsigned cue;    /* for UTTER_CUE: its place in the file's list */
	char *text;
};

struct script {
	struct utterance *items;
	size_t count, cap;
};

void script_build(const struct routine *r, const struct timeline *tl, int rate, struct script *s);
void script_release(struct script *s);

/* Does it end VOICE_GAP_MS before the next words begin? */
bool utterance_fits(const struct utterance *u);

/* A warning in d, at the text's node in buf (the routine's file), for each
 * of the routine's texts that will not end VOICE_GAP_MS before the next
 * words are due at rate: once per text, in the order they are said. */
void script_check(const char *buf, size_t len, const struct routine *r, int rate,
		  struct diags *d);

#endif
