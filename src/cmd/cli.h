/* What every command file shares: exit codes, messages, output style,
 * resolving NAME|FILE arguments. */
#ifndef SELFCARE_CLI_H
#define SELFCARE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog.h"
#include "output.h"
#include "routine.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_DATA = 65, /* EX_DATAERR: a routine file is invalid */
};

/* error(), warning(), stdout_flush(), term_width(), print_safety() and the
 * like are in output.h (src/sys), which a run uses too. */

/* An error in how the command was called: the message, then "Try
 * 'selfcare CMD --help'."; EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --voice-rate's value, a whole number from -100 to 100, into *rate: 0,
 * or the usage error (said, as cmd's) to return. */
int parse_voice_rate(const char *cmd, const char *s, int *rate);

/* Colour only on a TTY, never with NO_COLOR set or TERM=dumb. */
bool color_enabled(FILE *f);

/* Print each diag as FILE:LINE:COL: message on stderr, path and message
 * sanitized. */
void print_diags(const char *path, const struct diags *d);

/* The catalog as the environment describes it, scanned; with warn, a
 * warning on stderr for each file it skips. */
void catalog_open(struct catalog *cat, bool warn);

/* Resolve NAME (catalog) or FILE (contains '/' or ends in .yaml) and load
 * it, printing errors. Returns EXIT_OK, EXIT_FAIL or EXIT_DATA. */
int load_routine_arg(const char *arg, struct loaded *out);
void loaded_release(struct loaded *l);

/* An argument naming a file rather than a routine: it has a '/' or ends
 * in .yaml. */
bool arg_is_file(const char *arg);

/* getopt_long wrapper state reset, shared by command files. */
void options_reset(void);

#endif
