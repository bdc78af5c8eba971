/* The settings in effect for this process: config.yaml's defaults, then
 * $XDG_CONFIG_HOME/selfcare/config.yaml (~/.config/selfcare/config.yaml).
 * Read once. Command-line flags override what these say. */
#ifndef SELFCARE_SETTINGS_H
#define SELFCARE_SETTINGS_H

#include <stdbool.h>

#include "config.h"

/* The settings; the file's errors are warned once, FILE:LINE:COL:
 * message, and each setting at fault keeps its default. */
const struct config *settings(void);
/* The same, for `selfcare config`: nothing warned; *errors is how many
 * errors the file has (printed by settings_print_errors). */
const struct config *settings_quiet(unsigned *errors);
void settings_print_errors(void);
/* The file's path (it may not exist), or NULL with no HOME. */
const char *settings_path(void);
bool settings_file_exists(void);

#endif
