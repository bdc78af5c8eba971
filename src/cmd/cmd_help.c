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
	const struct command *cmd = command_find(argv[1]);
	if (cmd == NULL)
		return usage_error(NULL, "help: no command named '%s'", argv[1]);
	if (argc == 2) {
		command_print_help(cmd);
		return EXIT_OK;
	}
	/* "help history export": the subcommand's own --help, as
	 * "history export --help" gives it. */
	char *sub[argc + 1];
	for (int i = 1; i < argc; i++)
		sub[i - 1] = argv[i];
	sub[argc - 1] = "--help";
	sub[argc] = NULL;
	options_reset();
	return cmd->exec(argc, sub);
}

const struct command cmd_help = {
	.name = "help",
	.summary = "show help for a command",
	.usage = "[COMMAND [SUBCOMMAND]]",
	.help = "Show the help of COMMAND (or of its SUBCOMMAND, such as 'history export'),\n"
		"or the list of commands.\n",
	.exec = help_exec,
};
