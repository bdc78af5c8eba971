#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "text.h"

void text_wrap_prefixed(FILE *f, const char *s, size_t width, size_t indent, const char *first)
{
	char *t = text_wrapped(s, width, indent, first);
	fputs(t, f);
	free(t);
}

void text_wrap(FILE *f, const char *s, size_t width, size_t indent)
{
	text_wrap_prefixed(f, s, width, indent, NULL);
}

void json_string(FILE *f, const char *s)
{
	char *q = json_quoted(s);
	fputs(q, f);
	free(q);
}

/* prefix, then the message sanitized as routine text is: the paths,
 * names and arguments in messages come from outside, and a control
 * character in one (a directory called "\033[31m") must not reach the
 * terminal raw. No newline. */
void output_message(const char *prefix, const char *fmt, va_list ap)
{
	char *raw;

	fputs(prefix, stderr);
	if (vasprintf(&raw, fmt, ap) < 0)
		return;
	char *clean = text_sanitize_dup(raw);
	fputs(clean, stderr);
	free(clean);
	free(raw);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_message("selfcare: ", fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_message("selfcare: warning: ", fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int stdout_flush(void)
{
	static int failed;

	if (failed)
		return failed;
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		failed = errno ? errno : EIO;
	return failed;
}

void term_size(int fd, unsigned *cols, unsigned *rows)
{
	struct winsize ws;

	*cols = 80;
	*rows = 24;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}

unsigned term_width(FILE *f)
{
	unsigned cols, rows;
	term_size(fileno(f), &cols, &rows);
	return cols;
}

void print_heading(FILE *f, const char *prefix, const char *text, unsigned width, unsigned indent,
		   bool bold)
{
	char *w = text_wrapped(text, width, indent, indent ? prefix : NULL);
	size_t n = strlen(w), skip = indent < n ? indent : 0;
	while (n > 0 && w[n - 1] == '\n')
		n--;
	if (bold)
		fprintf(f, "%.*s\033[1m%.*s\033[0m\n", (int)skip, w, (int)(n - skip), w + skip);
	else
		fprintf(f, "%.*s\n", (int)n, w);
	free(w);
}

void print_safety(FILE *f, const struct routine *r, unsigned width, bool color)
{
	fprintf(f, "%sSafety%s\n", color ? "\033[1m" : "", color ? "\033[0m" : "");
	if (r->safety_count == 0)
		fprintf(f, "  - This routine has no safety notes. Move gently, and stop if "
			   "anything hurts.\n");
	for (unsigned i = 0; i < r->safety_count; i++)
		text_wrap_prefixed(f, r->safety[i], width, 4, "  -");
}

void print_equipment(FILE *f, const struct routine *r, unsigned width, bool color)
{
	if (r->equipment_count == 0)
		return;
	fprintf(f, "\n%sYou need%s\n", color ? "\033[1m" : "", color ? "\033[0m" : "");
	for (unsigned i = 0; i < r->equipment_count; i++)
		text_wrap_prefixed(f, r->equipment[i], width, 4, "  -");
}
