#include "schedule.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_titles[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* The XDG spec: a relative path in an XDG_* variable is invalid and must
 * be ignored. */
static bool xdg_usable(const char *v)
{
	return v && v[0] == '/';
}

int schedule_paths(const struct sched_env *env, struct sched_paths *out, char *err, size_t len)
{
	char clean[128];

	memset(out, 0, sizeof(*out));
	if (env->home == NULL || env->home[0] == '\0') {
		snprintf(err, len, "HOME is not set: it must be your home directory's absolute path");
		return -1;
	}
	if (env->home[0] != '/') {
		snprintf(err, len, "HOME is '%s', not an absolute path",
			 text_sanitize(env->home, clean, sizeof(clean)));
		return -1;
	}
	if (xdg_usable(env->xdg_config_home))
		out->unit_dir = xasprintf("%s/systemd/user", env->xdg_config_home);
	else
		out->unit_dir = xasprintf("%s/.config/systemd/user", env->home);
	/* GLib finds the session bus at $XDG_RUNTIME_DIR/bus. */
	if (xdg_usable(env->xdg_runtime_dir))
		out->runtime_dir = xstrdup(env->xdg_runtime_dir);
	else
		out->runtime_dir = xasprintf("/run/user/%u", env->uid);
	if (xdg_usable(env->xdg_state_home))
		out->state_dir = xasprintf("%s/selfcare", env->xdg_state_home);
	else
		out->state_dir = xasprintf("%s/.local/state/selfcare", env->home);
	/* The crontab is the uid's, whatever the environment says: so is the
	 * lock. Every selfcare of this user must find the same file, with
	 * any HOME or XDG_STATE_HOME, so it lives in the home of the passwd
	 * entry, not in the runtime dir (unset or missing under cron, su,
	 * containers without logind) nor in the state dir. */
	if (xdg_usable(env->passwd_home))
		out->lock_dir = xasprintf("%s/.local/state/selfcare", env->passwd_home);
	else
		out->lock_dir = xstrdup(out->state_dir);
	out->lock_file = xasprintf("%s/schedule.lock", out->lock_dir);
	return 0;
}

void schedule_paths_release(struct sched_paths *p)
{
	free(p->unit_dir);
	free(p->runtime_dir);
	free(p->state_dir);
	free(p->lock_dir);
	free(p->lock_file);
	memset(p, 0, sizeof(*p));
}

int schedule_parse_time(const char *s, unsigned *hour, unsigned *minute, char *err, size_t len)
{
	char clean[64];
	size_t n = strlen(s);
	/* H:MM or HH:MM: the hour may drop its leading zero, the minutes never. */
	const char *colon = n == 4 || n == 5 ? s + n - 3 : NULL;

	if (colon && *colon == ':') {
		bool digits = true;
		for (const char *p = s; *p; p++)
			if (p != colon && (*p < '0' || *p > '9'))
				digits = false;
		if (digits) {
			unsigned h = 0;
			for (const char *p = s; p < colon; p++)
				h = h * 10 + (unsigned)(*p - '0');
			unsigned m = (unsigned)(colon[1] - '0') * 10 + (unsigned)(colon[2] - '0');
			if (h < 24 && m < 60) {
				*hour = h;
				*minute = m;
				return 0;
			}
		}
	}
	snprintf(err, len, "invalid time '%s' (use HH:MM on a 24-hour clock, such as 08:30)",
		 text_sanitize(s, clean, sizeof(clean)));
	return -1;
}

static int day_index(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && strncasecmp(s, day_names[i], 3) == 0)
			return i;
	return -1;
}

