/* selfcare: guided self-care routines in the terminal. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "text.h"
#include "version.h"

static int unknown_command(const char *name)
{
	char clean[128];
	struct suggest near;

	suggest_start(&near, name);
	for (size_t i = 0; i < commands_count; i++)
		suggest_consider(&near, commands[i]->name);
	const char *best = suggest_result(&near);
	fprintf(stderr, "selfcare: '%s' is not a selfcare command\n",
		text_sanitize(name, clean, sizeof(clean)));
	if (best)
		fprintf(stderr, "Did you mean 'selfcare %s'?\n", best);
	fputs("Try 'selfcare --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Started with 0, 1 or 2 closed (selfcare list >&-), the next file we open
 * would take that number, and what we print would land in it. Put
 * /dev/null there, read-only: a write to it fails with EBADF, as it would
 * on the closed descriptor, so a closed stdout is still noticed. */
static void reserve_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int null = open("/dev/null", O_RDONLY | O_NOCTTY);
		if (null >= 0 && null != fd) {
			dup2(null, fd);
			close(null);
		}
	}
}

/* Every command ends here, so that output which never arrived (a full
 * disk, a closed stdout) is an error for all of them. A reader that left
 * early (selfcare list | head -1) gets no message: with SIGPIPE at its
 * default the write killed us quietly already; when it is ignored, the
 * write fails with EPIPE and we exit 1 without a word. An earlier failure
 * keeps its own exit status. */
static int finish(int rc)
{
	int err = stdout_flush();

	if (rc < 0) /* error()'s -1, passed up */
		rc = EXIT_FAIL;
	if (err == 0 && fclose(stdout) != 0)
		err = errno ? errno : EIO;
	if (err == 0)
		return rc;
	if (err != EPIPE)
		error("cannot write to stdout: %s", strerror(err));
	return rc ? rc : EXIT_FAIL;
}

int main(int argc, char **argv)
{
	reserve_std_fds();
	setlocale(LC_ALL, "");
	if (argc < 2) {
		program_print_help();
		return finish(EXIT_USAGE);
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		program_print_help();
		return finish(EXIT_OK);
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("selfcare %s\n", SELFCARE_VERSION);
		return finish(EXIT_OK);
	}
	if (name[0] == '-') {
		static const char *const top[] = {"--help", "--version"};
		struct suggest near;
		char clean[128];
		suggest_start(&near, name);
		for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
			suggest_consider(&near, top[i]);
		text_sanitize(name, clean, sizeof(clean));
		if (suggest_result(&near))
			return finish(usage_error(NULL, "unknown option '%s' (did you mean '%s'?)", clean,
						  suggest_result(&near)));
		return finish(usage_error(NULL, "unknown option '%s'", clean));
	}
	const struct command *cmd = command_find(name);
	if (cmd == NULL)
		return finish(unknown_command(name));
	return finish(cmd->exec(argc - 1, argv + 1));
}
