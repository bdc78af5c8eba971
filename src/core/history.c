#include "history.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "text.h"

static const char *const end_names[RUN_END_COUNT] = {
	[RUN_INTERRUPTED] = "interrupted",
	[RUN_COMPLETED] = "completed",
	[RUN_QUIT] = "quit",
	[RUN_SIGINT] = "sigint",
	[RUN_SIGQUIT] = "sigquit",
	[RUN_SIGHUP] = "sighup",
	[RUN_SIGTERM] = "sigterm",
	[RUN_FAILED] = "failed",
};

const char *run_end_name(enum run_end e)
{
	return (unsigned)e < RUN_END_COUNT ? end_names[e] : "interrupted";
}

bool run_end_parse(const char *s, enum run_end *out)
{
	for (unsigned i = 0; i < RUN_END_COUNT; i++)
		if (strcmp(s, end_names[i]) == 0) {
			*out = (enum run_end)i;
			return true;
		}
	return false;
}

int run_end_status(enum run_end end)
{
	switch (end) {
	case RUN_COMPLETED: return 0;
	case RUN_QUIT: return 3;
	case RUN_SIGHUP: return 128 + SIGHUP;
	case RUN_SIGINT: return 128 + SIGINT;
	case RUN_SIGQUIT: return 128 + SIGQUIT;
	case RUN_SIGTERM: return 128 + SIGTERM;
	default: return 1;
	}
}

enum run_end run_end_for_signal(int signo)
{
	switch (signo) {
	case SIGHUP: return RUN_SIGHUP;
	case SIGINT: return RUN_SIGINT;
	case SIGQUIT: return RUN_SIGQUIT;
	default: return RUN_SIGTERM;
	}
}

int tension_parse(const char *line, int *score)
{
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\n' ||
			 line[n - 1] == '\r'))
		n--;
	if (n == 0)
		return 0;
	if (n > 2)
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (line[i] < '0' || line[i] > '9')
			return -1;
		v = v * 10 + (line[i] - '0');
	}
	if (v > HISTORY_SCORE_MAX)
		return -1;
	*score = v;
	return 1;
}

/* --- days ------------------------------------------------------------- */

/* The proleptic Gregorian calendar by eras of 400 years, after Howard
 * Hinnant's published derivation of the civil-date formulas. */
