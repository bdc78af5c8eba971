#include <string.h>

#include "cli.h"
#include "commands.h"

static int help_exec(int argc, char **argv)
{
	if (argc < 2) {
		program_print_help();
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		command_print_help(&cmd_help);
		return EXIT_OK;
	}
	if (argc > 2)
		return usage_error("help", "help: too many arguments");
	const struct command *cmd = command_find(argv[1]);
	if (cmd == NULL)
		return usage_error(NULL, "help: no command named '%s'", argv[1]);
	command_print_help(cmd);
	return EXIT_OK;
}

const struct command cmd_help = {
	.name = "help",
	.summary = "show help for a command",
	.usage = "[COMMAND]",
	.help = "Show the help of COMMAND, or the list of commands.\n",
	.exec = help_exec,
};
