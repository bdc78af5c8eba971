#include <string.h>

#include "cli.h"
#include "commands.h"

static int run_exec(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_print_help(&cmd_run);
			return EXIT_OK;
		}
	}
	return error("run: the player is not built yet");
}

const struct command cmd_run = {
	.name = "run",
	.summary = "play a routine: countdown, cues, notifications",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Play a routine.\n",
	.exec = run_exec,
};
