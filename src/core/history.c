#include "history.h"

#include <math.h>
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

enum run_end run_end_from_status(int code)
{
	switch (code) {
	case 0: return RUN_COMPLETED;
	case 3: return RUN_QUIT;
	case 128 + 1: return RUN_SIGHUP;
	case 128 + 2: return RUN_SIGINT;
	case 128 + 3: return RUN_SIGQUIT;
	case 128 + 15: return RUN_SIGTERM;
	default: return RUN_FAILED;
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

static void day_string(long long day, char *buf, size_t len)
{
	int y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02u-%02u", y, m, d);
}

/* --- stats ------------------------------------------------------------- */

bool run_counts(const struct run_record *r)
{
	return r->done > 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static int cmp_routine(const void *a, const void *b)
{
	const struct routine_stats *x = a, *y = b;
	if (x->runs != y->runs)
		return x->runs > y->runs ? -1 : 1;
	return strcmp(x->name, y->name);
}

static struct routine_stats *routine_slot(struct stats *s, const char *name, size_t *cap)
{
	for (size_t i = 0; i < s->routines_count; i++)
		if (strcmp(s->routines[i].name, name) == 0)
			return &s->routines[i];
	if (s->routines_count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		s->routines = xreallocarray(s->routines, *cap, sizeof(*s->routines));
	}
	struct routine_stats *rs = &s->routines[s->routines_count++];
	memset(rs, 0, sizeof(*rs));
	snprintf(rs->name, sizeof(rs->name), "%s", name);
	return rs;
}

/* Only runs with both scores count, so that before, after and the change
 * are over the same runs. Sums become averages at the end. */
static void scores_add(const struct run_record *r, struct tension *t)
{
	if (r->before < 0 || r->after < 0)
		return;
	t->pairs++;
	t->before += r->before;
	t->after += r->after;
}

static void scores_average(struct tension *t)
{
	if (t->pairs) {
		t->before /= t->pairs;
		t->after /= t->pairs;
	}
	t->change = t->after - t->before;
}

void stats_compute(const struct run_record *runs, size_t n, long long now, int now_offset,
		   struct stats *out)
{
	memset(out, 0, sizeof(*out));
	out->today = local_day(now, now_offset);
	long long monday = out->today - weekday(out->today);
	long long first = monday - 7 * (HISTORY_WEEKS - 1);
	for (unsigned w = 0; w < HISTORY_WEEKS; w++)
		out->weeks[w].monday = first + 7 * w;

	long long *days = n ? xmalloc(n * sizeof(*days)) : NULL;
	size_t ndays = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct run_record *r = &runs[i];
		long long ms = r->actual_ms > 0 ? r->actual_ms : 0;
		out->runs++;
		out->ms += ms;
		out->completed += r->end == RUN_COMPLETED;
		scores_add(r, &out->tension);
		struct routine_stats *rs = routine_slot(out, r->name, &cap);
		rs->runs++;
		rs->completed += r->end == RUN_COMPLETED;
		rs->ms += ms;
		scores_add(r, &rs->tension);
		/* A run begun "tomorrow" (in a zone ahead of this one) is today's. */
		long long day = local_day(r->started, r->utc_offset);
		if (day > out->today)
			day = out->today;
		if (day >= first) {
			out->day_ms[day - first] += ms;
			out->weeks[(day - first) / 7].sessions++;
			out->weeks[(day - first) / 7].ms += ms;
		}
		if (run_counts(r))
			days[ndays++] = day;
	}
	scores_average(&out->tension);
	for (size_t i = 0; i < out->routines_count; i++)
		scores_average(&out->routines[i].tension);
	if (out->routines_count > 1)
		qsort(out->routines, out->routines_count, sizeof(*out->routines), cmp_routine);

	/* Streaks over the distinct days, in order. */
	if (ndays > 1)
		qsort(days, ndays, sizeof(*days), cmp_ll);
	unsigned run = 0;
	for (size_t i = 0; i < ndays; i++) {
		if (i > 0 && days[i] == days[i - 1])
			continue;
		run = (i > 0 && days[i] == days[i - 1] + 1) ? run + 1 : 1;
		if (run >= out->longest_streak) {
			out->longest_streak = run;
			out->longest_end = days[i];
		}
	}
	/* The current streak ends today, or yesterday while today is young. */
	long long want = out->today;
	size_t i = ndays;
	while (i > 0 && days[i - 1] > want)
		i--;
	if (i > 0 && days[i - 1] < want)
		want--;
	for (; i > 0; i--) {
		if (days[i - 1] == want + 1)
			continue; /* the same day again */
		if (days[i - 1] != want)
			break;
		out->current_streak++;
		want--;
	}
	free(days);
}

void stats_release(struct stats *s)
{
	free(s->routines);
	s->routines = NULL;
	s->routines_count = 0;
}

static unsigned level(long long ms)
{
	long long min = ms / 60000;
	if (ms <= 0)
		return 0;
	return min < 5 ? 1 : min < 10 ? 2 : min < 20 ? 3 : 4;
}

static const char *const shade_utf8[] = {"·", "░", "▒", "▓", "█"};
static const char *const shade_ascii[] = {".", "-", "+", "*", "#"};
static const char *const shade_color[] = {"\033[2m", "\033[38;5;22m", "\033[38;5;28m",
					  "\033[38;5;34m", "\033[38;5;40m"};
static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const day_abbr[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void stats_calendar(const struct stats *s, bool utf8, bool color, unsigned width,
		    struct sbuf *out)
{
	const char *const *shade = utf8 ? shade_utf8 : shade_ascii;
	long long first = s->weeks[0].monday;
	char months[4 + HISTORY_WEEKS * 2 + 4];

	/* The months: named over the week their first day falls in (or the
	 * first week), when the name fits before the next. */
	memset(months, ' ', sizeof(months));
	int last_end = -1;
	for (unsigned w = 0; w < HISTORY_WEEKS; w++) {
		int y;
		unsigned m, d, m_end, d_end;
		civil_from_days(first + 7 * w, &y, &m, &d);
		civil_from_days(first + 7 * w + 6, &y, &m_end, &d_end);
		/* The week a month's 1st falls in; the first week, its own. */
		unsigned name = (d == 1 || d_end < d) ? m_end : w == 0 ? m : 0;
		if (!name)
			continue;
		int col = 4 + (int)w * 2;
		if (col <= last_end)
			continue;
		memcpy(months + col, month_abbr[name - 1], 3);
		last_end = col + 3;
	}
	size_t mlen = sizeof(months);
	while (mlen > 0 && months[mlen - 1] == ' ')
		mlen--;
	sbuf_put(out, months, mlen);
	sbuf_put(out, "\n", 1);

	for (unsigned wd = 0; wd < 7; wd++) {
		sbuf_printf(out, "%s ", day_abbr[wd]);
		for (unsigned w = 0; w < HISTORY_WEEKS; w++) {
			long long day = first + 7 * w + wd;
			if (day > s->today)
				break;
			unsigned lv = level(s->day_ms[7 * w + wd]);
			if (color)
				sbuf_printf(out, "%s%s\033[0m", shade_color[lv], shade[lv]);
			else
				sbuf_printf(out, "%s", shade[lv]);
			if (w + 1 < HISTORY_WEEKS && day + 7 <= s->today)
				sbuf_put(out, " ", 1);
		}
		sbuf_put(out, "\n", 1);
	}
	/* The legend, on as many lines as the width needs. */
	static const char *const legend[] = {"none", "under 5 min", "5-10", "10-20", "20+ min"};
	size_t col = 2;
	sbuf_put(out, "  ", 2);
	for (unsigned lv = 0; lv < 5; lv++) {
		size_t need = 2 + 2 + strlen(legend[lv]);
		if (lv > 0 && col + need > width) {
			sbuf_put(out, "\n  ", 3);
			col = 2;
		}
		sbuf_printf(out, "  %s%s%s %s", color ? shade_color[lv] : "", shade[lv],
			    color ? "\033[0m" : "", legend[lv]);
		col += need;
	}
	sbuf_put(out, "\n", 1);
}

static void minutes_text(long long ms, char *buf, size_t len)
{
	long long min = (ms + 30000) / 60000;
	if (min >= 60)
		snprintf(buf, len, "%lld h %lld min", min / 60, min % 60);
	else
		snprintf(buf, len, "%lld min", min);
}

static void tension_text(const struct tension *t, const char *arrow, char *buf, size_t len)
{
	if (t->pairs)
		snprintf(buf, len, "%.1f %s %.1f (%+.1f, %u %s)", t->before, arrow, t->after,
			 t->change, t->pairs, t->pairs == 1 ? "run" : "runs");
	else
		snprintf(buf, len, "-");
}

static const char *plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void stats_text(const struct stats *s, bool utf8, bool color, unsigned width, struct sbuf *out)
{
	char buf[64], day[16], line[128];
	const char *arrow = utf8 ? "→" : "->";

	if (width == 0)
		width = UINT32_MAX;
	if (s->runs == 0) {
		sbuf_printf(out, "No runs recorded yet: play one with 'selfcare run NAME'.\n");
		return;
	}
	minutes_text(s->ms, buf, sizeof(buf));
	sbuf_printf(out, "Runs: %u (%u completed), %s in all\n", s->runs, s->completed, buf);
	sbuf_printf(out, "Current streak: %u %s\n", s->current_streak,
		    plural(s->current_streak, "day", "days"));
	if (s->longest_streak) {
		day_string(s->longest_end, day, sizeof(day));
		sbuf_printf(out, "Longest streak: %u %s, to %s\n", s->longest_streak,
			    plural(s->longest_streak, "day", "days"), day);
	}
	tension_text(&s->tension, arrow, line, sizeof(line));
	sbuf_printf(out, "Tension before %s after:%s%s\n\n", arrow,
		    text_width(line) + 25 > width ? "\n  " : " ", line);

	sbuf_printf(out, "%-12s %8s %8s\n", "Week of", "sessions", "minutes");
	for (unsigned w = 0; w < HISTORY_WEEKS; w++) {
		day_string(s->weeks[w].monday, day, sizeof(day));
		sbuf_printf(out, "%-12s %8u %8lld\n", day, s->weeks[w].sessions,
			    (s->weeks[w].ms + 30000) / 60000);
	}
	sbuf_put(out, "\n", 1);

	/* Each routine: a table where it fits, else a few lines each. */
	size_t w = 7, widest = 0;
	for (size_t i = 0; i < s->routines_count; i++) {
		if (strlen(s->routines[i].name) > w)
			w = strlen(s->routines[i].name);
		tension_text(&s->routines[i].tension, arrow, line, sizeof(line));
		if (text_width(line) > widest)
			widest = text_width(line);
	}
	if (widest < 24)
		widest = 24;
	bool table = w + 16 + widest <= width;
	if (table)
		sbuf_printf(out, "%-*s %5s %8s  tension before %s after\n", (int)w, "Routine",
			    "runs", "minutes", arrow);
	for (size_t i = 0; i < s->routines_count; i++) {
		const struct routine_stats *r = &s->routines[i];
		tension_text(&r->tension, arrow, line, sizeof(line));
		if (table)
			sbuf_printf(out, "%-*s %5u %8lld  %s\n", (int)w, r->name, r->runs,
				    (r->ms + 30000) / 60000, line);
		else
			sbuf_printf(out, "%s: %u %s, %lld min\n  tension %s\n", r->name, r->runs,
				    plural(r->runs, "run", "runs"), (r->ms + 30000) / 60000, line);
	}
	sbuf_printf(out, "\nThe last %u weeks:\n", HISTORY_WEEKS);
	stats_calendar(s, utf8, color, width, out);
}

static void json_score(struct sbuf *out, unsigned n, double v)
{
	if (n)
		sbuf_printf(out, "%.2f", v);
	else
		sbuf_printf(out, "null");
}

/* "KEYbefore":x,"KEYafter":y,"KEYchange":z,"KEYruns":n; null with no runs
 * scored both. */
static void json_scores(struct sbuf *out, const char *key, const struct tension *t)
{
	sbuf_printf(out, "\"%sbefore\":", key);
	json_score(out, t->pairs, t->before);
	sbuf_printf(out, ",\"%safter\":", key);
	json_score(out, t->pairs, t->after);
	sbuf_printf(out, ",\"%schange\":", key);
	json_score(out, t->pairs, t->change);
	sbuf_printf(out, ",\"%sruns\":%u", key, t->pairs);
}

void stats_json(const struct stats *s, struct sbuf *out)
{
	char day[16];

	day_string(s->today, day, sizeof(day));
	sbuf_printf(out, "{\"today\":\"%s\",\"runs\":%u,\"completed\":%u,\"minutes\":%.1f,", day,
		    s->runs, s->completed, (double)s->ms / 60000.0);
	sbuf_printf(out, "\"streak\":{\"current\":%u,\"longest\":%u,\"longest_end\":",
		    s->current_streak, s->longest_streak);
	if (s->longest_streak) {
		day_string(s->longest_end, day, sizeof(day));
		sbuf_printf(out, "\"%s\"},", day);
	} else {
		sbuf_printf(out, "null},");
	}
	sbuf_printf(out, "\"tension\":{");
	json_scores(out, "", &s->tension);
	sbuf_printf(out, "},\"weeks\":[");
	for (unsigned w = 0; w < HISTORY_WEEKS; w++) {
		day_string(s->weeks[w].monday, day, sizeof(day));
		sbuf_printf(out, "%s{\"week\":\"%s\",\"sessions\":%u,\"minutes\":%.1f}", w ? "," : "",
			    day, s->weeks[w].sessions, (double)s->weeks[w].ms / 60000.0);
	}
	sbuf_printf(out, "],\"routines\":[");
	for (size_t i = 0; i < s->routines_count; i++) {
		const struct routine_stats *r = &s->routines[i];
		char *name = json_quoted(r->name);
		sbuf_printf(out, "%s{\"name\":%s,\"runs\":%u,\"completed\":%u,\"minutes\":%.1f,",
			    i ? "," : "", name, r->runs, r->completed, (double)r->ms / 60000.0);
		free(name);
		json_scores(out, "tension_", &r->tension);
		sbuf_printf(out, "}");
	}
	sbuf_printf(out, "],\"calendar\":[");
	bool any = false;
	for (unsigned i = 0; i < HISTORY_WEEKS * 7; i++) {
		if (s->day_ms[i] <= 0)
			continue;
		day_string(s->weeks[0].monday + i, day, sizeof(day));
		sbuf_printf(out, "%s{\"date\":\"%s\",\"minutes\":%.1f}", any ? "," : "", day,
			    (double)s->day_ms[i] / 60000.0);
		any = true;
	}
	sbuf_printf(out, "]}\n");
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
