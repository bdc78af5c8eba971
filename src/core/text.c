#include "text.h"

#include <stdint.h>
#include <stdio.h>
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
	/* C0, DEL, C1 (NEL among them), the line and paragraph separators,
	 * and the bidirectional controls. */
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Eight bytes at a time: are they all printable ASCII (0x20 to 0x7E)? */
#define BYTES(b) (0x0101010101010101ULL * (b))

static bool printable8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	if (w & BYTES(0x80))
		return false; /* UTF-8 */
	/* A byte below 0x20 borrows into its high bit; so does 0x7F once
	 * XORed to zero. */
	uint64_t low = (w - BYTES(0x20)) & ~w & BYTES(0x80);
	uint64_t del = w ^ BYTES(0x7F);
	return low == 0 && ((del - BYTES(0x01)) & ~del & BYTES(0x80)) == 0;
}

bool text_has_control(const char *s, bool newline_ok)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);

	while (p < end) {
		if (end - p >= 8 && printable8(p)) { /* the common case */
			p += 8;
			continue;
		}
		if (*p >= 0x20 && *p < 0x7F) {
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
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	/* Printable ASCII, as most text is, stays as it is. */
	while (i + 8 <= len - 1 && printable8(p + i))
		i += 8;
	while (i < len - 1 && p[i] >= 0x20 && p[i] < 0x7F)
		i++;
	if (i == len - 1)
		return memcpy(out, s, len);
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

static void sb_puts(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

static void sb_pad(struct sbuf *b, size_t n)
{
	while (n-- > 0)
		sbuf_put(b, " ", 1);
}

/* Columns of the n bytes at s, counted as text_width counts them. */
static size_t span_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

/* Bytes of the first cols columns of the n bytes at s. */
static size_t span_bytes(const char *s, size_t n, size_t cols)
{
	size_t i = 0;
	for (size_t w = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80 && w++ == cols)
			break;
	return i;
}

/* Start a line: the first line's prefix (a bullet) fills the indent. */
static void start_line(struct sbuf *b, size_t indent, const char **first)
{
	if (*first) {
		sb_puts(b, *first);
		size_t fw = text_width(*first);
		sb_pad(b, fw < indent ? indent - fw : 0);
		*first = NULL;
	} else {
		sb_pad(b, indent);
	}
}

/* Wrap one paragraph (no newlines, sanitized). hard breaks a word longer
 * than a line where the line ends, so that no line runs past width. */
static void wrap_paragraph(struct sbuf *b, const char *s, size_t width, size_t indent,
			   const char **first, bool hard)
{
	size_t col = 0;
	const char *p = s;

	if (!hard && width <= indent + 10)
		width = indent + 10;
	if (hard && width <= indent)
		width = indent + 1;
	size_t room = width - indent;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t bytes = (size_t)(p - w);
		size_t ww = span_width(w, bytes);
		if (col > 0 && col + 1 + ww > room) {
			sbuf_put(b, "\n", 1);
			col = 0;
		}
		if (col == 0) {
			start_line(b, indent, first);
		} else {
			sbuf_put(b, " ", 1);
			col++;
		}
		/* Only at the start of a line: a long word gets lines of its own. */
		while (hard && ww > room) {
			size_t n = span_bytes(w, bytes, room);
			sbuf_put(b, w, n);
			sbuf_put(b, "\n", 1);
			sb_pad(b, indent);
			w += n;
			bytes -= n;
			ww -= room;
		}
		sbuf_put(b, w, bytes);
		col += ww;
	}
	if (col > 0)
		sbuf_put(b, "\n", 1);
}

static char *wrapped(const char *s, size_t width, size_t indent, const char *first, bool hard)
{
	struct sbuf b = {0};
	const char *p = s;

	sbuf_put(&b, "", 0);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *para = xmalloc(n + 1);
		memcpy(para, p, n);
		para[n] = '\0';
		char *clean = text_sanitize_dup(para);
		wrap_paragraph(&b, clean, width, indent, &first, hard);
		free(clean);
		free(para);
		if (!nl)
			break;
		p = nl + 1;
	}
	return b.s;
}

char *text_wrapped(const char *s, size_t width, size_t indent, const char *first)
{
	return wrapped(s, width, indent, first, false);
}

char *text_wrapped_hard(const char *s, size_t width, size_t indent, const char *first)
{
	return wrapped(s, width, indent, first, true);
}

char *json_quoted(const char *s)
{
	struct sbuf b = {0};
	char esc[8];

	sbuf_put(&b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_puts(&b, "\\\""); break;
		case '\\': sb_puts(&b, "\\\\"); break;
		case '\n': sb_puts(&b, "\\n"); break;
		case '\t': sb_puts(&b, "\\t"); break;
		case '\r': sb_puts(&b, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7F) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				sb_puts(&b, esc);
			} else {
				sbuf_put(&b, (const char *)p, 1);
			}
		}
	}
	sbuf_put(&b, "\"", 1);
	return b.s;
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

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void suggest_start(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->score = (size_t)-1;
}

