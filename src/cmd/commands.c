#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "text.h"

const struct command *const commands[] = {
	&cmd_list,
	&cmd_show,
	&cmd_run,
	&cmd_export,
	&cmd_validate,
	&cmd_schedule,
	&cmd_remind,
	&cmd_history,
	&cmd_stats,
	&cmd_config,
	&cmd_doctor,
	&cmd_help,
};
const size_t commands_count = sizeof(commands) / sizeof(commands[0]);

const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < commands_count; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

void command_print_help(const struct command *cmd)
{
	printf("Usage: selfcare %s%s%s\n\n%s", cmd->name, cmd->usage[0] ? " " : "", cmd->usage,
	       cmd->help);
}

void program_print_help(void)
{
	printf("Usage: selfcare COMMAND [ARGS...]\n"
	       "       selfcare --help | --version\n\n"
	       "Guided self-care routines: psoas self-massage, yoga poses and slow\n"
	       "breathing, played as timed steps in the terminal.\n\n"
	       "Commands:\n");
	for (size_t i = 0; i < commands_count; i++)
		printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
	printf("\nRun 'selfcare help COMMAND' or 'selfcare COMMAND --help' for more.\n"
	       "Routines are described in selfcare-routine(5).\n");
}

int command_parse_help_only(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			command_print_help(cmd);
			return EXIT_OK;
		}
		return command_bad_option(cmd, opts, c, argv);
	}
	return -1;
}

/* The option nearest a mistyped --name, when it is near enough. */
static const char *nearest_option(const struct option *opts, const char *arg)
{
	char name[64];
	struct suggest near;

	if (opts == NULL || strncmp(arg, "--", 2) != 0)
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	suggest_start(&near, name);
	for (const struct option *o = opts; o->name; o++)
		suggest_consider(&near, o->name);
	return suggest_result(&near);
}

int command_bad_option(const struct command *cmd, const struct option *opts, int c, char **argv)
{
	char clean[128];
	const char *arg = argv[optind - 1];

	if (c == ':')
		return usage_error(cmd->name, "%s: option '%s' needs a value", cmd->name,
				   text_sanitize(arg, clean, sizeof(clean)));
	/* A short option (perhaps inside a cluster such as -leading, where
	 * optind has not moved on yet) is named by optopt. */
	if (optopt > 0 && optopt < 128) {
		char opt[3] = {'-', (char)optopt, '\0'};
		return usage_error(cmd->name, "%s: unknown option '%s'", cmd->name,
				   text_sanitize(opt, clean, sizeof(clean)));
	}
	const char *near = nearest_option(opts, arg);
	if (near)
		return usage_error(cmd->name, "%s: unknown option '%s' (did you mean '--%s'?)",
				   cmd->name, text_sanitize(arg, clean, sizeof(clean)), near);
	return usage_error(cmd->name, "%s: unknown option '%s'", cmd->name,
			   text_sanitize(arg, clean, sizeof(clean)));
}
