#include "term.h"

#include "cli.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
	if (t->titled) {
		/* Pop the title pushed by term_title (xterm's XTWINOPS 23). */
		put(t, "\033[23;0t");
		t->titled = false;
		t->title[0] = '\0';
	}
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

/* SGR for a line's style: bold and the terminal's own cyan, which reads on
 * dark and light backgrounds alike. */
static const char *style_on(const struct term *t, unsigned char style)
{
	if (!t->color)
		return "";
	switch (style) {
	case STYLE_STEP: return "\033[1;36m";
	case STYLE_COUNTDOWN: return "\033[1;32m";
	case STYLE_DIM: return "\033[2m";
	default: return "";
	}
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
		if (!full && i < t->last.count && t->last.style[i] == f->style[i] &&
		    strcmp(t->last.lines[i], f->lines[i]) == 0)
			continue;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\033[%u;1H%s%s%s\033[K", i + 1,
				      style_on(t, f->style[i]),
				      text_clip(f->lines[i], t->width, line, sizeof(line)),
				      style_on(t, f->style[i])[0] ? "\033[0m" : "");
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

void term_title(struct term *t, const char *title)
{
	if (!t->active || t->keys_only || strcmp(t->title, title) == 0)
		return;
	if (!t->titled) {
		put(t, "\033[22;0t"); /* push the title there is (XTWINOPS 22) */
		t->titled = true;
	}
	snprintf(t->title, sizeof(t->title), "%s", title);
	put(t, "\033]2;");
	put(t, t->title);
	put(t, "\033\\");
}

bool term_wants_color(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return !(no && *no) && term && *term && strcmp(term, "dumb") != 0;
}
