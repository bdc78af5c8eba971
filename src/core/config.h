/* The settings in $XDG_CONFIG_HOME/selfcare/config.yaml: what each is, its
 * default, and the file's text read into them. Pure: the caller reads the
 * file. Values are read with libcyaml; every error is a diag at the node at
 * fault (FILE:LINE:COL), and a setting with an error keeps its default.
 *
 *   voice: true          # spoken guidance
 *   voice-rate: 20       # -100 to 100, or default (speech-dispatcher's)
 *   sounds: true         # event sounds
 *   bell: true           # the terminal bell when no sound can be played
 *   notifications: true
 *   checkin: true        # ask how tense, before and after a run
 *   safety-voice: true   # read the safety notes aloud before a first run
 *   prepare: 5s          # for routines that do not set their own
 *   snooze: 10m          # what a reminder's Snooze waits
 *   color: auto          # auto, always or never
 *   big-digits: true     # the countdown in big digits where there is room
 *   listen: false        # voice commands from the microphone ("okay pause") */
#ifndef SELFCARE_CONFIG_H
#define SELFCARE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define CONFIG_FILE "config.yaml"
#define CONFIG_FILE_MAX (64 * 1024)
#define CONFIG_RATE_DEFAULT (-1000) /* speech-dispatcher's own rate */
#define CONFIG_PREPARE_MAX 600      /* seconds */
#define CONFIG_SNOOZE_MAX (24 * 3600)

enum config_key {
	CFG_VOICE,
	CFG_VOICE_RATE,
	CFG_SOUNDS,
	CFG_BELL,
	CFG_NOTIFICATIONS,
	CFG_CHECKIN,
	CFG_SAFETY_VOICE,
	CFG_PREPARE,
	CFG_SNOOZE,
	CFG_COLOR,
	CFG_BIG_DIGITS,
	CFG_LISTEN,
	CFG_KEYS
};

enum config_color { CONFIG_COLOR_AUTO, CONFIG_COLOR_ALWAYS, CONFIG_COLOR_NEVER };

struct config {
	bool voice;
	int voice_rate; /* or CONFIG_RATE_DEFAULT */
	bool sounds, bell, notifications, checkin;
	bool safety_voice; /* the safety notes read aloud before a routine's first run */
	unsigned prepare; /* seconds */
	unsigned snooze;  /* seconds */
	enum config_color color;
	bool big_digits;
	bool listen; /* voice commands during a run */
	unsigned line[CFG_KEYS]; /* the file's line that set it, or 0: the default */
};

void config_defaults(struct config *c);
/* The file's text over c (defaults first). An empty file, or one of
 * comments only, sets nothing. */
void config_parse(const char *buf, size_t len, struct config *c, struct diags *d);

const char *config_key_name(enum config_key k);
/* A setting's value as the file would write it: "true", "20", "5s". */
void config_value_text(const struct config *c, enum config_key k, char *buf, size_t len);

#endif
