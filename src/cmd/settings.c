#include "settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fsutil.h"
#include "util.h"

static struct config cfg;
static struct diags diags;
static char *path;
static char read_error[256]; /* the file could not be read: why */
static bool loaded, exists, warned;

const char *settings_path(void)
{
	if (path == NULL) {
		const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		if (x && x[0] == '/')
			path = xasprintf("%s/selfcare/" CONFIG_FILE, x);
		else if (home && home[0] == '/')
			path = xasprintf("%s/.config/selfcare/" CONFIG_FILE, home);
	}
	return path;
}

static void load(void)
{
	if (loaded)
		return;
	loaded = true;
	config_defaults(&cfg);
	const char *p = settings_path();
	if (p == NULL)
		return;
	size_t len;
	char *text = read_regular_file(p, CONFIG_FILE_MAX + 1, &len);
	if (text == NULL) {
		if (errno != ENOENT) {
			exists = true;
			snprintf(read_error, sizeof(read_error), "%s", fs_strerror(errno));
		}
		return;
	}
	exists = true;
	config_parse(text, len, &cfg, &diags);
	free(text);
}

void settings_print_errors(void)
{
	load();
	if (read_error[0])
		error("cannot read %s: %s", settings_path(), read_error);
	if (diags.count)
		print_diags(settings_path(), &diags);
}

const struct config *settings(void)
{
	load();
	if (!warned) {
		warned = true;
		/* Warnings of any command; 'selfcare config' shows them as errors. */
		if (read_error[0])
			warning("cannot read %s: %s; the defaults apply", settings_path(), read_error);
		for (size_t i = 0; i < diags.count; i++)
			warning("%s:%u:%u: %s", settings_path(), diags.items[i].line,
				diags.items[i].col, diags.items[i].msg);
	}
	return &cfg;
}

const struct config *settings_quiet(unsigned *errors)
{
	load();
	*errors = (unsigned)(diags.count + diags.dropped + (read_error[0] != 0));
	return &cfg;
}

bool settings_file_exists(void)
{
	load();
	return exists;
}
