/* Reading the history store, for the commands that show it (history,
 * stats, schedule list). Errors are printed, prefixed with cmd. */
#ifndef SELFCARE_HISTORY_OPEN_H
#define SELFCARE_HISTORY_OPEN_H

#include <stddef.h>

#include "history.h"
#include "store.h"

/* The store, read-only; *out is NULL (and EXIT_OK returned) when nothing
 * has been recorded yet. */
int history_open(const char *cmd, struct store **out);
/* The runs that pass f, oldest first, into a new array. */
int history_load(const char *cmd, const struct run_filter *f, struct run_record **out, size_t *n);

#endif