long long days_from_civil(int y, unsigned m, unsigned d)
{
	long long yy = (long long)y - (m <= 2);
	long long era = (yy >= 0 ? yy : yy - 399) / 400;
	unsigned yoe = (unsigned)(yy - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((long long)yoe + era * 400 + (*m <= 2));
}

static long long floor_div(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

long long local_day(long long t, int utc_offset)
{
	return floor_div(t + utc_offset, 86400);
}

unsigned weekday(long long day)
{
	/* 1970-01-01 was a Thursday: 3 days after a Monday. */
	long long w = (day + 3) % 7;
	return (unsigned)(w < 0 ? w + 7 : w);
}

bool parse_day(const char *s, long long *day)
{
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y;
	unsigned m, d;
	int n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2u-%2u%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return false;
	*day = days_from_civil(y, m, d);
	return true;
}


/* --- history's lines ----------------------------------------------------- */

void rfc3339_at(long long t, int utc_offset, char *buf, size_t len)
{
	long long day = local_day(t, utc_offset);
	long long sec = t + utc_offset - day * 86400;
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	int off = utc_offset < 0 ? -utc_offset : utc_offset;
	if (utc_offset == 0)
		snprintf(buf, len, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, sec / 3600,
			 sec / 60 % 60, sec % 60);
	else
		snprintf(buf, len, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02d:%02d", y, m, d,
			 sec / 3600, sec / 60 % 60, sec % 60, utc_offset < 0 ? '-' : '+',
			 off / 3600 % 100, off / 60 % 60);
}

void run_local_time(const struct run_record *r, char *buf, size_t len)
{
	long long day = local_day(r->started, r->utc_offset);
	long long sec = r->started + r->utc_offset - day * 86400;
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02u-%02u %02lld:%02lld", y, m, d, sec / 3600, sec / 60 % 60);
}

static void score_text(int v, char *buf, size_t len)
{
	if (v >= 0)
		snprintf(buf, len, "%d", v);
	else
		snprintf(buf, len, "-");
}

void history_header(struct sbuf *out)
{
	sbuf_printf(out, "WHEN\tROUTINE\tTOOK\tSTEPS\tENDED\tTENSION\n");
}

void history_line(const struct run_record *r, bool brief, struct sbuf *out)
{
	char when[64], took[32], b[16], a[16];
	char name[ROUTINE_NAME_MAX + 1];

	run_local_time(r, when, sizeof(when));
	duration_clock((unsigned)((r->actual_ms > 0 ? r->actual_ms : 0) / 1000), took, sizeof(took));
	score_text(r->before, b, sizeof(b));
	score_text(r->after, a, sizeof(a));
	text_sanitize(r->name, name, sizeof(name));
	sbuf_printf(out, "%s\t%s\t%s\t%u/%u", when, name, took, r->done, r->holds);
	if (r->skipped && !brief)
		sbuf_printf(out, " (%u skipped)", r->skipped);
	sbuf_printf(out, "\t%s%s\t", run_end_name(r->end), r->resumed_from ? ", resumed" : "");
	if (r->before >= 0 || r->after >= 0)
		sbuf_printf(out, brief ? "%s->%s" : "%s -> %s", b, a);
	else
		sbuf_printf(out, "-");
	sbuf_put(out, "\n", 1);
}

void history_stacked(const struct run_record *r, size_t width, struct sbuf *out)
{
	char when[64], took[32], name[ROUTINE_NAME_MAX + 1];
	struct sbuf line = {0};

	run_local_time(r, when, sizeof(when));
	duration_clock((unsigned)((r->actual_ms > 0 ? r->actual_ms : 0) / 1000), took, sizeof(took));
	text_sanitize(r->name, name, sizeof(name));
	sbuf_printf(&line, "%s  %s", when, name);
	char *w = text_wrapped_hard(line.s, width, 0, NULL);
	sbuf_printf(out, "%s", w);
	free(w);
	line.len = 0;
	sbuf_printf(&line, "%s, %u/%u steps", took, r->done, r->holds);
	if (r->skipped)
		sbuf_printf(&line, " (%u skipped)", r->skipped);
	sbuf_printf(&line, ", %s%s", run_end_name(r->end), r->resumed_from ? ", resumed" : "");
	if (r->before >= 0 || r->after >= 0) {
		char b[16] = "-", a[16] = "-";
		if (r->before >= 0)
			snprintf(b, sizeof(b), "%d", r->before);
		if (r->after >= 0)
			snprintf(a, sizeof(a), "%d", r->after);
		sbuf_printf(&line, "\ntension %s -> %s", b, a);
	}
	w = text_wrapped_hard(line.s, width, 2, NULL);
	sbuf_printf(out, "%s", w);
	free(w);
	free(line.s);
}

static void json_int_or_null(struct sbuf *out, long long v, bool present)
{
	if (present)
		sbuf_printf(out, "%lld", v);
	else
		sbuf_printf(out, "null");
}

void history_json(const struct run_record *r, struct sbuf *out)
{
	char utc[64], local[64];
	char *name = json_quoted(r->name), *title = json_quoted(r->title);

	rfc3339_at(r->started, 0, utc, sizeof(utc));
	rfc3339_at(r->started, r->utc_offset, local, sizeof(local));
	sbuf_printf(out,
		    "{\"id\":%lld,\"started\":\"%s\",\"local\":\"%s\",\"utc_offset\":%d,"
		    "\"routine\":%s,\"title\":%s,\"nominal_s\":%u,\"actual_s\":%.3f,"
		    "\"holds\":%u,\"done\":%u,\"skipped\":%u,\"ended\":\"%s\","
		    "\"segment\":%u,\"segments\":%u,\"tension_before\":",
		    r->id, utc, local, r->utc_offset, name, title, r->nominal_s,
		    (double)r->actual_ms / 1000.0, r->holds, r->done, r->skipped,
		    run_end_name(r->end), r->segment, r->segments);
	json_int_or_null(out, r->before, r->before >= 0);
	sbuf_printf(out, ",\"tension_after\":");
	json_int_or_null(out, r->after, r->after >= 0);
	sbuf_printf(out, ",\"resumed_from\":");
	json_int_or_null(out, r->resumed_from, r->resumed_from > 0);
	sbuf_printf(out, "}");
	free(name);
	free(title);
}

void csv_field(struct sbuf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && *s != '\0') {
		sbuf_printf(out, "%s", s);
		return;
	}
	sbuf_put(out, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sbuf_put(out, "\"", 1);
		sbuf_put(out, p, 1);
	}
	sbuf_put(out, "\"", 1);
}

void history_csv_header(struct sbuf *out)
{
	sbuf_printf(out, "id,started,local,utc_offset,routine,title,nominal_s,actual_s,holds,done,"
			 "skipped,ended,segment,segments,tension_before,tension_after,"
			 "resumed_from\r\n");
}

void history_csv(const struct run_record *r, struct sbuf *out)
{
	char utc[64], local[64], b[16] = "", a[16] = "", from[24] = "";

	rfc3339_at(r->started, 0, utc, sizeof(utc));
	rfc3339_at(r->started, r->utc_offset, local, sizeof(local));
	if (r->before >= 0)
		snprintf(b, sizeof(b), "%d", r->before);
	if (r->after >= 0)
		snprintf(a, sizeof(a), "%d", r->after);
	if (r->resumed_from > 0)
		snprintf(from, sizeof(from), "%lld", r->resumed_from);
	sbuf_printf(out, "%lld,%s,%s,%d,", r->id, utc, local, r->utc_offset);
	csv_field(out, r->name);
	sbuf_put(out, ",", 1);
	csv_field(out, r->title);
	sbuf_printf(out, ",%u,%.3f,%u,%u,%u,%s,%u,%u,%s,%s,%s\r\n", r->nominal_s,
		    (double)r->actual_ms / 1000.0, r->holds, r->done, r->skipped,
		    run_end_name(r->end), r->segment, r->segments, b, a, from);
}
