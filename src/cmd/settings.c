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
			diags_add(&diags, 1, 1, "cannot read it: %s", fs_strerror(errno));
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
	if (diags.count)
		print_diags(settings_path(), &diags);
}

const struct config *settings(void)
{
	load();
	if (!warned && diags.count) {
		warned = true;
		settings_print_errors();
	}
	return &cfg;
}

const struct config *settings_quiet(unsigned *errors)
{
	load();
	*errors = (unsigned)(diags.count + diags.dropped);
	return &cfg;
}

bool settings_file_exists(void)
{
	load();
	return exists;
}
