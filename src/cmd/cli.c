#include "cli.h"
#include "settings.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fsutil.h"
#include "output.h"
#include "text.h"
#include "util.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_message("selfcare: ", fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nTry 'selfcare %s --help'.\n", cmd);
	else
		fputs("\nTry 'selfcare --help'.\n", stderr);
	return EXIT_USAGE;
}

bool color_enabled(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	enum config_color want = settings()->color;

	if (want != CONFIG_COLOR_AUTO)
		return want == CONFIG_COLOR_ALWAYS;
	if (nc && *nc)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

void print_diags(const char *path, const struct diags *d)
{
	char clean[DIAG_MSG_MAX];
	char *cpath = text_sanitize_dup(path);

	for (size_t i = 0; i < d->count; i++) {
		text_sanitize(d->items[i].msg, clean, sizeof(clean));
		fprintf(stderr, "%s:%u:%u: %s\n", cpath, d->items[i].line, d->items[i].col, clean);
	}
	if (d->dropped)
		fprintf(stderr, "%s: %zu more %s not shown\n", cpath, d->dropped,
			d->dropped == 1 ? "error" : "errors");
	free(cpath);
}

static void scan_warning(const char *path, enum catalog_problem what, const char *why)
{
	(void)what;
	warning("%s: %s", path, why); /* warning() sanitizes */
}

void catalog_open(struct catalog *cat, bool warn)
{
	struct catalog_env env;
	struct strv dirs = {0};

	catalog_env_from_process(&env);
	catalog_dirs(&env, &dirs);
	catalog_scan(&dirs, cat, warn ? scan_warning : NULL);
	strv_release(&dirs);
}

bool arg_is_file(const char *arg)
{
	size_t n = strlen(arg);
	return strchr(arg, '/') != NULL || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0);
}

static void suggest(const struct catalog *cat, const char *name)
{
	struct suggest near;

	suggest_start(&near, name);
	for (size_t i = 0; i < cat->count; i++)
		if (!cat->items[i].shadowed)
			suggest_consider(&near, cat->items[i].name);
	const char *best = suggest_result(&near);
	if (best)
		fprintf(stderr, "Did you mean '%s'?\n", best);
	fputs("Run 'selfcare list' to see every routine.\n", stderr);
}

int load_routine_arg(const char *arg, struct loaded *out)
{
	struct diags d = {0};
	char clean[256];

	memset(out, 0, sizeof(*out));
	if (arg_is_file(arg)) {
		out->path = xstrdup(arg);
	} else {
		struct catalog cat = {0};
		catalog_open(&cat, false); /* other files are list's and validate's business */
		if (!routine_name_valid(arg)) {
			error("invalid routine name '%s': names match [a-z0-9][a-z0-9-]{0,63}",
			      text_sanitize(arg, clean, sizeof(clean)));
			suggest(&cat, arg);
			catalog_release(&cat);
			return EXIT_FAIL;
		}
		const struct entry *e = catalog_find(&cat, arg);
		if (e == NULL) {
			error("no routine named '%s'", arg);
			suggest(&cat, arg);
			catalog_release(&cat);
			return EXIT_FAIL;
		}
		out->path = xstrdup(e->path);
		catalog_release(&cat);
	}
	out->name = path_stem(out->path);
	if (routine_load_named(out->path, &out->routine, &d) < 0) {
		error("cannot read '%s': %s", text_sanitize(out->path, clean, sizeof(clean)),
		      fs_strerror(errno));
		loaded_release(out);
		return EXIT_FAIL;
	}
	if (out->routine == NULL) {
		print_diags(out->path, &d);
		diags_release(&d);
		loaded_release(out);
		return EXIT_DATA;
	}
	diags_release(&d);
	routine_default_prepare(out->routine, settings()->prepare);
	return EXIT_OK;
}

void loaded_release(struct loaded *l)
{
	free(l->name);
	free(l->path);
	routine_free(l->routine);
	memset(l, 0, sizeof(*l));
}

void options_reset(void)
{
	optind = 0; /* GNU: reinitialise, so each command parses afresh */
	opterr = 0; /* commands report bad options themselves */
}

int parse_voice_rate(const char *cmd, const char *s, int *rate)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -100 || v > 100)
		return usage_error(cmd, "%s: --voice-rate takes a whole number from -100 to 100", cmd);
	*rate = (int)v;
	return 0;
}
