#include <errno.h>
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

static int cron_list(struct sched_backend *b, struct entry_spec *out, size_t max, char *err)
{
	(void)b;
	char *text = read_crontab(err);
	if (text == NULL)
		return -1;
	size_t n = schedule_crontab_entries(text, out, max);
	free(text);
	return (int)n;
}

/* Rewrite the block with entries; 0 or -1. */
static int cron_store(struct sched_backend *b, const char *crontab, struct entry_spec *entries,
		      size_t n, char *err)
{
	char *block = schedule_cron_block(entries, n, b->exe, b->runtime_dir, err, SCHED_MSG);
	if (block == NULL)
		return -1;
	char *text = schedule_crontab_apply(crontab, block);
	int rc = write_crontab(text, err);
	free(text);
	free(block);
	return rc;
}

static enum add_result cron_add(struct sched_backend *b, const struct entry_spec *e, char *note,
				char *err)
{
	(void)note;
	struct entry_spec have[SCHED_MAX + 1];
	enum add_result result = ADD_NEW;
	char *text = read_crontab(err);

	if (text == NULL)
		return ADD_FAILED;
	size_t n = schedule_crontab_entries(text, have, SCHED_MAX);
	for (size_t i = 0; i < n; i++) {
		if (schedule_same_slot(&have[i], e)) {
			if (have[i].days == e->days) {
				free(text);
				return ADD_UNCHANGED;
			}
			have[i].days = e->days;
			result = ADD_CHANGED;
		}
	}
	if (result == ADD_NEW)
		have[n++] = *e;
	if (cron_store(b, text, have, n, err) < 0)
		result = ADD_FAILED;
	free(text);
	return result;
}

static int cron_remove(struct sched_backend *b, const struct entry_spec *e, char *err)
{
	struct entry_spec have[SCHED_MAX];
	size_t kept = 0;
	char *text = read_crontab(err);

	if (text == NULL)
		return -1;
	size_t n = schedule_crontab_entries(text, have, SCHED_MAX);
	for (size_t i = 0; i < n; i++)
		if (!schedule_same_slot(&have[i], e))
			have[kept++] = have[i];
	int rc = cron_store(b, text, have, kept, err);
	free(text);
	return rc;
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
}
