/* The command table: one descriptor per subcommand, one file each. */
#ifndef SELFCARE_COMMANDS_H
#define SELFCARE_COMMANDS_H

#include <stddef.h>

struct command {
	const char *name;
	const char *summary; /* one line for 'selfcare --help' */
	const char *usage;   /* "NAME [OPTIONS]" */
	const char *help;    /* the body of 'selfcare CMD --help' */
	int (*exec)(int argc, char **argv);
};

extern const struct command cmd_list;
extern const struct command cmd_show;
extern const struct command cmd_validate;
extern const struct command cmd_run;
extern const struct command cmd_export;
extern const struct command cmd_schedule;
extern const struct command cmd_remind;
extern const struct command cmd_history;
extern const struct command cmd_stats;
extern const struct command cmd_config;
extern const struct command cmd_doctor;
extern const struct command cmd_help;

extern const struct command *const commands[];
extern const size_t commands_count;

const struct command *command_find(const char *name);
/* Print 'selfcare CMD --help'. */
void command_print_help(const struct command *cmd);
/* Print 'selfcare --help'. */
void program_print_help(void);
/* For a command whose only option is --help: -1 to go on (optind is at
 * the first operand), or the exit code. */
int command_parse_help_only(const struct command *cmd, int argc, char **argv);
/* Handle a bad option inside a command: returns EXIT_USAGE. c is what
 * getopt_long returned: '?' or ':'; opts are the command's options, for
 * "did you mean" when a long option is mistyped. */
struct option;
int command_bad_option(const struct command *cmd, const struct option *opts, int c, char **argv);

#endif
