#include "term.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return; /* a hung-up terminal: nothing more to do */
		}
		s += w;
		n -= (size_t)w;
	}
}

static void put(struct term *t, const char *s)
{
	write_all(t->out, s, strlen(s));
}

void term_measure(struct term *t)
{
	struct winsize ws;

	t->width = 80;
	t->height = 24;
	if (ioctl(t->out, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
		t->width = ws.ws_col;
		t->height = ws.ws_row;
	}
}

int term_enter(struct term *t)
{
	struct termios raw;

	if (!t->have_orig) {
		if (tcgetattr(t->in, &t->orig) < 0)
			return -1;
		t->have_orig = true;
	}
	raw = t->orig;
	raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(t->in, TCSAFLUSH, &raw) < 0)
		return -1;
	t->active = true;
	term_measure(t);
	put(t, "\033[?1049h\033[?25l\033[H\033[2J");
	t->have_last = false;
	return 0;
}

void term_leave(struct term *t)
{
	if (!t->active)
		return;
	put(t, "\033[0m\033[?25h\033[?1049l");
	if (t->have_orig)
		tcsetattr(t->in, TCSAFLUSH, &t->orig);
	t->active = false;
}

void term_invalidate(struct term *t)
{
	t->have_last = false;
}

/* Copy at most cols code points of s: a line never wraps. */
static const char *clip(const char *s, unsigned cols, char *out, size_t len)
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

void term_draw(struct term *t, const struct frame *f)
{
	char line[SCREEN_LINE_MAX];
	char buf[SCREEN_MAX_LINES * (SCREEN_LINE_MAX + 16)];
	size_t o = 0;
	unsigned rows = f->count < t->height ? f->count : t->height;
	bool full = !t->have_last;

	if (full)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\033[H\033[2J");
	for (unsigned i = 0; i < rows; i++) {
		if (!full && i < t->last.count && strcmp(t->last.lines[i], f->lines[i]) == 0)
			continue;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\033[%u;1H%s\033[K", i + 1,
				      clip(f->lines[i], t->width, line, sizeof(line)));
	}
	/* Lines that were there before and are not now. */
	for (unsigned i = rows; !full && i < t->last.count && i < t->height; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\033[%u;1H\033[K", i + 1);
	write_all(t->out, buf, o);
	t->last = *f;
	t->last.count = rows;
	t->have_last = true;
}

void term_bell(struct term *t)
{
	put(t, "\a");
}
