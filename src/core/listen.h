/* Voice commands: the phrases a person says during a run ("okay pause"),
 * the keyword file the recogniser spots them with, the gate that keeps
 * selfcare's own voice from commanding it, and "okay stop", which asks
 * before it ends anything. Pure: times are arguments (CLOCK_MONOTONIC
 * nanoseconds), and what a phrase does comes back as the run's commands. */
#ifndef SELFCARE_LISTEN_H
#define SELFCARE_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runcmd.h"

enum listen_phrase {
	LISTEN_PAUSE,
	LISTEN_RESUME,
	LISTEN_NEXT,
	LISTEN_BACK,
	LISTEN_AGAIN,  /* the step from its start */
	LISTEN_LONGER, /* 10 s more */
	LISTEN_STOP,   /* asks first */
	LISTEN_YES,    /* the answer to "okay stop" */
	LISTEN_PHRASES
};

struct listen_phrase_def {
	const char *words;    /* as spoken, after the prefix: "pause" */
	const char *said;     /* the whole phrase: "okay pause" */
	const char *threshold; /* the keyword spotter's, as its file writes it */
	enum run_cmd cmd;      /* what it does (LISTEN_STOP and LISTEN_YES: see below) */
};

/* The one table of phrases, indexed by enum listen_phrase. */
extern const struct listen_phrase_def listen_phrases[LISTEN_PHRASES];

/* The word every command begins with. */
#define LISTEN_PREFIX "okay"

/* Hypotheses heard while selfcare speaks, or this long after it stops
 * (speech-dispatcher reports the end before the audio has played out),
 * are its own voice: ignored. */
#define LISTEN_TAIL_NS 500000000LL
/* "okay stop" waits this long for "okay yes". */
#define LISTEN_ASK_NS 10000000000LL
#define LISTEN_CMDS_MAX 3

/* The keyword file (one phrase a line, "okay pause /1e-20/") into buf;
 * its length, or the length it needs when len is too small. */
size_t listen_kws_text(char *buf, size_t len);

/* The second look: a hit of the spotter is checked by decoding the last
 * LISTEN_LOOK_BACK_NS of audio again with the grammar below (any of a few
 * dozen common words, then one phrase), once the word has ended. A hit
 * stands only when that decoding ends in a whole phrase, prefix included;
 * the phrase it found is the one acted on. The grammar: same return
 * convention as listen_kws_text(). */
#define LISTEN_LOOK_BACK_NS 2000000000LL
size_t listen_grammar_text(char *buf, size_t len);

/* When to look: the spotter often hits before the word's last sound, so
 * the look waits until the audio has been quiet for LISTEN_QUIET_NS, and
 * at most LISTEN_LOOK_MAX_NS after the hit. Quiet: LISTEN_QUIET_DB below
 * the loudest block of the second before the hit, and within
 * LISTEN_FLOOR_DB of the quietest of the two seconds before it (the
 * room's noise). */
#define LISTEN_QUIET_NS 120000000LL
#define LISTEN_LOOK_MAX_NS 350000000LL
#define LISTEN_QUIET_DB 15.0
#define LISTEN_FLOOR_DB 10.0
struct listen_look {
	bool held;	/* a hit waits for its look */
	int64_t waited; /* audio since the hit */
	int64_t quiet;	/* audio since it went quiet */
	double quiet_db; /* quiet below this level */
};
/* A hit, with the levels (dBFS) of the loudest and the quietest block
 * before it. */
void listen_look_hit(struct listen_look *lk, double peak_db, double floor_db);
/* A block of len_ns audio at level_db came after the hit: whether to look
 * now (the hit is then let go). False when no hit is held. */
bool listen_look_block(struct listen_look *lk, double level_db, int64_t len_ns);

/* The last phrase in a keyword hypothesis (it can hold two: "okay next
 * okay back"), or -1 when it holds none. */
int listen_phrase_in(const char *hyp);

/* Whether text contains a command phrase or the prefix as a word, in any
 * case: a routine's text must not (it would be heard as a command when
 * another voice reads it aloud). *at is where, when it does. */
bool listen_text_commands(const char *text, size_t *at);

/* Selfcare's own voice. speaking: our words are being said now;
 * quiet_since: when they last ended (0: never spoke). A phrase heard at
 * heard_at counts only when the voice has been quiet for LISTEN_TAIL_NS. */
bool listen_gate(bool speaking, int64_t quiet_since, int64_t heard_at);

/* The spoken side of the run's interface: only "okay stop" keeps state. */
struct listen_state {
	bool asking;      /* "Stop the routine?" waits for "okay yes" */
	int64_t ask_until;
};

/* What hearing phrase p at now does: commands into cmds (run in order),
 * their number returned; a question whose time is up is closed first. "okay stop" pauses and asks (cmds: pause,
 * ask to quit; *asked set, for the spoken question); "okay yes" while
 * asking quits; any other phrase while asking closes the question and
 * leaves the routine paused (cmds: no); "okay yes" when nothing is asked
 * does nothing. */
size_t listen_heard(struct listen_state *st, enum listen_phrase p, int64_t now, enum run_cmd cmds[LISTEN_CMDS_MAX],
		    bool *asked);

/* The question's time is up at now: returns RUN_CMD_NO (close it, the
 * routine stays paused) once, else RUN_CMD_NONE. The next deadline to
 * look again: listen_deadline(). */
enum run_cmd listen_tick(struct listen_state *st, int64_t now);
int64_t listen_deadline(const struct listen_state *st);

/* The question was answered another way (a key): forget it. */
void listen_forget(struct listen_state *st);

#endif
