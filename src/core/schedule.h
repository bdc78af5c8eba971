/* Reminders: parsing times and days, and the text of systemd units and
 * crontab blocks. Pure: no files, no commands, no clock. */
#ifndef SELFCARE_SCHEDULE_H
#define SELFCARE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "routine.h"

#define DAYS_ALL 0x7Fu /* bit 0 Monday ... bit 6 Sunday */
#define SCHEDULE_MARK "# selfcare-entry: "
#define CRON_BEGIN "# BEGIN selfcare reminders (managed by 'selfcare schedule': do not edit)"
#define CRON_END "# END selfcare reminders"
#define SCHEDULE_CRON_LINE_MAX 990 /* cron cuts a command at about 1000 */

struct entry_spec {
	char name[ROUTINE_NAME_MAX + 1];
	unsigned hour, minute;
	unsigned days; /* mask */
};

/* The environment as the process has it: NULL for what is unset. */
struct sched_env {
	const char *home, *xdg_config_home, *xdg_state_home, *xdg_runtime_dir;
	const char *passwd_home; /* the home of the uid's passwd entry, or NULL */
	unsigned uid;
};

/* Where reminders live, all absolute. */
struct sched_paths {
	char *unit_dir;    /* $XDG_CONFIG_HOME/systemd/user */
	char *runtime_dir; /* $XDG_RUNTIME_DIR, else /run/user/UID: for cron lines */
	char *state_dir;   /* $XDG_STATE_HOME/selfcare (default ~/.local/state) */
	char *lock_dir;    /* the passwd home's .local/state/selfcare: the
			    * user's whatever HOME and XDG_* say (else
			    * state_dir) */
	char *lock_file;   /* lock_dir/schedule.lock: every change takes it */
};

/* HOME must be an absolute path: unset, empty or relative is -1 with err,
 * whatever else is set. An XDG_* value that is unset, empty or relative is
 * ignored and its default used, as the XDG base directory spec says. */
int schedule_paths(const struct sched_env *env, struct sched_paths *out, char *err, size_t len);
void schedule_paths_release(struct sched_paths *p);

/* "08:30" or "8:30": one or two hour digits, a colon, two minute digits;
 * 00:00 to 23:59. */
int schedule_parse_time(const char *s, unsigned *hour, unsigned *minute, char *err, size_t len);
/* "daily", "weekdays", "weekends", "mon,wed,fri", "mon-fri", "sat-mon";
 * day names in any case. */
int schedule_parse_days(const char *s, unsigned *days, char *err, size_t len);
/* The canonical spelling of a mask: daily, weekdays, weekends, mon-wed,fri. */
char *schedule_days_format(unsigned days, char *buf, size_t len);

/* Two entries for the same routine at the same time: the same reminder,
 * whatever their days. */
bool schedule_same_slot(const struct entry_spec *a, const struct entry_spec *b);
/* qsort order of entry_specs: by routine, then by time. */
int schedule_entry_cmp(const void *a, const void *b);

/* "selfcare-psoas-release-0830" (no suffix). */
char *schedule_unit_base(const struct entry_spec *e, char *buf, size_t len);

/* The marker comment that identifies an entry in a unit or a crontab:
 * "# selfcare-entry: psoas-release 08:30 mon-fri". */
char *schedule_mark(const struct entry_spec *e, char *buf, size_t len);
/* Parse a marker line (with or without its trailing newline); strict. */
int schedule_parse_mark(const char *line, struct entry_spec *e);

/* systemd "OnCalendar=" value: "Mon..Fri *-*-* 08:30:00". */
char *schedule_oncalendar(const struct entry_spec *e, char *buf, size_t len);

/* Unit file texts. exe is the absolute path of the binary; returns NULL
 * (and sets err) when it cannot be written safely into a unit. Caller
 * frees. */
char *schedule_timer_unit(const struct entry_spec *e);
char *schedule_service_unit(const struct entry_spec *e, const char *exe, char *err, size_t len);

/* One crontab line (with its marker line before it), or NULL with err
 * when exe or runtime_dir cannot be quoted safely. Caller frees. */
char *schedule_cron_lines(const struct entry_spec *e, const char *exe, const char *runtime_dir,
			  char *err, size_t len);
/* The same, with variables set on the command before XDG_RUNTIME_DIR:
 * vars is NAME, value, ..., NULL; only HOME and XDG_{DATA,CONFIG,STATE}_HOME
 * (absolute paths), so that the reminder reads and logs where the user's
 * selfcare does, and SELFCARE_TERMINAL, the user's own at add time. A
 * line longer than cron reads is NULL with err. */
char *schedule_cron_lines_env(const struct entry_spec *e, const char *exe,
			      const char *runtime_dir, const char *const *vars, char *err,
			      size_t len);

/* One reminder in selfcare's crontab block: its marker line and the
 * command line after it, kept as they were written (another binary's path
 * or runtime dir included). */
struct cron_entry {
	struct entry_spec spec;
	size_t line;       /* the marker's line number, from 1 */
	size_t start, end; /* its two lines: bytes [start, end) of the crontab */
};

/* selfcare's block in a crontab: the BEGIN line, pairs of marker and
 * command lines, the END line. */
struct cron_block {
	bool found;
	size_t start, end; /* the whole block, BEGIN to END line: bytes [start, end) */
	size_t body_end;   /* where the END line starts */
	struct cron_entry *entries; /* every one, in file order */
	size_t count;
};

/* Find and check selfcare's block in a crontab; none at all is fine. A
 * damaged block (BEGIN without END, END without BEGIN, a second BEGIN or
 * block, a line in the block that is not a reminder, a command that does
 * not match its marker, the same reminder twice) is -1 with err, one line
 * naming the crontab line and 'crontab -e'; nothing is guessed. */
int schedule_cron_parse(const char *crontab, struct cron_block *blk, char *err, size_t len);
void schedule_cron_block_release(struct cron_block *blk);
/* The entry with slot's routine and time, or NULL. */
const struct cron_entry *schedule_cron_find(const struct cron_block *blk,
					    const struct entry_spec *slot);

/* The crontab with the entry for slot's routine and time replaced by
 * lines (from schedule_cron_lines), or lines added in routine and time
 * order when there is none; lines NULL removes the entry. blk is
 * schedule_cron_parse's of crontab. Every other byte stays as it was. A
 * new block goes first, so that the user's VAR= lines, which apply to the
 * lines after them, never reach ours; removing its last entry removes the
 * block and gives back the original bytes. Caller frees. */
char *schedule_crontab_put(const char *crontab, const struct cron_block *blk,
			   const struct entry_spec *slot, const char *lines);

/* Days from (wday, hh:mm:ss) now until the next firing: 0 today (later
 * than now), up to 7. wday: 0 Sunday ... 6 Saturday, as in struct tm. */
int schedule_next_days(const struct entry_spec *e, int wday, int hour, int minute, int second);

#endif
