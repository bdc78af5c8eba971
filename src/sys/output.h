/* Text written to a stream: the wrapped and quoted forms that the core
 * makes as strings, messages on stderr, the routine's safety notes and
 * equipment, and the terminal's width. */
#ifndef SELFCARE_OUTPUT_H
#define SELFCARE_OUTPUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "routine.h"

/* One line on stderr, "selfcare: " first; the message is sanitized (no
 * control characters reach the terminal), so paths and arguments can be
 * passed as they are. Returns -1, as git's does: `return error(...)`
 * passes it up, and main() exits EXIT_FAIL for it. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* prefix, then the message sanitized as routine text is, on stderr; no
 * newline. */
void output_message(const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Flush stdout: 0 when everything printed so far was written, else the
 * errno of the first failure (EIO when none was given). Once it failed it
 * keeps failing with the same errno. main() reports it. */
int stdout_flush(void);

/* The size of the terminal on fd, or 80x24 when it is not one. */
void term_size(int fd, unsigned *cols, unsigned *rows);
/* Terminal width of f, or 80 when it is not a terminal. */
unsigned term_width(FILE *f);

/* A heading wrapped at words to width: its first line starts with prefix
 * (padded to indent columns), the rest are indented; bold (text only, not
 * the prefix) when bold. */
void print_heading(FILE *f, const char *prefix, const char *text, unsigned width, unsigned indent,
		   bool bold);
/* The "Safety" heading and a bullet per note, wrapped to width; bold
 * heading when color. Every command that shows a routine puts this first. */
void print_safety(FILE *f, const struct routine *r, unsigned width, bool color);
/* "You need" and the routine's equipment, when it has any. */
void print_equipment(FILE *f, const struct routine *r, unsigned width, bool color);

/* text_wrapped(s, width, indent, NULL), written to f. */
void text_wrap(FILE *f, const char *s, size_t width, size_t indent);
/* The same, with the first line starting with first (padded to indent). */
void text_wrap_prefixed(FILE *f, const char *s, size_t width, size_t indent, const char *first);
/* s as a JSON string literal (with quotes), written to f. */
void json_string(FILE *f, const char *s);

#endif
