#include "duration.h"

#include <stdio.h>
#include <string.h>

int duration_parse(const char *text, unsigned *seconds, char *err, size_t errlen)
{
	static const char units[] = "hms";
	static const unsigned scale[] = {3600, 60, 1};
	const char *p = text;
	unsigned long total = 0;
	int last = -1; /* index in units of the last unit seen */

	if (text == NULL || *text == '\0') {
		snprintf(err, errlen, "empty duration");
		return -1;
	}
	while (*p != '\0') {
		unsigned long value = 0;
		int digits = 0;

		if (*p < '0' || *p > '9') {
			snprintf(err, errlen, "invalid duration '%s' (use 90, 90s, 1m30s or 2m)", text);
			return -1;
		}
		while (*p >= '0' && *p <= '9') {
			if (++digits > 6) {
				snprintf(err, errlen, "duration '%s' is too long", text);
				return -1;
			}
			value = value * 10 + (unsigned long)(*p - '0');
			p++;
		}
		if (*p == '\0') {
			/* A bare number is seconds, but only on its own. */
			if (last != -1) {
				snprintf(err, errlen, "invalid duration '%s': a number after a unit needs its own unit", text);
				return -1;
			}
			total = value;
			break;
		}
		const char *u = strchr(units, *p);
		if (u == NULL) {
			snprintf(err, errlen, "invalid duration '%s' (use 90, 90s, 1m30s or 2m)", text);
			return -1;
		}
		int idx = (int)(u - units);
		if (idx <= last) {
			snprintf(err, errlen, "invalid duration '%s': units go in h, m, s order, once each", text);
			return -1;
		}
		if (last != -1 && value >= 60) {
			snprintf(err, errlen, "invalid duration '%s': %c must be under 60 after a larger unit", text, *p);
			return -1;
		}
		total += value * scale[idx];
		last = idx;
		p++;
	}
	if (total > 1000000UL) {
		snprintf(err, errlen, "duration '%s' is too long", text);
		return -1;
	}
	*seconds = (unsigned)total;
	return 0;
}

char *duration_clock(unsigned s, char *buf, size_t len)
{
	if (s >= 3600)
		snprintf(buf, len, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%u:%02u", s / 60, s % 60);
	return buf;
}

/* Append v and a unit letter; no printf, as list formats one per row. */
static size_t put_unit(char *buf, size_t n, size_t len, unsigned v, char unit)
{
	char digits[12];
	size_t k = 0;

	do
		digits[k++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (k > 0 && n + 2 < len)
		buf[n++] = digits[--k];
	if (n + 1 < len)
		buf[n++] = unit;
	buf[n] = '\0';
	return n;
}

char *duration_format(unsigned s, char *buf, size_t len)
{
	unsigned h = s / 3600, m = s / 60 % 60, sec = s % 60;
	size_t n = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (h)
		n = put_unit(buf, n, len, h, 'h');
	if (m)
		n = put_unit(buf, n, len, m, 'm');
	if (sec || s == 0)
		put_unit(buf, n, len, sec, 's');
	return buf;
}
