/* The record of runs, and what is made of it: the stats, the calendar, the
 * lines of `history`, its CSV and JSON. Pure: records come in as arrays,
 * the time as arguments (seconds since the epoch and the local offset);
 * text goes into a growing buffer. The database is src/sys/store.c.
 *
 * A run's day is its local date when it began, in the offset it began in:
 * a run at 00:30 belongs to the day it began, whatever time zone or DST
 * rule the reader is in now. */
#ifndef SELFCARE_HISTORY_H
#define SELFCARE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"
#include "util.h"

#define HISTORY_TITLE_MAX 128
#define HISTORY_NO_SCORE (-1)
#define HISTORY_SCORE_MAX 10
#define HISTORY_WEEKS 12 /* the calendar and the weekly table */

/* How a run ended. INTERRUPTED is what a run is until it says otherwise:
 * a run killed outright (SIGKILL, a crash, power lost) stays that. */
enum run_end {
	RUN_INTERRUPTED,
	RUN_COMPLETED,
	RUN_QUIT,    /* q, or the terminal prompt declined after start */
	RUN_SIGINT,  /* Ctrl-C */
	RUN_SIGQUIT, /* Ctrl-\ */
	RUN_SIGHUP,  /* the terminal went away */
	RUN_SIGTERM,
	RUN_FAILED,  /* its output could not be written */
	RUN_END_COUNT
};

struct run_record {
	long long id;          /* 0 until stored */
	long long started;     /* seconds since the epoch */
	int utc_offset;        /* seconds east of UTC, where and when it began */
	char name[ROUTINE_NAME_MAX + 1];
	char title[HISTORY_TITLE_MAX];
	unsigned nominal_s;    /* what was to be played, as written (from the resume point) */
	long long actual_ms;   /* how long it played, pauses included */
	unsigned holds, done, skipped;
	enum run_end end;
	unsigned segment, segments; /* where it was in the timeline, and its length */
	int before, after;     /* tension 0..10, or HISTORY_NO_SCORE */
	long long resumed_from; /* the run it continues, or 0 */
};

const char *run_end_name(enum run_end e);
/* A name back into an end; false when it is not one. */
bool run_end_parse(const char *s, enum run_end *out);
/* How a run ended is why it stopped (play()'s answer), and gives its exit
 * status: 0 completed, 3 quit, 128+N for signal N, 1 otherwise. */
int run_end_status(enum run_end end);
/* A run stopped by signal signo (SIGHUP, SIGINT, SIGQUIT; any other is
 * counted as SIGTERM). */
enum run_end run_end_for_signal(int signo);

/* Days since 1970-01-01 of a civil date, and back. */
long long days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(long long z, int *y, unsigned *m, unsigned *d);
/* The local day of a moment in an offset. */
long long local_day(long long t, int utc_offset);
/* 0 Monday .. 6 Sunday. */
unsigned weekday(long long day);
/* "YYYY-MM-DD" (a real date) into a day; false otherwise. */
bool parse_day(const char *s, long long *day);

/* A check-in's answer: 1 with *score for "0" to "10" (spaces around
 * allowed), 0 for an empty line (skipped), -1 for anything else. */
int tension_parse(const char *line, int *score);

/* --- stats ------------------------------------------------------------- */

/* Tension over the runs that have both check-ins: the averages before and
 * after, and after minus before. */
struct tension {
	unsigned pairs;
	double before, after, change;
};

struct routine_stats {
	char name[ROUTINE_NAME_MAX + 1];
	unsigned runs, completed;
	long long ms;
	struct tension tension;
};

struct week_stats {
	long long monday;   /* its first day */
	unsigned sessions;  /* runs begun in it, however they ended */
	long long ms;
};

struct stats {
	unsigned runs, completed;
	long long ms;
	long long today;
	unsigned current_streak, longest_streak;
	long long longest_end; /* the last day of the longest streak */
	struct week_stats weeks[HISTORY_WEEKS]; /* oldest first; the last is this week */
	struct routine_stats *routines;         /* most runs first */
	size_t routines_count;
	struct tension tension;
	long long day_ms[HISTORY_WEEKS * 7]; /* the calendar: from weeks[0].monday on */
};

/* Whether a run counts for a streak: at least one hold done. A run's day
 * is never after today: one begun in a zone ahead of this one is today's. */
bool run_counts(const struct run_record *r);

/* now and now_offset say what "today" is. Records in any order. */
void stats_compute(const struct run_record *runs, size_t n, long long now, int now_offset,
		   struct stats *out);
void stats_release(struct stats *s);

/* The calendar: a row of months, then Monday to Sunday, one column a week,
 * oldest on the left. Each day shows how many minutes it had, by a shade
 * (utf8: " ░▒▓█", else " .:o#"), and with color by colour too. Days after
 * today are blank. The legend is wrapped to width (0: no limit). */
void stats_calendar(const struct stats *s, bool utf8, bool color, unsigned width,
		    struct sbuf *out);
/* Everything as text for a person, fitted to width columns (0: no limit),
 * or as one JSON object. */
void stats_text(const struct stats *s, bool utf8, bool color, unsigned width, struct sbuf *out);
void stats_json(const struct stats *s, struct sbuf *out);

/* --- history's lines --------------------------------------------------- */

/* "2026-12-01 08:30" in the run's own offset. */
void run_local_time(const struct run_record *r, char *buf, size_t len);
/* "2026-12-01T08:30:00+01:00". */
void rfc3339_at(long long t, int utc_offset, char *buf, size_t len);

/* The table's header, and one line per run (routine text sanitized),
 * tab-separated. Piped, STEPS says "2/3 (1 skipped)"; in the table on a
 * terminal (brief) only "2/3", and tension "7->3", so that it fits 80
 * columns; the stacked
 * form and the JSON keep the skips. */
void history_header(struct sbuf *out);
void history_line(const struct run_record *r, bool brief, struct sbuf *out);
/* The same for a narrow terminal: two or three lines a run, wrapped at
 * words to width columns. */
void history_stacked(const struct run_record *r, size_t width, struct sbuf *out);
/* One JSON object, without a newline. */
void history_json(const struct run_record *r, struct sbuf *out);
/* CSV (RFC 4180): the header, and one line per run. */
void history_csv_header(struct sbuf *out);
void history_csv(const struct run_record *r, struct sbuf *out);

/* A CSV field, quoted when it needs to be. */
void csv_field(struct sbuf *out, const char *s);

#endif
