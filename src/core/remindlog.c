#include "remindlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

static const char *const outcome_names[] = {
	[REMIND_FIRED] = "fired",
	[REMIND_MISSED] = "missed",
	[REMIND_STARTED] = "started",
	[REMIND_START_FAILED] = "start-failed",
	[REMIND_SNOOZED] = "snoozed",
	[REMIND_DISMISSED] = "dismissed",
	[REMIND_UNANSWERED] = "unanswered",
};
#define OUTCOMES (sizeof(outcome_names) / sizeof(outcome_names[0]))

const char *remind_outcome_name(enum remind_outcome o)
{
	return (size_t)o < OUTCOMES ? outcome_names[o] : "unknown";
}

/* "2026-12-01T08:30:00+01:00" into seconds since the epoch and the offset. */
static bool parse_stamp(const char *s, size_t n, long long *when, int *offset)
{
	struct tm tm = {0};
	char buf[32], sign;
	int oh, om;

	if (n != 25 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &sign, &oh, &om) != 9 ||
	    (sign != '+' && sign != '-') || tm.tm_mon < 1 || tm.tm_mon > 12 || oh > 23 || om > 59)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	*when = (long long)timegm(&tm) - *offset;
	return true;
}

bool remind_record_parse(const char *line, size_t n, struct remind_record *out)
{
	const char *f[5];
	size_t len[5];
	const char *p = line, *end = line + n;

	if (n > 0 && line[n - 1] == '\n')
		end--;
	for (int i = 0; i < 5; i++) {
		const char *tab = i < 4 ? memchr(p, '\t', (size_t)(end - p)) : NULL;
		if (i < 4 && tab == NULL)
			return false;
		f[i] = p;
		len[i] = (size_t)((i < 4 ? tab : end) - p);
		p = i < 4 ? tab + 1 : end;
	}
	memset(out, 0, sizeof(*out));
	if (!parse_stamp(f[0], len[0], &out->when, &out->utc_offset) ||
	    len[1] > ROUTINE_NAME_MAX || len[2] != 5 || len[4] >= sizeof(out->why))
		return false;
	memcpy(out->name, f[1], len[1]);
	if (!routine_name_valid(out->name) || f[2][2] != ':' ||
	    sscanf(f[2], "%2u:%2u", &out->hour, &out->minute) != 2 || out->hour > 23 ||
	    out->minute > 59)
		return false;
	size_t o = 0;
	while (o < OUTCOMES && !(strlen(outcome_names[o]) == len[3] &&
				 memcmp(outcome_names[o], f[3], len[3]) == 0))
		o++;
	if (o == OUTCOMES)
		return false;
	out->outcome = (enum remind_outcome)o;
	memcpy(out->why, f[4], len[4]);
	return !text_has_control(out->why, false) && !strchr(out->why, '\t');
}

