/* Reminders as crontab lines: quoting a command so that cron and sh hand
 * it back byte for byte, the lines of an entry, and finding, checking and
 * rewriting selfcare's marked block in a crontab, the rest kept byte for
 * byte. Pure: the crontab's text comes in and goes out as strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schedule.h"
#include "text.h"
#include "util.h"

/* Single-quote for sh, with no % left for cron. cron cuts a command at
 * its first % (the rest is standard input), and its one escape, \%, cannot
 * follow a value's own backslash: "\\%" is an escaped backslash, then a %
 * that cuts. So a % is never written at all: the shell makes it, from
 * printf's octal escape, outside the quotes ('"$(printf '\045')"').
 * Every other byte reaches the shell as it is (cron keeps a backslash and
 * the byte after it) and the shell hands it back byte for byte. */
static char *cron_quote(const char *s, char *err, size_t len)
{
	static const char quote[] = "'\\''", percent[] = "'\"$(printf '\\045')\"'";
	size_t n = strlen(s);
	char *out = xmalloc(n * (sizeof(percent) - 1) + 3), *o = out;

	if (text_has_control(s, false) || strchr(s, '\t')) {
		snprintf(err, len, "a path for the crontab contains a control character");
		free(out);
		return NULL;
	}
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, quote, sizeof(quote) - 1);
			o += sizeof(quote) - 1;
		} else if (*p == '%') {
			memcpy(o, percent, sizeof(percent) - 1);
			o += sizeof(percent) - 1;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

/* The start of an entry's command line, up to the command:
 * "30 8 * * 1,2,3,4,5 ". */
static char *cron_when(const struct entry_spec *e, char *buf, size_t len)
{
	char dow[32] = "*";
	size_t o = 0;

	if ((e->days & DAYS_ALL) != DAYS_ALL)
		for (int i = 0; i < 7; i++) /* cron: 0 is Sunday */
			if (e->days & (1u << i))
				o += (size_t)snprintf(dow + o, sizeof(dow) - o, "%s%d", o ? "," : "",
						      (i + 1) % 7);
	snprintf(buf, len, "%u %u * * %s ", e->minute, e->hour, dow);
	return buf;
}

char *schedule_cron_lines(const struct entry_spec *e, const char *exe, const char *runtime_dir,
			  char *err, size_t len)
{
	return schedule_cron_lines_env(e, exe, runtime_dir, NULL, err, len);
}

char *schedule_cron_lines_env(const struct entry_spec *e, const char *exe,
			      const char *runtime_dir, const char *const *vars, char *err,
			      size_t len)
{
	char mark[160], when[64];
	struct sbuf env = {0};

	if (exe[0] != '/' || runtime_dir[0] != '/') {
		snprintf(err, len, "paths in the crontab must be absolute");
		return NULL;
	}
	char *qexe = cron_quote(exe, err, len);
	char *qrun = qexe ? cron_quote(runtime_dir, err, len) : NULL;
	if (qrun == NULL) {
		free(qexe);
		return NULL;
	}
	/* Variables inline on the command: a VAR= line would leak into the
	 * user's other jobs. Only known names, only absolute paths. */
	sbuf_put(&env, "", 0);
	for (size_t i = 0; vars && vars[i] && vars[i + 1]; i += 2) {
		static const char *const allowed[] = {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
						      "XDG_STATE_HOME", "SELFCARE_TERMINAL"};
		bool ok = false;
		for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
			ok |= strcmp(vars[i], allowed[k]) == 0;
		bool path = strcmp(vars[i], "SELFCARE_TERMINAL") != 0;
		char *q = ok && (!path || vars[i + 1][0] == '/') ? cron_quote(vars[i + 1], err, len)
							       : NULL;
		if (q == NULL) {
			snprintf(err, len, "%s cannot go into the crontab", vars[i]);
			free(env.s);
			free(qexe);
			free(qrun);
			return NULL;
		}
		char *pair = xasprintf("%s=%s ", vars[i], q);
		sbuf_put(&env, pair, strlen(pair));
		free(pair);
		free(q);
	}
	/* GLib finds the session bus at $XDG_RUNTIME_DIR/bus; remind looks
	 * further when there is none. */
	/* --at: the log files a late run (cron catching up) under its own
	 * reminder. */
	char *text = xasprintf("%s\n%s%sXDG_RUNTIME_DIR=%s %s remind %s --at %02u:%02u\n",
			       schedule_mark(e, mark, sizeof(mark)), cron_when(e, when, sizeof(when)),
			       env.s, qrun, qexe, e->name, e->hour, e->minute);
	free(env.s);
	/* cron reads at most about 1000 characters of a command and drops the
	 * rest without a word: a cut line would never run. */
	if (strlen(strchr(text, '\n') + 1) > SCHEDULE_CRON_LINE_MAX) {
		snprintf(err, len, "the crontab line would be longer than cron reads (%d characters): "
			 "use shorter paths", SCHEDULE_CRON_LINE_MAX);
		free(text);
		text = NULL;
	}
	free(qexe);
	free(qrun);
	return text;
}

/* One line of a crontab: text[start, start + n), the next at next. */
struct line {
	const char *p;
	size_t n, start, next;
};

static bool line_at(const char *text, size_t off, struct line *l)
{
	if (text[off] == '\0')
		return false;
	const char *nl = strchr(text + off, '\n');
	l->p = text + off;
	l->n = nl ? (size_t)(nl - l->p) : strlen(l->p);
	l->start = off;
	l->next = off + l->n + (nl ? 1 : 0);
	return true;
}

enum line_kind { LINE_OTHER, LINE_BEGIN, LINE_END };

/* BEGIN and END lines count with trailing blanks too: an editor may have
 * added them, and a marker that no longer matched would hide the block's
 * edge and lose the lines after it. */
static enum line_kind line_kind(const struct line *l)
{
	size_t n = l->n;
	while (n && (l->p[n - 1] == ' ' || l->p[n - 1] == '\t' || l->p[n - 1] == '\r'))
		n--;
	if (n == strlen(CRON_BEGIN) && memcmp(l->p, CRON_BEGIN, n) == 0)
		return LINE_BEGIN;
	if (n == strlen(CRON_END) && memcmp(l->p, CRON_END, n) == 0)
		return LINE_END;
	return LINE_OTHER;
}

static int damaged(char *err, size_t len, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int damaged(char *err, size_t len, size_t line, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, len, "crontab line %zu: %s; repair it with 'crontab -e'", line, what);
	return -1;
}

/* Does the command line l run the reminder its marker e describes? Its
 * time fields must be e's and it must end in "remind NAME --at HH:MM" (or
 * "remind NAME", as lines written before --at do); the binary's
 * path and runtime dir between them are the writer's own. */
static bool command_matches(const struct entry_spec *e, const struct line *l)
{
	char when[64], tail[96];
	size_t w = strlen(cron_when(e, when, sizeof(when)));
	char at_tail[112];
	size_t t = (size_t)snprintf(tail, sizeof(tail), " remind %s", e->name);
	size_t ta = (size_t)snprintf(at_tail, sizeof(at_tail), " remind %s --at %02u:%02u", e->name,
				     e->hour, e->minute);

	if (l->n < w || memcmp(l->p, when, w) != 0)
		return false;
	return (l->n >= w + t && memcmp(l->p + l->n - t, tail, t) == 0) ||
	       (l->n >= w + ta && memcmp(l->p + l->n - ta, at_tail, ta) == 0);
}

/* The BEGIN and END lines: [blk->start, blk->end) and blk->body_end, or
 * no block at all. Returns the BEGIN line's number (0 for none), or -1. */
static long find_edges(const char *crontab, struct cron_block *blk, char *err, size_t len)
{
	struct line l;
	size_t no = 0, begin = 0;
	bool open = false;

	for (size_t off = 0; line_at(crontab, off, &l); off = l.next) {
		no++;
		switch (line_kind(&l)) {
		case LINE_BEGIN:
			if (open)
				return damaged(err, len, no,
					       "a second BEGIN line, but selfcare's block from line %zu "
					       "has no END line",
					       begin);
			if (blk->found)
				return damaged(err, len, no,
					       "a second selfcare block (the first starts at line %zu)",
					       begin);
			open = true;
			begin = no;
			blk->start = l.start;
			break;
		case LINE_END:
			if (!open)
				return damaged(err, len, no,
					       "the END line of selfcare's block, with no BEGIN line "
					       "before it");
			open = false;
			blk->found = true;
			blk->body_end = l.start;
			blk->end = l.next;
			break;
		case LINE_OTHER:
			break;
		}
	}
	if (open)
		return damaged(err, len, begin, "selfcare's block starts here but has no END line");
	return (long)begin;
}

int schedule_cron_parse(const char *crontab, struct cron_block *blk, char *err, size_t len)
{
	struct line l = {0};
	size_t cap = 0;

	memset(blk, 0, sizeof(*blk));
	long begin = find_edges(crontab, blk, err, len);
	if (begin < 0 || !blk->found) {
		memset(blk, 0, sizeof(*blk));
		return begin < 0 ? -1 : 0;
	}
	line_at(crontab, blk->start, &l);
	size_t no = (size_t)begin;
	struct cron_entry cur = {0};
	bool marked = false; /* cur has its marker and waits for its command */
	for (size_t off = l.next; off < blk->body_end && line_at(crontab, off, &l); off = l.next) {
		no++;
		if (marked) {
			if (!command_matches(&cur.spec, &l)) {
				damaged(err, len, no, "not the command for the reminder on line %zu",
					cur.line);
				goto fail;
			}
			cur.end = l.next;
			if (blk->count == cap) {
				cap = cap ? cap * 2 : 16;
				blk->entries = xreallocarray(blk->entries, cap, sizeof(*blk->entries));
			}
			blk->entries[blk->count++] = cur;
			marked = false;
			continue;
		}
		char mark[256];
		bool ok = l.n < sizeof(mark);
		if (ok) {
			memcpy(mark, l.p, l.n);
			mark[l.n] = '\0';
			ok = schedule_parse_mark(mark, &cur.spec) == 0;
		}
		if (!ok) {
			damaged(err, len, no, "not a selfcare reminder, inside selfcare's block");
			goto fail;
		}
		const struct cron_entry *twin = schedule_cron_find(blk, &cur.spec);
		if (twin) {
			damaged(err, len, no, "%s at %02u:%02u again (first at line %zu)",
				cur.spec.name, cur.spec.hour, cur.spec.minute, twin->line);
			goto fail;
		}
		cur.line = no;
		cur.start = l.start;
		marked = true;
	}
	if (marked) {
		damaged(err, len, cur.line, "a selfcare reminder with no command line after it");
		goto fail;
	}
	return 0;
fail:
	schedule_cron_block_release(blk);
	return -1;
}

void schedule_cron_block_release(struct cron_block *blk)
{
	free(blk->entries);
	memset(blk, 0, sizeof(*blk));
}

const struct cron_entry *schedule_cron_find(const struct cron_block *blk,
					    const struct entry_spec *slot)
{
	for (size_t i = 0; i < blk->count; i++)
		if (schedule_same_slot(&blk->entries[i].spec, slot))
			return &blk->entries[i];
	return NULL;
}

/* text with bytes [from, to) replaced by with. */
static char *splice(const char *text, size_t from, size_t to, const char *with)
{
	size_t n = strlen(text), w = strlen(with);
	char *out = xmalloc(n - (to - from) + w + 1);

	memcpy(out, text, from);
	memcpy(out + from, with, w);
	memcpy(out + from + w, text + to, n - to + 1);
	return out;
}

char *schedule_crontab_put(const char *crontab, const struct cron_block *blk,
			   const struct entry_spec *slot, const char *lines)
{
	const struct cron_entry *hit = schedule_cron_find(blk, slot);

	if (hit && lines)
		return splice(crontab, hit->start, hit->end, lines);
	if (hit && blk->count == 1) /* the last one: the block goes too */
		return splice(crontab, blk->start, blk->end, "");
	if (hit)
		return splice(crontab, hit->start, hit->end, "");
	if (lines == NULL)
		return xstrdup(crontab);
	if (!blk->found)
		return xasprintf("%s\n%s%s\n%s", CRON_BEGIN, lines, CRON_END, crontab);
	size_t at = blk->body_end;
	for (size_t i = 0; i < blk->count; i++) {
		if (schedule_entry_cmp(&blk->entries[i].spec, slot) > 0) {
			at = blk->entries[i].start;
			break;
		}
	}
	return splice(crontab, at, at, lines);
}

