/* selfcare: guided self-care routines in the terminal. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "text.h"
#include "version.h"

static int unknown_command(const char *name)
{
	char clean[128];
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < commands_count; i++) {
		size_t d = text_distance(name, commands[i]->name);
		if (d < best_d) {
			best_d = d;
			best = commands[i]->name;
		}
	}
	fprintf(stderr, "selfcare: '%s' is not a selfcare command\n",
		text_sanitize(name, clean, sizeof(clean)));
	if (best && best_d <= 2)
		fprintf(stderr, "Did you mean 'selfcare %s'?\n", best);
	fputs("Try 'selfcare --help'.\n", stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2) {
		program_print_help();
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		program_print_help();
		return EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("selfcare %s\n", SELFCARE_VERSION);
		return EXIT_OK;
	}
	if (name[0] == '-')
		return usage_error(NULL, "unknown option '%s'", name);
	const struct command *cmd = command_find(name);
	if (cmd == NULL)
		return unknown_command(name);
	int rc = cmd->exec(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		/* A closed pipe (selfcare list | head) is not worth a message. */
		return rc ? rc : EXIT_FAIL;
	}
	return rc;
}
