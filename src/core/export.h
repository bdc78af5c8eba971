/* What an exported routine holds, in the order a run says and plays it:
 * the words at their times, the event sounds at theirs, a chapter where
 * each step played begins; and the text around the sound (tags, a cue sheet).
 * The plan is filled in by the run session played on a virtual clock
 * (src/run/virtual.c): the same player, voice and sound listeners as a
 * run. Pure. */
#ifndef SELFCARE_EXPORT_H
#define SELFCARE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "player.h"
#include "sounds.h"

struct export_say {
	int64_t at; /* ns from the start */
	char *text;
};

struct export_sound {
	int64_t at;
	enum sound_event event;
};

struct export_chapter {
	int64_t at;
	char *name; /* "Fingertip release, left side, 1 of 2" (sanitized) */
};

struct export_plan {
	struct export_say *says;
	size_t nsays, says_cap;
	struct export_sound *sounds;
	size_t nsounds, sounds_cap;
	struct export_chapter *chapters;
	size_t nchapters, chapters_cap;
	int64_t end; /* when the routine ended (its closing words begin) */
};

void export_plan_release(struct export_plan *p);
void export_add_say(struct export_plan *p, int64_t at, const char *text);
void export_add_sound(struct export_plan *p, int64_t at, enum sound_event e);
/* A player event: a chapter where each step played begins (each hold,
 * with the time to get into position before it), the end where the
 * routine finished. */
void export_add_event(struct export_plan *p, const struct player *pl,
		      const struct player_event *ev);

/* Words before everything else (the safety notes read aloud): text at 0
 * with a chapter of its own, named chapter. Once their length is known,
 * export_make_room() moves all that was planned before them later by
 * after (ns: their length and a pause). */
void export_prepend(struct export_plan *p, const char *text, const char *chapter);
void export_make_room(struct export_plan *p, int64_t after);

/* A chapter's time as Vorbis comments give it: "00:01:05.250". */
char *export_chapter_time(int64_t ns, char *buf, size_t len);
/* A time in a cue sheet: minutes, seconds and frames of 1/75 s,
 * "01:05:18". */
char *export_cue_time(int64_t ns, char *buf, size_t len);
/* A cue sheet holds at most 99 tracks: the first 99 chapters. */
#define EXPORT_CUE_TRACKS 99
/* A cue sheet for the audio file named file (a base name; type is "WAVE"
 * for FLAC and WAV alike), a track per chapter. Quotes in names become
 * apostrophes: a cue sheet has no escape. */
char *export_cue_sheet(const struct export_plan *p, const char *title, const char *file);
/* The routine's summary, then its safety notes, for a description tag. */
char *export_description(const struct routine *r);

#endif