/* 0 the same but for case, 1 a prefix of it, 2 + edits otherwise. */
void suggest_consider(struct suggest *s, const char *candidate)
{
	size_t lw = strlen(s->word), lc = strlen(candidate);
	char *a = xmalloc(lw + 1), *b = xmalloc(lc + 1);
	for (size_t i = 0; i <= lw; i++)
		a[i] = ascii_lower(s->word[i]);
	for (size_t i = 0; i <= lc; i++)
		b[i] = ascii_lower(candidate[i]);
	size_t score;
	if (strcmp(a, b) == 0)
		score = 0;
	else if (lw >= 2 && lw < lc && strncmp(a, b, lw) == 0)
		score = 1;
	else
		score = 2 + text_distance(a, b);
	free(a);
	free(b);
	if (score < s->score) {
		s->score = score;
		s->best = candidate;
	}
}

const char *suggest_result(const struct suggest *s)
{
	size_t lw = strlen(s->word);
	if (s->best == NULL)
		return NULL;
	if (s->score < 2)
		return s->best;
	size_t edits = s->score - 2;
	return edits <= (lw >= 8 ? 3u : 2u) && edits < lw ? s->best : NULL;
}

#define COLUMNS_MAX 16

char *text_columns(const char *tsv)
{
	size_t width[COLUMNS_MAX] = {0};
	struct sbuf b = {0};

	for (int pass = 0; pass < 2; pass++) {
		const char *line = tsv;
		while (*line) {
			const char *end = strchr(line, '\n');
			if (end == NULL)
				end = line + strlen(line);
			const char *cell = line;
			for (size_t c = 0; cell <= end; c++) {
				const char *tab = memchr(cell, '\t', (size_t)(end - cell));
				const char *stop = tab ? tab : end;
				char *text = xmalloc((size_t)(stop - cell) + 1);
				memcpy(text, cell, (size_t)(stop - cell));
				text[stop - cell] = '\0';
				size_t w = text_width(text);
				if (pass == 0 && tab && c < COLUMNS_MAX && w > width[c])
					width[c] = w;
				if (pass == 1) {
					sbuf_put(&b, text, strlen(text));
					for (size_t k = w; tab && c < COLUMNS_MAX && k < width[c] + 2; k++)
						sbuf_put(&b, " ", 1);
					if (tab && c >= COLUMNS_MAX)
						sbuf_put(&b, "  ", 2);
				}
				free(text);
				if (!tab)
					break;
				cell = tab + 1;
			}
			if (pass == 1)
				sbuf_put(&b, "\n", 1);
			line = *end ? end + 1 : end;
		}
	}
	if (b.s == NULL)
		sbuf_put(&b, "", 0);
	return b.s;
}

/* The length of a placeholder {letters} at s, or 0. */
static size_t placeholder_len(const char *s)
{
	size_t n = 1;

	if (s[0] != '{')
		return 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
		n++;
	return n > 1 && s[n] == '}' ? n + 1 : 0;
}

static const char *const placeholder_names[] = {"{side}", "{other}"};

static int placeholder_index(const char *s, size_t n)
{
	for (int i = 0; i < 2; i++)
		if (strlen(placeholder_names[i]) == n && memcmp(s, placeholder_names[i], n) == 0)
			return i;
	return -1;
}

unsigned text_placeholders(const char *s, char *bad, size_t badlen)
{
	unsigned mask = TEXT_PLACEHOLDER_NONE;

	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		size_t n = placeholder_len(p);
		if (n == 0)
			continue;
		if (placeholder_index(p, n) >= 0) {
			mask |= TEXT_PLACEHOLDER_SIDE;
		} else if (!(mask & TEXT_PLACEHOLDER_UNKNOWN)) {
			mask |= TEXT_PLACEHOLDER_UNKNOWN;
			if (bad && badlen) {
				char word[64];
				snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), p);
				text_sanitize(word, bad, badlen);
			}
		}
	}
	return mask;
}

char *text_fill_sides(const char *s, const char *side, const char *other, char *out, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return out;
	for (const char *p = s; *p && o + 1 < len;) {
		size_t n = placeholder_len(p);
		int i = n ? placeholder_index(p, n) : -1;
		if (i < 0) {
			out[o++] = *p++;
			continue;
		}
		const char *word = i == 0 ? side : other;
		size_t w = strlen(word);
		if (o + w >= len)
			break;
		memcpy(out + o, word, w);
		o += w;
		p += n;
	}
	out[o] = '\0';
	return out;
}
