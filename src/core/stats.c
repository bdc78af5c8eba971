/* The history's figures: streaks, weeks, minutes and tension, as text,
 * a calendar and JSON. Pure: the runs and the time come as arguments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "history.h"
#include "text.h"

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

