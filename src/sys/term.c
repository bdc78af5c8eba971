#include "term.h"

#include "cli.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
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
	term_size(t->out, &t->width, &t->height);
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
	if (!t->keys_only)
		put(t, "\033[?1049h\033[?25l\033[H\033[2J");
	t->have_last = false;
	return 0;
}

void term_leave(struct term *t)
{
	if (!t->active)
		return;
	if (!t->keys_only)
		put(t, "\033[0m\033[?25h\033[?1049l");
	if (t->have_orig)
		tcsetattr(t->in, TCSAFLUSH, &t->orig);
	t->active = false;
}

void term_invalidate(struct term *t)
{
	t->have_last = false;
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
				      text_clip(f->lines[i], t->width, line, sizeof(line)));
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
