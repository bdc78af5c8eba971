/* selfcare config: the settings in effect, and where each came from. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "settings.h"
#include "text.h"

static int config_exec(int argc, char **argv)
{
	int rc = command_parse_help_only(&cmd_config, argc, argv);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return usage_error("config", "config: unexpected argument");

	unsigned errors;
	const struct config *c = settings_quiet(&errors);
	const char *path = settings_path();
	char *clean = path ? text_sanitize_dup(path) : NULL;
	const char *nc = getenv("NO_COLOR");

	printf("# %s%s\n", clean ? clean : "(no HOME: no configuration file)",
	       clean && !settings_file_exists() ? " (there is none: every setting is its default)" : "");
	for (int k = 0; k < CFG_KEYS; k++) {
		char value[32], from[4200];
		config_value_text(c, (enum config_key)k, value, sizeof(value));
		if (c->line[k])
			snprintf(from, sizeof(from), "%s:%u", clean, c->line[k]);
		else if (k == CFG_COLOR && nc && *nc)
			snprintf(from, sizeof(from), "default; NO_COLOR is set, so no colour");
		else
			snprintf(from, sizeof(from), "default");
		char key[24];
		snprintf(key, sizeof(key), "%s:", config_key_name((enum config_key)k));
		printf("%-15s %-8s # %s\n", key, value, from);
	}
	free(clean);
	if (stdout_flush() != 0)
		return EXIT_FAIL;
	if (errors) {
		settings_print_errors();
		return EXIT_DATA;
	}
	return EXIT_OK;
}

const struct command cmd_config = {
	.name = "config",
	.summary = "the settings in effect, and where each came from",
	.usage = "",
	.help = "Print every setting in effect, as config.yaml would write it, and where\n"
		"it came from: the file and its line, or the default. The file is\n"
		"$XDG_CONFIG_HOME/selfcare/config.yaml (~/.config/selfcare/config.yaml);\n"
		"the output is itself a valid one. Command-line flags override it.\n\n"
		"  voice: true          spoken guidance (run --no-voice, --voice)\n"
		"  voice-rate: default  -100 to 100, or speech-dispatcher's own (--voice-rate)\n"
		"  sounds: true         event sounds (run --quiet)\n"
		"  bell: true           the terminal bell when no sound can be played\n"
		"  notifications: true  desktop notifications (--no-notify, --notify)\n"
		"  checkin: true        ask how tense, before and after (--no-checkin,\n"
		"                       --checkin)\n"
		"  safety-voice: true   read the safety notes aloud before a routine's first\n"
		"                       run (--no-safety-voice, --safety-voice)\n"
		"  prepare: 5s          time to get into position, for routines that do\n"
		"                       not set their own (0s to 10m)\n"
		"  snooze: 10m          what a reminder's Snooze waits (remind --snooze)\n"
		"  color: auto          auto (not under NO_COLOR or into a pipe), always, never\n"
		"  big-digits: true     the countdown in big digits where there is room\n"
		"  listen: false        voice commands from the microphone (run --listen)\n\n"
		"Errors are FILE:LINE:COL: message, and a setting with an error keeps its\n"
		"default; every command warns about them.\n\n"
		"Exit status: 0, or 65 when the file has errors.\n",
	.exec = config_exec,
};
