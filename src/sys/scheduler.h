/* Where reminders live: systemd user timers or the user's crontab, behind
 * one small struct of function pointers. */
#ifndef SELFCARE_SCHEDULER_H
#define SELFCARE_SCHEDULER_H

#include <stdbool.h>
#include <stddef.h>

#include "schedule.h"

/* The most reminders 'schedule add' makes, both backends together.
 * Reading has no limit: every entry there is is listed and kept. */
#define SCHED_MAX 256
#define SCHED_MSG 512
#define SCHED_LOCK_WAIT_S 30

enum add_result { ADD_FAILED = -1, ADD_NEW, ADD_CHANGED, ADD_UNCHANGED };

struct sched_backend {
	const char *name; /* "systemd" or "cron" */
	/* Every entry it holds now, into *out (caller frees; NULL for none).
	 * Returns the count, or -1 with err. */
	int (*list)(struct sched_backend *b, struct entry_spec **out, char *err);
	/* Add e, or change the days of the entry with e's name and time. On
	 * failure nothing is left half-written. note: a remark for the user. */
	enum add_result (*add)(struct sched_backend *b, const struct entry_spec *e, char *note,
			       char *err);
	/* Remove the entry with e's name and time; 0, or -1 with err. */
	int (*remove)(struct sched_backend *b, const struct entry_spec *e, char *err);

	char *exe;         /* absolute path of selfcare, for ExecStart and cron */
	char *unit_dir;    /* systemd: $XDG_CONFIG_HOME/systemd/user */
	char *runtime_dir; /* cron: $XDG_RUNTIME_DIR for the session bus */
	/* cron: NAME, value, ..., NULL: the HOME (when it is not the one cron
	 * gives) and XDG_* directories this selfcare uses, for the command. */
	const char *cron_vars[16];
};

/* The process's HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR and uid, for
 * schedule_paths(). A relative XDG_* value is unset from the environment
 * as well, so that the commands run later agree with selfcare. */
void sched_env_from_process(struct sched_env *env);

/* Every read-decide-write of the reminders (both backends: what add and
 * remove read to decide, and what they write) runs holding this lock, an
 * flock on paths->lock_file, so that concurrent commands take turns and
 * no update is lost. Waits up to SCHED_LOCK_WAIT_S for another selfcare.
 * Returns a descriptor for sched_unlock, or -1 with err. The kernel drops
 * the lock if the holder dies. */
int sched_lock(const struct sched_paths *paths, char *err);
void sched_unlock(int fd);

/* Set up a backend that keeps its reminders where paths say. */
void sched_systemd_init(struct sched_backend *b, const struct sched_paths *paths);
void sched_cron_init(struct sched_backend *b, const struct sched_paths *paths);
/* The one named "systemd" or "cron"; -1 for any other name. */
int sched_init(struct sched_backend *b, const char *name, const struct sched_paths *paths);
void sched_release(struct sched_backend *b);

/* Is a systemd user manager running (systemctl --user works)? */
bool sched_systemd_manager_running(void);
/* systemd can run a timer: a user manager runs, or systemd is PID 1 (one
 * starts at login), or SELFCARE_ASSUME_SYSTEMD=1 says so. */
bool sched_systemd_usable(void);
/* A cron daemon runs (any user's: it is root's); true when /proc cannot
 * tell. */
bool sched_cron_running(void);
/* Is the crontab command there? */
bool sched_cron_available(void);
/* Is a cron daemon installed (whether it runs or not)? */
bool sched_cron_installed(void);

#endif
