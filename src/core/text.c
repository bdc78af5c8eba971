#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Decode one UTF-8 sequence; returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		      (s[2] & 0x3F);
		return *cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF) ? 3 : 0;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
	}
	return 0;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

bool text_has_control(const char *s, bool newline_ok)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII: the common case */
			p++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0)
			return true;
		if (is_control(cp) && !(cp == '\t') && !(newline_ok && cp == '\n'))
			return true;
		p += n;
	}
	return false;
}

bool text_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

char *text_sanitize(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	if (outlen == 0)
		return out;
	while (*p) {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0) {
			if (o + 1 >= outlen)
				break;
			out[o++] = '?';
			p++;
			continue;
		}
		if (cp == '\t' || cp == '\n') {
			if (o + 1 >= outlen)
				break;
			out[o++] = ' ';
		} else if (!is_control(cp)) {
			if (o + n >= outlen)
				break;
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
	return out;
}

char *text_sanitize_dup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *out = xmalloc(len);
	return text_sanitize(s, out, len);
}

size_t text_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			w++;
	return w;
}

char *text_clip(const char *s, unsigned cols, char *out, size_t len)
{
	size_t o = 0;
	unsigned w = 0;

	for (const char *p = s; *p && o + 1 < len; p++) {
		if ((*p & 0xC0) != 0x80 && w++ == cols)
			break;
		out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

/* Wrap one paragraph (no newlines, sanitized). */
static void wrap_paragraph(FILE *f, const char *s, size_t width, size_t indent,
			   const char **first)
{
	size_t col = 0;
	const char *p = s;

	if (width <= indent + 10)
		width = indent + 10;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t bytes = (size_t)(p - w);
		char word[bytes + 1];
		memcpy(word, w, bytes);
		word[bytes] = '\0';
		size_t ww = text_width(word);
		if (col > 0 && col + 1 + ww > width - indent) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0 && *first) {
			/* The first line's prefix (a bullet) fills the indent. */
			fprintf(f, "%-*s", (int)indent, *first);
			*first = NULL;
		} else if (col == 0) {
			fprintf(f, "%*s", (int)indent, "");
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += ww;
	}
	if (col > 0)
		fputc('\n', f);
}

void text_wrap(FILE *f, const char *s, size_t width, size_t indent)
{
	text_wrap_prefixed(f, s, width, indent, NULL);
}

void text_wrap_prefixed(FILE *f, const char *s, size_t width, size_t indent, const char *first)
{
	const char *p = s;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *para = xmalloc(n + 1);
		memcpy(para, p, n);
		para[n] = '\0';
		char *clean = text_sanitize_dup(para);
		wrap_paragraph(f, clean, width, indent, &first);
		free(clean);
		free(para);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

size_t text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row));

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}
