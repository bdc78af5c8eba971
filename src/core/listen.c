/* Voice commands: the phrase table, the gate, "okay stop" (listen.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "listen.h"

/* Thresholds: the higher (1e-5), the surer the spotter must be before it
 * reports a phrase; the lower (1e-50), the more it reports. A long phrase
 * scores lower than a short one, so "okay longer" and "okay resume" get
 * low thresholds to be heard at all; what a lax threshold lets through,
 * the second look (listen_grammar_text) turns away. Tuned by
 * bench/listen.sh on festival's voices (three, five tempos), with and
 * without noise, and on the shipped routines read aloud by other voices. */
const struct listen_phrase_def listen_phrases[LISTEN_PHRASES] = {
	[LISTEN_PAUSE] = {"pause", "okay pause", "1e-25", RUN_CMD_PAUSE},
	[LISTEN_RESUME] = {"resume", "okay resume", "1e-45", RUN_CMD_RESUME},
	[LISTEN_NEXT] = {"next", "okay next", "1e-30", RUN_CMD_NEXT},
	[LISTEN_BACK] = {"back", "okay back", "1e-35", RUN_CMD_BACK},
	[LISTEN_AGAIN] = {"again", "okay again", "1e-15", RUN_CMD_RESTART},
	[LISTEN_LONGER] = {"longer", "okay longer", "1e-50", RUN_CMD_PLUS},
	[LISTEN_STOP] = {"stop", "okay stop", "1e-30", RUN_CMD_ASK_QUIT},
	[LISTEN_YES] = {"yes", "okay yes", "1e-35", RUN_CMD_YES},
};

/* Words that are neither the prefix nor a command, for the second look's
 * grammar: what else a person (or a routine read aloud) says, so that a
 * window of ordinary speech is decoded as these words and not forced into
 * a command. Every one is in pocketsphinx's en-us dictionary. */
static const char *const filler[] = {
	"the",	   "and",    "your",   "slowly", "breathe", "breath", "hold",  "rest",	"keep",	 "let",
	"feel",	   "knee",   "knees",  "hip",	 "hips",    "belly",  "floor", "side",	"hands", "feet",
	"lower",   "lie",    "down",   "now",	 "gently",  "relax",  "press", "release", "into", "toward",
	"stretch", "that",   "this",   "there",	 "here",    "one",    "two",   "three", "four",	 "five",
	"legs",   "head",   "arms",	 "then",    "with",   "you",
};

/* Appends to buf (len bytes) at *n, as snprintf would, and counts what it
 * needs even when it does not fit: the texts' shared convention. */
__attribute__((format(printf, 4, 5))) static void put(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int w = vsnprintf(*n < len ? buf + *n : NULL, *n < len ? len - *n : 0, fmt, ap);
	va_end(ap);
	if (w > 0)
		*n += (size_t)w;
}

size_t listen_kws_text(char *buf, size_t len)
{
	size_t n = 0;

	for (int i = 0; i < LISTEN_PHRASES; i++)
		put(buf, len, &n, "%s /%s/\n", listen_phrases[i].said, listen_phrases[i].threshold);
	return n;
}

size_t listen_grammar_text(char *buf, size_t len)
{
	size_t n = 0;

	/* Any words, then a phrase at the very end: the window ends just
	 * after the spotter's hit. A bare command word is a way for the
	 * decoder to say the prefix was not there. */
	put(buf, len, &n, "#JSGF V1.0;\ngrammar selfcare;\npublic <heard> = [<other>+] <command>;\n<command> = ");
	for (int i = 0; i < LISTEN_PHRASES; i++)
		put(buf, len, &n, "%s%s | %s", i ? " | " : "", listen_phrases[i].said, listen_phrases[i].words);
	put(buf, len, &n, ";\n<other> = ");
	for (size_t i = 0; i < sizeof(filler) / sizeof(filler[0]); i++)
		put(buf, len, &n, "%s%s", i ? " | " : "", filler[i]);
	put(buf, len, &n, ";\n");
	return n;
}