int schedule_parse_days(const char *s, unsigned *days, char *err, size_t len)
{
	char clean[64];
	unsigned mask = 0;
	const char *p = s;

	text_sanitize(s, clean, sizeof(clean));
	if (*s == '\0') {
		snprintf(err, len, "no days given (use daily, weekdays, weekends, mon,wed,fri or mon-fri)");
		return -1;
	}
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *dash = memchr(p, '-', n);

		if (n == 5 && strncasecmp(p, "daily", 5) == 0) {
			mask |= DAYS_ALL;
		} else if (n == 8 && strncasecmp(p, "weekdays", 8) == 0) {
			mask |= 0x1F;
		} else if (n == 8 && strncasecmp(p, "weekends", 8) == 0) {
			mask |= 0x60;
		} else if (dash) {
			int a = day_index(p, (size_t)(dash - p));
			int b = day_index(dash + 1, n - (size_t)(dash - p) - 1);
			if (a < 0 || b < 0)
				goto bad;
			/* A range may wrap round the week: sat-mon. */
			for (int i = a;; i = (i + 1) % 7) {
				mask |= 1u << i;
				if (i == b)
					break;
			}
		} else {
			int a = day_index(p, n);
			if (a < 0)
				goto bad;
			mask |= 1u << a;
		}
		if (!comma)
			break;
		p = comma + 1;
		if (*p == '\0')
			goto bad;
	}
	*days = mask;
	return 0;
bad:
	snprintf(err, len,
		 "invalid days '%s' (use daily, weekdays, weekends, or day names such as "
		 "mon,wed,fri or mon-fri)",
		 clean);
	return -1;
}

/* The next run of consecutive days in mask at or after *i: its first day
 * is returned and *i moves past its last; -1 when there is none. */
static int next_run(unsigned mask, int *i, int *last)
{
	while (*i < 7 && !(mask & (1u << *i)))
		(*i)++;
	if (*i >= 7)
		return -1;
	int first = *i;
	while (*i + 1 < 7 && (mask & (1u << (*i + 1))))
		(*i)++;
	*last = *i;
	(*i)++;
	return first;
}

char *schedule_days_format(unsigned days, char *buf, size_t len)
{
	size_t o = 0;

	days &= DAYS_ALL;
	if (days == DAYS_ALL)
		return snprintf(buf, len, "daily"), buf;
	if (days == 0x1F)
		return snprintf(buf, len, "weekdays"), buf;
	if (days == 0x60)
		return snprintf(buf, len, "weekends"), buf;
	buf[0] = '\0';
	for (int i = 0, first, last; (first = next_run(days, &i, &last)) >= 0;) {
		if (o)
			o += (size_t)snprintf(buf + o, len - o, ",");
		if (last - first >= 2)
			o += (size_t)snprintf(buf + o, len - o, "%s-%s", day_names[first], day_names[last]);
		else if (last == first + 1)
			o += (size_t)snprintf(buf + o, len - o, "%s,%s", day_names[first], day_names[last]);
		else
			o += (size_t)snprintf(buf + o, len - o, "%s", day_names[first]);
	}
	return buf;
}

bool schedule_same_slot(const struct entry_spec *a, const struct entry_spec *b)
{
	return strcmp(a->name, b->name) == 0 && a->hour == b->hour && a->minute == b->minute;
}

int schedule_entry_cmp(const void *a, const void *b)
{
	const struct entry_spec *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (int)(x->hour * 60 + x->minute) - (int)(y->hour * 60 + y->minute);
}

char *schedule_unit_base(const struct entry_spec *e, char *buf, size_t len)
{
	snprintf(buf, len, "selfcare-%s-%02u%02u", e->name, e->hour, e->minute);
	return buf;
}

char *schedule_mark(const struct entry_spec *e, char *buf, size_t len)
{
	char days[64];
	snprintf(buf, len, SCHEDULE_MARK "%s %02u:%02u %s", e->name, e->hour, e->minute,
		 schedule_days_format(e->days, days, sizeof(days)));
	return buf;
}

int schedule_parse_mark(const char *line, struct entry_spec *e)
{
	char name[80], at[16], days[64], err[160];
	char tail;
	size_t n = strlen(SCHEDULE_MARK);

	if (strncmp(line, SCHEDULE_MARK, n) != 0)
		return -1;
	if (sscanf(line + n, "%79s %15s %63s%c", name, at, days, &tail) < 3)
		return -1;
	if (!routine_name_valid(name) || schedule_parse_time(at, &e->hour, &e->minute, err, sizeof(err)) ||
	    schedule_parse_days(days, &e->days, err, sizeof(err)))
		return -1;
	memcpy(e->name, name, strlen(name) + 1); /* the name rule bounds it */
	return 0;
}

