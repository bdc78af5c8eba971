#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fsutil.h"
#include "script.h"
#include "settings.h"
#include "text.h"

struct tally {
	bool quiet;
	unsigned ok, invalid, unreadable;
};

/* Words that will not end before the next are due, at the configured
 * rate: warnings, not errors (the routine still plays). */
static void check_fit(const char *path, struct routine *r)
{
	struct buffer buf = {0};
	struct diags d = {0};
	size_t len;
	const struct config *cfg = settings();
	int rate = cfg->voice_rate; /* CONFIG_RATE_DEFAULT: speech-dispatcher's own */

	if (!cfg->voice || read_regular_into(path, ROUTINE_FILE_MAX + 1, &buf, &len) < 0) {
		free(buf.data);
		return;
	}
	routine_default_prepare(r, cfg->prepare);
	script_check(buf.data, len, r, rate, &d);
	print_diags(path, &d);
	diags_release(&d);
	free(buf.data);
}

static void check_file(struct tally *t, const char *path)
{
	struct diags d = {0};
	struct routine *r = NULL;

	if (routine_load_named(path, &r, &d) < 0) {
		error("cannot read '%s': %s", path, fs_strerror(errno));
		t->unreadable++;
	} else if (r == NULL || d.count) {
		print_diags(path, &d);
		t->invalid++;
	} else {
		t->ok++;
		check_fit(path, r);
		if (!t->quiet) {
			char *clean = text_sanitize_dup(path);
			printf("%s: ok\n", clean);
			free(clean);
		}
	}
	routine_free(r);
	diags_release(&d);
}

static struct tally *scan_tally;

static void scan_bad_name(const char *path, enum catalog_problem what, const char *why)
{
	/* Every file is validated: one the catalog skips for its name is
	 * checked like any FILE argument, name rule included. */
	if (what == CATALOG_MISNAMED) {
		check_file(scan_tally, path);
	} else {
		warning("%s: %s", path, why);
	}
}

static int validate_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct tally t = {0};
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q': t.quiet = true; break;
		case 'h': command_print_help(&cmd_validate); return EXIT_OK;
		default: return command_bad_option(&cmd_validate, opts, c, argv);
		}
	}
	if (optind == argc) {
		struct catalog_env env;
		struct strv dirs = {0};
		struct catalog cat = {0};
		catalog_env_from_process(&env);
		catalog_dirs(&env, &dirs);
		scan_tally = &t;
		catalog_scan(&dirs, &cat, scan_bad_name);
		for (size_t i = 0; i < cat.count; i++)
			check_file(&t, cat.items[i].path);
		catalog_release(&cat);
		strv_release(&dirs);
	}
	for (int i = optind; i < argc; i++) {
		struct loaded l;
		if (arg_is_file(argv[i])) {
			check_file(&t, argv[i]);
			continue;
		}
		/* A name: resolve it through the catalog, report as a file. */
		int rc = load_routine_arg(argv[i], &l);
		if (rc == EXIT_OK) {
			t.ok++;
			check_fit(l.path, l.routine);
			if (!t.quiet) {
				char *clean = text_sanitize_dup(l.path);
				printf("%s: ok\n", clean);
				free(clean);
			}
			loaded_release(&l);
		} else if (rc == EXIT_DATA) {
			t.invalid++;
		} else {
			t.unreadable++;
		}
	}
	if (t.invalid)
		return EXIT_DATA;
	return t.unreadable ? EXIT_FAIL : EXIT_OK;
}

const struct command cmd_validate = {
	.name = "validate",
	.summary = "check routine files and report every error",
	.usage = "[-q] [FILE|NAME...]",
	.help = "Check routine files against the format in selfcare-routine(5). With no\n"
		"argument, check every file in the catalog, shadowed ones included.\n"
		"Each error is one line on stderr, FILE:LINE:COL: message; each valid file\n"
		"is one line on stdout, FILE: ok.\n\n"
		"A valid file may also get warnings, FILE:LINE:COL: warning: message, at\n"
		"an instruction, exit or cue that will not end a second before the next\n"
		"words are due when spoken at the configured voice rate (an estimate:\n"
		"'selfcare show' with its spoken option lists every utterance). Each\n"
		"utterance cuts off the one before.\n\n"
		"Options:\n"
		"  -q, --quiet   print nothing for valid files\n"
		"  -h, --help    show this help\n\n"
		"Exit status: 0 all valid, 65 some file is invalid, 1 some file could not\n"
		"be read, 2 usage error.\n",
	.exec = validate_exec,
};
