#include "scheduler.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

/* A relative XDG_* value is ignored (the XDG spec); take it out of the
 * environment too, so that systemctl and crontab, which read it as well,
 * use the same directories as selfcare. */
static const char *xdg_value(const char *name)
{
	const char *v = getenv(name);
	if (v && v[0] != '/') {
		unsetenv(name);
		return NULL;
	}
	return v;
}

void sched_env_from_process(struct sched_env *env)
{
	env->home = getenv("HOME");
	env->xdg_config_home = xdg_value("XDG_CONFIG_HOME");
	env->xdg_state_home = xdg_value("XDG_STATE_HOME");
	env->xdg_runtime_dir = xdg_value("XDG_RUNTIME_DIR");
	env->uid = (unsigned)getuid();
	struct passwd *pw = getpwuid(getuid());
	env->passwd_home = pw && pw->pw_dir ? pw->pw_dir : NULL;
}

int sched_lock(const struct sched_paths *paths, char *err)
{
	if (mkdir_p(paths->lock_dir, 0700) < 0) {
		snprintf(err, SCHED_MSG, "cannot create %s: %s", paths->lock_dir, strerror(errno));
		return -1;
	}
	int fd = lock_wait(paths->lock_file, SCHED_LOCK_WAIT_S * 1000);
	if (fd < 0 && errno == EWOULDBLOCK)
		snprintf(err, SCHED_MSG,
			 "another 'selfcare schedule' still holds %s after %d s; try again",
			 paths->lock_file, SCHED_LOCK_WAIT_S);
	else if (fd < 0)
		snprintf(err, SCHED_MSG, "cannot lock %s: %s", paths->lock_file, strerror(errno));
	return fd;
}

void sched_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

int sched_init(struct sched_backend *b, const char *name, const struct sched_paths *paths)
{
	if (strcmp(name, "systemd") == 0)
		sched_systemd_init(b, paths);
	else if (strcmp(name, "cron") == 0)
		sched_cron_init(b, paths);
	else
		return -1;
	return 0;
}

void sched_release(struct sched_backend *b)
{
	free(b->exe);
	free(b->unit_dir);
	free(b->runtime_dir);
	memset(b, 0, sizeof(*b));
}

/* systemd can run the timer: a user manager runs, or systemd is PID 1 (a
 * user manager starts at login), or the user says so
 * (SELFCARE_ASSUME_SYSTEMD=1: an image being built, a test). */
bool sched_systemd_usable(void)
{
	struct stat st;
	const char *assume = getenv("SELFCARE_ASSUME_SYSTEMD");
	return sched_systemd_manager_running() ||
	       (lstat("/run/systemd/system", &st) == 0 && S_ISDIR(st.st_mode)) ||
	       (assume && strcmp(assume, "1") == 0);
}

/* A cron daemon runs (any user's: it is root's). */
bool sched_cron_installed(void)
{
	static const char *const daemons[] = {"/usr/sbin/cron", "/usr/sbin/crond", "/sbin/cron",
					      "/usr/bin/crond"};
	for (size_t i = 0; i < sizeof(daemons) / sizeof(daemons[0]); i++)
		if (access(daemons[i], X_OK) == 0)
			return true;
	return false;
}

bool sched_cron_running(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	bool yes = false;
	if (d == NULL)
		return true; /* cannot tell: no warning */
	while (!yes && (de = readdir(d)) != NULL) {
		char path[300], comm[32] = "";
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		FILE *f = fopen(path, "re");
		if (f == NULL)
			continue;
		if (fgets(comm, sizeof(comm), f)) {
			comm[strcspn(comm, "\n")] = '\0';
			yes = strcmp(comm, "cron") == 0 || strcmp(comm, "crond") == 0;
		}
		fclose(f);
	}
	closedir(d);
	return yes;
}