char *schedule_oncalendar(const struct entry_spec *e, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	if ((e->days & DAYS_ALL) != DAYS_ALL) {
		for (int i = 0, first, last; (first = next_run(e->days, &i, &last)) >= 0;) {
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? "," : "", day_titles[first]);
			if (last > first)
				o += (size_t)snprintf(buf + o, len - o, "..%s", day_titles[last]);
		}
		o += (size_t)snprintf(buf + o, len - o, " ");
	}
	snprintf(buf + o, len - o, "*-*-* %02u:%02u:00", e->hour, e->minute);
	return buf;
}

char *schedule_timer_unit(const struct entry_spec *e)
{
	char mark[160], cal[96], days[64], base[96];

	return xasprintf("%s\n"
			 "# Written by 'selfcare schedule add'; remove it with\n"
			 "# 'selfcare schedule remove %s --at %02u:%02u'.\n"
			 "[Unit]\n"
			 "Description=selfcare reminder: %s at %02u:%02u, %s\n"
			 "\n"
			 "[Timer]\n"
			 "OnCalendar=%s\n"
			 "Persistent=true\n"
			 "Unit=%s.service\n"
			 "\n"
			 "[Install]\n"
			 "WantedBy=timers.target\n",
			 schedule_mark(e, mark, sizeof(mark)), e->name, e->hour, e->minute, e->name,
			 e->hour, e->minute, schedule_days_format(e->days, days, sizeof(days)),
			 schedule_oncalendar(e, cal, sizeof(cal)),
			 schedule_unit_base(e, base, sizeof(base)));
}

/* A path for systemd's ExecStart: quoted, with %, $, \ and " escaped.
 * Control characters cannot be written at all. */
static char *systemd_quote(const char *s, char *err, size_t len)
{
	size_t n = strlen(s);
	char *out = xmalloc(n * 2 + 3), *o = out;

	if (text_has_control(s, false) || strchr(s, '\t')) {
		snprintf(err, len, "the path of selfcare contains a control character");
		free(out);
		return NULL;
	}
	*o++ = '"';
	for (const char *p = s; *p; p++) {
		if (*p == '%' || *p == '$')
			*o++ = *p; /* %% and $$ */
		else if (*p == '\\' || *p == '"')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

char *schedule_service_unit(const struct entry_spec *e, const char *exe, char *err, size_t len)
{
	char mark[160];

	if (exe[0] != '/') {
		snprintf(err, len, "the path of selfcare is not absolute");
		return NULL;
	}
	char *q = systemd_quote(exe, err, len);
	if (q == NULL)
		return NULL;
	/* No dependency on graphical-session.target: many window managers
	 * never start it. The user manager provides the session bus. */
	char *text = xasprintf("%s\n"
			       "# Written by 'selfcare schedule add'.\n"
			       "[Unit]\n"
			       "Description=selfcare reminder: %s\n"
			       "\n"
			       "[Service]\n"
			       "Type=oneshot\n"
			       /* Start's terminal outlives remind: not killed with it. */
			       "KillMode=process\n"
			       "ExecStart=%s remind %s --at %02u:%02u\n",
			       schedule_mark(e, mark, sizeof(mark)), e->name, q, e->name, e->hour,
			       e->minute);
	free(q);
	return text;
}

int schedule_next_days(const struct entry_spec *e, int wday, int hour, int minute, int second)
{
	int now_s = hour * 3600 + minute * 60 + second;
	int at_s = (int)(e->hour * 3600 + e->minute * 60);

	for (int d = 0; d <= 7; d++) {
		int w = (wday + d) % 7;        /* struct tm: 0 Sunday */
		int bit = (w + 6) % 7;         /* ours: 0 Monday */
		if (!(e->days & (1u << bit)))
			continue;
		if (d == 0 && at_s <= now_s)
			continue;
		return d;
	}
	return -1; /* no days at all */
}
