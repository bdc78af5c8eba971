/* What every command file shares: exit codes, messages, output style,
 * resolving NAME|FILE arguments. */
#ifndef SELFCARE_CLI_H
#define SELFCARE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog.h"
#include "routine.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_DATA = 65, /* EX_DATAERR: a routine file is invalid */
};

/* One line on stderr, "selfcare: " first; the message is sanitized (no
 * control characters reach the terminal), so paths and arguments can be
 * passed as they are. Returns -1, as git's does: `return error(...)`
 * passes it up, and main() exits EXIT_FAIL for it. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Flush stdout: 0 when everything printed so far was written, else the
 * errno of the first failure (EIO when none was given). Once it failed it
 * keeps failing with the same errno. main() reports it. */
int stdout_flush(void);

/* Colour only on a TTY, never with NO_COLOR set or TERM=dumb. */
bool color_enabled(FILE *f);
/* Terminal width of f, or 80 when it is not a terminal. */
unsigned term_width(FILE *f);

/* Print each diag as FILE:LINE:COL: message on stderr, path and message
 * sanitized. */
/* "You need" and the routine's equipment, when it has any. */
void print_equipment(FILE *f, const struct routine *r, unsigned width, bool color);
void print_diags(const char *path, const struct diags *d);

/* The catalog as the environment describes it, scanned; with warn, a
 * warning on stderr for each file it skips. */
void catalog_open(struct catalog *cat, bool warn);

struct loaded {
	char *name;
	char *path;
	struct routine *routine;
};

/* Resolve NAME (catalog) or FILE (contains '/' or ends in .yaml) and load
 * it, printing errors. Returns EXIT_OK, EXIT_FAIL or EXIT_DATA. */
int load_routine_arg(const char *arg, struct loaded *out);
void loaded_release(struct loaded *l);

/* The "Safety" heading and a bullet per note, wrapped to width; bold
 * heading when color. Every command that shows a routine puts this first. */
/* A heading wrapped at words to width: its first line starts with prefix
 * (padded to indent columns), the rest are indented; bold (text only, not
 * the prefix) when bold. */
void print_heading(FILE *f, const char *prefix, const char *text, unsigned width, unsigned indent,
		   bool bold);
void print_safety(FILE *f, const struct routine *r, unsigned width, bool color);

/* An argument naming a file rather than a routine: it has a '/' or ends
 * in .yaml. */
bool arg_is_file(const char *arg);

/* The size of the terminal on fd; 80 x 24 when it is not one. */
void term_size(int fd, unsigned *cols, unsigned *rows);

/* getopt_long wrapper state reset, shared by command files. */
void options_reset(void);

#endif
