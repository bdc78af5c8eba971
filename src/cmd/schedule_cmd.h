/* What the schedule subcommands share (cmd_schedule.c, schedule_add.c,
 * schedule_list.c): reminders found in both backends, and the helpers
 * around them. */
#ifndef SELFCARE_SCHEDULE_CMD_H
#define SELFCARE_SCHEDULE_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "schedule.h"
#include "scheduler.h"

struct found {
	struct entry_spec e;
	const char *backend;
};

int sched_usage_sub(const char *what, const char *arg, const char *hint);
int sched_check_name(const char *name);
int sched_cmp_found(const void *a, const void *b);
int sched_open_paths(const char *what, struct sched_paths *paths);
unsigned sched_backend_bit(const char *name);
int sched_gather(const struct sched_paths *paths, unsigned must, const char *what,
		  struct found **out, size_t *count);
void sched_next_fire(const struct entry_spec *e, time_t now, char *human, size_t hlen,
		      char *iso, size_t ilen);
int sched_parse_at(const char *at, struct entry_spec *e);

int sched_add(int argc, char **argv);
int sched_list(int argc, char **argv);

#endif
