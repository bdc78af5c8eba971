/* What became of each reminder: the record the history store keeps
 * (src/sys/store.h), and the line format of the reminders.log that
 * selfcare 0.1 wrote before the store, which the store brings in once.
 * Pure: lines are made and read here; the file is the caller's.
 *
 *   2026-12-01T08:30:00+01:00	psoas-release	08:30	missed	no desktop session found
 *
 * Fields are tab-separated: when (local time with its offset), routine,
 * the scheduled time it belongs to, the outcome, and why (may be empty). */
#ifndef SELFCARE_REMINDLOG_H
#define SELFCARE_REMINDLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "routine.h"

#define REMINDLOG_FILE "reminders.log"
#define REMINDLOG_WHY_MAX 160

enum remind_outcome {
	REMIND_FIRED,      /* the notification was shown */
	REMIND_MISSED,     /* it could not be shown: why says what stopped it */
	REMIND_STARTED,    /* Start opened a terminal playing the routine */
	REMIND_START_FAILED, /* Start could not open a terminal */
	REMIND_SNOOZED,
	REMIND_DISMISSED,  /* closed without Start */
	REMIND_UNANSWERED, /* nobody acted on it in the time remind waits */
};

struct remind_record {
	long long when;     /* seconds since the epoch */
	int utc_offset;     /* seconds east of UTC, then */
	char name[ROUTINE_NAME_MAX + 1];
	unsigned hour, minute; /* the reminder's scheduled time */
	enum remind_outcome outcome;
	char why[REMINDLOG_WHY_MAX]; /* sanitized: no tabs, no control characters */
	bool test; /* from 'schedule add --test': not the entry's own firing */
};

const char *remind_outcome_name(enum remind_outcome o);

/* One line (without or with its newline) back into a record; false for a
 * line that is not one (a torn last line, another program's). */
bool remind_record_parse(const char *line, size_t n, struct remind_record *out);

#endif
