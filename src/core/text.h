/* Text helpers for untrusted routine text. Pure. */
#ifndef SELFCARE_TEXT_H
#define SELFCARE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if s holds a C0 control (other than '\n' when newline_ok, and
 * '\t'), DEL, a C1 control or a bidirectional override. */
bool text_has_control(const char *s, bool newline_ok);
bool text_is_blank(const char *s);

/* Copy s into out (always terminated), dropping every control character,
 * C1 controls and bidi overrides; tabs and newlines become spaces. Invalid
 * UTF-8 bytes become '?'. Truncates on a character boundary. */
char *text_sanitize(const char *s, char *out, size_t outlen);
/* The same, into a new allocation. */
char *text_sanitize_dup(const char *s);

/* Display width in columns of sanitized UTF-8 text (one per code point). */
size_t text_width(const char *s);

/* Copy at most cols columns of s (counted as text_width counts them) into
 * out: a line that never wraps. Returns out. */
char *text_clip(const char *s, unsigned cols, char *out, size_t len);

/* Word-wrap s (sanitized first) to width columns, each line starting with
 * indent spaces and ending with a newline; newlines in s start new
 * paragraphs. The first line starts with first instead (padded to indent)
 * when first is not NULL. Caller frees. */
char *text_wrapped(const char *s, size_t width, size_t indent, const char *first);
/* The same, for a screen that must not overflow: a word longer than a line
 * (a URL, text without spaces) is broken where the line ends, and width is
 * kept however narrow (at least indent + 1). */
char *text_wrapped_hard(const char *s, size_t width, size_t indent, const char *first);

/* Tab-separated lines as columns for a terminal: each column as wide as
 * its widest cell (in display columns), two spaces between, the last
 * column as it is. Caller frees. */
char *text_columns(const char *tsv);

/* s as a JSON string literal, quotes included. Caller frees. */
char *json_quoted(const char *s);

/* Levenshtein distance, for "did you mean". */
size_t text_distance(const char *a, const char *b);

/* "Did you mean": the candidate nearest a mistyped word, looked at one by
 * one. Nearest is, in this order: the same but for case ("Breath-Reset"),
 * a candidate the word begins ("psoas" for "psoas-release", at least two
 * letters), then the fewest edits, at most 2 (3 for words of 8 letters or
 * more) and fewer than the word's length. Ties go to the first seen. */
struct suggest {
	const char *word;
	const char *best;
	size_t score;
};
void suggest_start(struct suggest *s, const char *word);
void suggest_consider(struct suggest *s, const char *candidate);
/* The suggestion, or NULL when nothing is near enough. */
const char *suggest_result(const struct suggest *s);

/* Placeholders in a sided step's text: {side} and {other}, said and shown
 * as "left" and "right". */
enum text_placeholder {
	TEXT_PLACEHOLDER_NONE = 0,
	TEXT_PLACEHOLDER_SIDE = 1,    /* holds {side} or {other} */
	TEXT_PLACEHOLDER_UNKNOWN = 2, /* holds {word} that is neither */
};
/* Which placeholders s holds (a mask); the first unknown one is copied
 * into bad (sanitized) when bad is not NULL. A brace that does not open
 * {letters} is plain text. */
unsigned text_placeholders(const char *s, char *bad, size_t badlen);
/* s with {side} replaced by side and {other} by other. Returns out. */
char *text_fill_sides(const char *s, const char *side, const char *other, char *out,
		      size_t len);

#endif
