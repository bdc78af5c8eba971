#include "cli.h"
#include "commands.h"

static int run_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("run: the player is not built yet");
}

const struct command cmd_run = {
	.name = "run",
	.summary = "play a routine: countdown, cues, notifications",
	.usage = "NAME|FILE [OPTIONS]",
	.help = "Play a routine.\n",
	.exec = run_exec,
};