void listen_look_hit(struct listen_look *lk, double peak_db, double floor_db)
{
	double below = peak_db - LISTEN_QUIET_DB, near = floor_db + LISTEN_FLOOR_DB;

	*lk = (struct listen_look){.held = true, .quiet_db = below < near ? below : near};
}

bool listen_look_block(struct listen_look *lk, double level_db, int64_t len_ns)
{
	if (!lk->held)
		return false;
	lk->waited += len_ns;
	lk->quiet = level_db < lk->quiet_db ? lk->quiet + len_ns : 0;
	if (lk->quiet >= LISTEN_QUIET_NS || lk->waited >= LISTEN_LOOK_MAX_NS) {
		lk->held = false;
		return true;
	}
	return false;
}

/* Where word (lower case) occurs in s as a whole word from position from,
 * ignoring case; -1 when it does not. */
static long find_word(const char *s, const char *word, size_t from)
{
	size_t wl = strlen(word), sl = strlen(s);

	for (size_t i = from; i + wl <= sl; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (strncasecmp(s + i, word, wl) != 0)
			continue;
		if (isalnum((unsigned char)s[i + wl]))
			continue;
		return (long)i;
	}
	return -1;
}

int listen_phrase_in(const char *hyp)
{
	int best = -1;
	long best_at = -1;

	if (hyp == NULL)
		return -1;
	for (int i = 0; i < LISTEN_PHRASES; i++) {
		for (long at = find_word(hyp, listen_phrases[i].said, 0); at >= 0;
		     at = find_word(hyp, listen_phrases[i].said, (size_t)at + 1)) {
			if (at > best_at) {
				best_at = at;
				best = i;
			}
		}
	}
	return best;
}

bool listen_text_commands(const char *text, size_t *at)
{
	/* Every phrase begins with the prefix; "OK" is said the same way. */
	static const char *const words[] = {LISTEN_PREFIX, "ok"};
	long first = -1;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		long w = find_word(text, words[i], 0);
		if (w >= 0 && (first < 0 || w < first))
			first = w;
	}
	if (first >= 0 && at)
		*at = (size_t)first;
	return first >= 0;
}

bool listen_gate(bool speaking, int64_t quiet_since, int64_t heard_at)
{
	if (speaking)
		return false;
	return quiet_since == 0 || heard_at - quiet_since >= LISTEN_TAIL_NS;
}

size_t listen_heard(struct listen_state *st, enum listen_phrase p, int64_t now, enum run_cmd cmds[LISTEN_CMDS_MAX],
		    bool *asked)
{
	size_t n = 0;

	*asked = false;
	if ((int)p < 0 || p >= LISTEN_PHRASES)
		return 0;
	if (st->asking && now >= st->ask_until) {
		/* Too late for an answer: the question closes first. */
		st->asking = false;
		cmds[n++] = RUN_CMD_NO;
	}
	if (st->asking) {
		st->asking = false;
		cmds[n++] = p == LISTEN_YES ? RUN_CMD_YES : RUN_CMD_NO;
		return n;
	}
	switch (p) {
	case LISTEN_YES:
		break; /* nothing was asked */
	case LISTEN_STOP:
		st->asking = true;
		st->ask_until = now + LISTEN_ASK_NS;
		*asked = true;
		/* Paused first: "no" then leaves it paused, as asked. */
		cmds[n++] = RUN_CMD_PAUSE;
		cmds[n++] = RUN_CMD_ASK_QUIT;
		break;
	default:
		cmds[n++] = listen_phrases[p].cmd;
		break;
	}
	return n;
}

enum run_cmd listen_tick(struct listen_state *st, int64_t now)
{
	if (st->asking && now >= st->ask_until) {
		st->asking = false;
		return RUN_CMD_NO;
	}
	return RUN_CMD_NONE;
}

int64_t listen_deadline(const struct listen_state *st)
{
	return st->asking ? st->ask_until : INT64_MAX;
}

void listen_forget(struct listen_state *st)
{
	st->asking = false;
}
