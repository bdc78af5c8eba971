#include <errno.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "scheduler.h"
#include "text.h"
#include "util.h"

bool sched_cron_available(void)
{
	const char *argv[] = {"sh", "-c", "command -v crontab", NULL};
	return proc_run(argv, NULL, NULL, NULL) == 0;
}

/* The user's crontab as it is; "" when there is none. */
static char *read_crontab(char *err)
{
	const char *argv[] = {"crontab", "-l", NULL};
	char *out = NULL, *e = NULL;
	int rc = proc_run(argv, NULL, &out, &e);

	/* Exit 1 with "no crontab for USER" is the only way of saying empty. */
	if (rc == 1 && e && strstr(e, "no crontab for")) {
		free(out);
		free(e);
		return xstrdup("");
	}
	if (rc != 0) {
		proc_failure(err, SCHED_MSG, "crontab -l", rc, e);
		free(out);
		free(e);
		return NULL;
	}
	free(e);
	return out;
}

static int write_crontab(const char *text, char *err)
{
	/* "crontab -" installs its standard input whole, or not at all. When
	 * nothing is left (our block was all there was), remove the crontab:
	 * a user who had none gets none back, not an empty one. */
	const char *install[] = {"crontab", "-", NULL}, *remove[] = {"crontab", "-r", NULL};
	char *e = NULL;
	int rc = proc_run(*text ? install : remove, *text ? text : NULL, NULL, &e);

	if (rc != 0)
		proc_failure(err, SCHED_MSG, *text ? "crontab" : "crontab -r", rc, e);
	free(e);
	return rc == 0 ? 0 : -1;
}

/* The crontab and its block, checked: a damaged block is an error, never
 * a guess. */
static char *read_block(struct cron_block *blk, char *err)
{
	char *text = read_crontab(err);

	if (text && schedule_cron_parse(text, blk, err, SCHED_MSG) < 0) {
		free(text);
		return NULL;
	}
	return text;
}

static int cron_list(struct sched_backend *b, struct entry_spec **out, char *err)
{
	(void)b;
	struct cron_block blk;
	char *text = read_block(&blk, err);

	*out = NULL;
	if (text == NULL)
		return -1;
	if (blk.count)
		*out = xreallocarray(NULL, blk.count, sizeof(**out));
	for (size_t i = 0; i < blk.count; i++)
		(*out)[i] = blk.entries[i].spec;
	int n = (int)blk.count;
	schedule_cron_block_release(&blk);
	free(text);
	return n;
}

/* How often a crontab that changes between our read and our write (a hand
 * edit, another tool) is read again before giving up. */
#define CRON_TRIES 5
#define CRON_CHANGED 1

/* Put lines in place of slot's entry (NULL: remove it) and install the
 * result; every other line, other entries' included, stays as it was.
 * The lock keeps other selfcares out, but not an edit by hand or another
 * tool: the crontab is read again just before it is written, and when it
 * is no longer what was read, nothing is written and CRON_CHANGED says
 * to start over. */
static int cron_put(const char *text, const struct cron_block *blk,
		    const struct entry_spec *slot, const char *lines, char *err)
{
	char *now = read_crontab(err);
	if (now == NULL)
		return -1;
	bool same = strcmp(now, text) == 0;
	free(now);
	if (!same)
		return CRON_CHANGED;
	char *changed = schedule_crontab_put(text, blk, slot, lines);
	int rc = write_crontab(changed, err);
	free(changed);
	return rc;
}

static void kept_changing(char *err)
{
	snprintf(err, SCHED_MSG, "your crontab changed each of the %d times it was read; try again",
		 CRON_TRIES);
}

static enum add_result cron_add(struct sched_backend *b, const struct entry_spec *e, char *note,
				char *err)
{
	(void)note;
	for (int tries = 0; tries < CRON_TRIES; tries++) {
		struct cron_block blk;
		char *text = read_block(&blk, err);

		if (text == NULL)
			return ADD_FAILED;
		const struct cron_entry *have = schedule_cron_find(&blk, e);
		enum add_result result = have == NULL ? ADD_NEW
				       : have->spec.days == e->days ? ADD_UNCHANGED
								    : ADD_CHANGED;
		int rc = 0;
		if (result != ADD_UNCHANGED) {
			char *lines = schedule_cron_lines_env(e, b->exe, b->runtime_dir,
							      b->cron_vars, err, SCHED_MSG);
			rc = lines ? cron_put(text, &blk, e, lines, err) : -1;
			free(lines);
		}
		schedule_cron_block_release(&blk);
		free(text);
		if (rc != CRON_CHANGED)
			return rc < 0 ? ADD_FAILED : result;
	}
	kept_changing(err);
	return ADD_FAILED;
}

static int cron_remove(struct sched_backend *b, const struct entry_spec *e, char *err)
{
	(void)b;
	for (int tries = 0; tries < CRON_TRIES; tries++) {
		struct cron_block blk;
		char *text = read_block(&blk, err);

		if (text == NULL)
			return -1;
		int rc = schedule_cron_find(&blk, e) ? cron_put(text, &blk, e, NULL, err) : 0;
		schedule_cron_block_release(&blk);
		free(text);
		if (rc != CRON_CHANGED)
			return rc;
	}
	kept_changing(err);
	return -1;
}

void sched_cron_init(struct sched_backend *b, const struct sched_paths *paths)
{
	memset(b, 0, sizeof(*b));
	b->name = "cron";
	b->list = cron_list;
	b->add = cron_add;
	b->remove = cron_remove;
	b->exe = self_exe();
	b->runtime_dir = xstrdup(paths->runtime_dir);
	/* cron runs jobs with the HOME of the user's passwd entry and no XDG
	 * variables: the reminder must find the routines and the log where
	 * this selfcare does. */
	size_t n = 0;
	const char *home = getenv("HOME");
	struct passwd *pw = getpwuid(getuid());
	if (home && home[0] == '/' && (pw == NULL || strcmp(pw->pw_dir, home) != 0)) {
		b->cron_vars[n++] = "HOME";
		b->cron_vars[n++] = home;
	}
	static const char *const xdg[] = {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
					  "SELFCARE_TERMINAL"};
	for (size_t i = 0; i < sizeof(xdg) / sizeof(xdg[0]); i++) {
		const char *v = getenv(xdg[i]);
		if (v && (v[0] == '/' || (i == 3 && v[0]))) {
			b->cron_vars[n++] = xdg[i];
			b->cron_vars[n++] = v;
		}
	}
	b->cron_vars[n] = NULL;
}
