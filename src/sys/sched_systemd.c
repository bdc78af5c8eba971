#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "scheduler.h"
#include "text.h"
#include "util.h"

#define UNIT_MAX (64 * 1024)

static int systemctl(const char *verb, const char *arg1, const char *arg2, char *err)
{
	const char *argv[] = {"systemctl", "--user", verb, arg1, arg2, NULL};
	char *e = NULL;
	int rc = proc_run(argv, NULL, NULL, &e);

	if (rc != 0 && err) {
		char what[64];
		snprintf(what, sizeof(what), "systemctl --user %s", verb);
		proc_failure(err, SCHED_MSG, what, rc, e);
	}
	free(e);
	return rc;
}

bool sched_systemd_manager_running(void)
{
	return systemctl("show-environment", NULL, NULL, NULL) == 0;
}

static char *unit_path(const struct sched_backend *b, const struct entry_spec *e,
		       const char *suffix)
{
	char base[128];
	return xasprintf("%s/%s.%s", b->unit_dir, schedule_unit_base(e, base, sizeof(base)), suffix);
}

static int sd_list(struct sched_backend *b, struct entry_spec **out, char *err)
{
	DIR *dir = opendir(b->unit_dir);
	struct dirent *de;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (dir == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, SCHED_MSG, "cannot read %s: %s", b->unit_dir, strerror(errno));
		return -1;
	}
	while ((errno = 0, de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);
		if (strncmp(de->d_name, "selfcare-", 9) != 0 || len < 7 ||
		    strcmp(de->d_name + len - 6, ".timer") != 0)
			continue;
		char *path = xasprintf("%s/%s", b->unit_dir, de->d_name);
		char *text = read_small_file(path, UNIT_MAX);
		struct entry_spec e;
		/* Only our own files count: the marker is their first line. */
		if (text && schedule_parse_mark(strtok(text, "\n") ? text : "", &e) == 0) {
			char *expect = unit_path(b, &e, "timer");
			if (strcmp(expect, path) == 0) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					*out = xreallocarray(*out, cap, sizeof(**out));
				}
				(*out)[n++] = e;
			}
			free(expect);
		}
		free(text);
		free(path);
	}
	if (errno != 0) { /* a listing cut short would drop reminders */
		snprintf(err, SCHED_MSG, "cannot read %s: %s", b->unit_dir, strerror(errno));
		closedir(dir);
		free(*out);
		*out = NULL;
		return -1;
	}
	closedir(dir);
	return (int)n;
}

/* Put back what was there before an add that failed. */
static void restore(const char *path, const char *old)
{
	if (old)
		atomic_write(path, old, 0644);
	else
		unlink(path);
}

static enum add_result sd_add(struct sched_backend *b, const struct entry_spec *e, char *note,
			      char *err)
{
	struct entry_spec *have;
	int n = sd_list(b, &have, err);
	enum add_result result = ADD_NEW;
	char base[128];

	if (n < 0)
		return ADD_FAILED;
	for (int i = 0; i < n; i++)
		if (schedule_same_slot(&have[i], e))
			result = have[i].days == e->days ? ADD_UNCHANGED : ADD_CHANGED;
	free(have);
	if (result == ADD_UNCHANGED)
		return result;
	char *service = schedule_service_unit(e, b->exe, err, SCHED_MSG);
	if (service == NULL)
		return ADD_FAILED;
	char *timer = schedule_timer_unit(e);
	char *spath = unit_path(b, e, "service"), *tpath = unit_path(b, e, "timer");
	char *old_service = read_small_file(spath, UNIT_MAX);
	char *old_timer = read_small_file(tpath, UNIT_MAX);
	char unit[160];
	snprintf(unit, sizeof(unit), "%s.timer", schedule_unit_base(e, base, sizeof(base)));

	if (mkdir_p(b->unit_dir, 0755) < 0) {
		snprintf(err, SCHED_MSG, "cannot create %s: %s", b->unit_dir, strerror(errno));
		result = ADD_FAILED;
	} else if (atomic_write(spath, service, 0644) < 0) {
		snprintf(err, SCHED_MSG, "cannot write %s: %s", spath, strerror(errno));
		result = ADD_FAILED;
	} else if (atomic_write(tpath, timer, 0644) < 0) {
		snprintf(err, SCHED_MSG, "cannot write %s: %s", tpath, strerror(errno));
		restore(spath, old_service);
		result = ADD_FAILED;
	} else if (sched_systemd_manager_running()) {
		if (systemctl("daemon-reload", NULL, NULL, err) != 0 ||
		    systemctl("enable", "--now", unit, err) != 0) {
			restore(spath, old_service);
			restore(tpath, old_timer);
			systemctl("daemon-reload", NULL, NULL, NULL);
			result = ADD_FAILED;
		} else if (result == ADD_CHANGED) {
			systemctl("restart", unit, NULL, NULL); /* pick up the new days */
		}
	} else {
		/* No user manager (a container, a system without logind):
		 * enabling works offline and the timer starts at next login. */
		if (systemctl("enable", unit, NULL, err) != 0) {
			restore(spath, old_service);
			restore(tpath, old_timer);
			result = ADD_FAILED;
		} else {
			snprintf(note, SCHED_MSG,
				 "no systemd user manager is running: the timer is enabled and "
				 "starts at your next login");
		}
	}
	free(service);
	free(timer);
	free(spath);
	free(tpath);
	free(old_service);
	free(old_timer);
	return result;
}

static int sd_remove(struct sched_backend *b, const struct entry_spec *e, char *err)
{
	char base[128], unit[160];
	bool manager = sched_systemd_manager_running();
	char *spath = unit_path(b, e, "service"), *tpath = unit_path(b, e, "timer");
	int rc = 0;

	snprintf(unit, sizeof(unit), "%s.timer", schedule_unit_base(e, base, sizeof(base)));
	if (manager ? systemctl("disable", "--now", unit, err) != 0
		    : systemctl("disable", unit, NULL, err) != 0) {
		rc = -1;
	} else {
		if (manager) /* drop the Persistent= stamp too */
			systemctl("clean", "--what=state", unit, NULL);
		if ((unlink(tpath) < 0 && errno != ENOENT) || (unlink(spath) < 0 && errno != ENOENT)) {
			snprintf(err, SCHED_MSG, "cannot remove %s: %s", tpath, strerror(errno));
			rc = -1;
		}
		if (manager)
			systemctl("daemon-reload", NULL, NULL, NULL);
	}
	free(spath);
	free(tpath);
	return rc;
}

void sched_systemd_init(struct sched_backend *b, const struct sched_paths *paths)
{
	memset(b, 0, sizeof(*b));
	b->name = "systemd";
	b->list = sd_list;
	b->add = sd_add;
	b->remove = sd_remove;
	b->exe = self_exe();
	b->unit_dir = xstrdup(paths->unit_dir);
}
