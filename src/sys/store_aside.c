/* Runs kept aside: the record of a run that the database could not take
 * in time, in a side file beside it until the next open brings it in. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "store.h"
#include "util.h"

/* Records kept aside: PATH.pending-PID-STARTED, one line each, written
 * when the database stayed busy past the wait at the end of a run. */
#define PENDING_TAG ".pending-"

char *store_keep_aside(const char *path, const struct run_record *r, char *why, size_t len)
{
	char *side = xasprintf("%s" PENDING_TAG "%ld-%lld", path, (long)getpid(), r->started);
	char *line = xasprintf("selfcare-run 1\t%lld\t%lld\t%d\t%s\t%s\t%u\t%lld\t%u\t%u\t%u\t%s\t%u\t%u"
			       "\t%d\t%d\t%lld\n",
			       r->id, r->started, r->utc_offset, r->name, r->title, r->nominal_s,
			       r->actual_ms, r->holds, r->done, r->skipped, run_end_name(r->end),
			       r->segment, r->segments, r->before, r->after, r->resumed_from);
	int rc = atomic_write(side, line, 0600);
	if (rc < 0) {
		snprintf(why, len, "cannot write %s: %s", side, strerror(errno));
		free(side);
		side = NULL;
	}
	free(line);
	return side;
}

/* A line of a side file back into a record; false when it is not one. */
static bool parse_aside(char *line, struct run_record *r)
{
	char *f[17];
	size_t n = 0;
	line[strcspn(line, "\n")] = '\0';
	for (char *p = line; p && n < 17;)
		f[n++] = strsep(&p, "\t");
	memset(r, 0, sizeof(*r));
	if (n != 17 || strcmp(f[0], "selfcare-run 1") != 0 || !run_end_parse(f[11], &r->end))
		return false;
	r->id = atoll(f[1]);
	r->started = atoll(f[2]);
	r->utc_offset = atoi(f[3]);
	snprintf(r->name, sizeof(r->name), "%s", f[4]);
	snprintf(r->title, sizeof(r->title), "%s", f[5]);
	r->nominal_s = (unsigned)strtoul(f[6], NULL, 10);
	r->actual_ms = atoll(f[7]);
	r->holds = (unsigned)strtoul(f[8], NULL, 10);
	r->done = (unsigned)strtoul(f[9], NULL, 10);
	r->skipped = (unsigned)strtoul(f[10], NULL, 10);
	r->segment = (unsigned)strtoul(f[12], NULL, 10);
	r->segments = (unsigned)strtoul(f[13], NULL, 10);
	r->before = atoi(f[14]);
	r->after = atoi(f[15]);
	r->resumed_from = atoll(f[16]);
	return r->started > 0 && r->name[0];
}

/* The row a kept record belongs to: its own, when its start went in and
 * the row is still there (the same routine and start); else a new one. */
static void find_row(struct store *s, struct run_record *r)
{
	if (r->id && !store_has_run(s, r->id, r->started, r->name))
		r->id = 0;
}

/* Each side file kept beside path, until each returns false: s NULL only
 * looks (true when there is one), else each record is brought in and its
 * file removed. A file that is not one is left alone. */
static bool each_aside(struct store *s, const char *path)
{
	char dir[4096];
	path_dir(path, dir, sizeof(dir));
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *prefix = xasprintf("%s" PENDING_TAG, base);
	DIR *d = opendir(dir);
	struct dirent *de;
	bool found = false;
	while (d && !(found && s == NULL) && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		found = true;
		if (s == NULL)
			continue;
		char *file = xasprintf("%s/%s", dir, de->d_name);
		char *text = read_small_file(file, 4096);
		struct run_record r;
		if (text && parse_aside(text, &r)) {
			find_row(s, &r);
			if (store_put_run(s, &r) == 0)
				unlink(file);
		}
		free(text);
		free(file);
	}
	if (d)
		closedir(d);
	free(prefix);
	return found;
}

void store_merge_aside(struct store *s, const char *path)
{
	each_aside(s, path);
}

bool store_has_aside(const char *path)
{
	return each_aside(NULL, path);
}
