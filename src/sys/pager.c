#include "pager.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* The safety notes a page at a time, so that none scrolls away unread
 * on a short terminal: the person reads a page, then space or Enter shows
 * the next, and the prompt comes after the last. The terminal is back in
 * its own mode between keys, and whatever ends the process meanwhile. */
static struct termios pager_orig;
static volatile sig_atomic_t pager_raw;

static void pager_restore(int sig)
{
	if (pager_raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &pager_orig);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* One key, unechoed: ' ' or '\n' for more, 'q' to stop, EOF at the end of
 * input. */
static int pager_key(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa = {.sa_handler = pager_restore}, old[4];
	struct termios raw;
	unsigned char c;
	ssize_t n;

	if (tcgetattr(STDIN_FILENO, &pager_orig) != 0)
		return EOF;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	raw = pager_orig;
	raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	pager_raw = 1;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
	do
		n = read(STDIN_FILENO, &c, 1);
	while (n < 0 && errno == EINTR);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &pager_orig);
	pager_raw = 0;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (n <= 0 || c == 4) /* the end of input, or Ctrl-D */
		return EOF;
	return c == 'q' || c == 'Q' ? 'q' : c == '\r' ? '\n' : c;
}

/* How many lines text has. */
static unsigned count_lines(const char *text)
{
	unsigned n = 0;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	return n;
}

/* The rows a page may take: the terminal's (24 when it is not one), less
 * the line of "more" (or the prompt after it) and one to spare. */
static unsigned page_rows(void)
{
	struct winsize ws;
	unsigned rows = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row ? ws.ws_row : 24;
	return rows > 4 ? rows - 2 : 2;
}

bool pager_needed(const char *text)
{
	return count_lines(text) > page_rows();
}

int pager_show(const char *text, bool paged)
{
	unsigned rows = page_rows(), shown = 0;
	const char *p = text;

	if (!paged || count_lines(text) <= rows) {
		fputs(text, stdout);
		return 0;
	}
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		fwrite(p, 1, n, stdout);
		p += n;
		if (++shown < rows || *p == '\0')
			continue;
		fputs("-- more: space or Enter; q to stop --", stdout);
		fflush(stdout);
		int c = pager_key();
		fputs("\r\033[K", stdout);
		if (c == EOF) {
			fputc('\n', stdout);
			return 2;
		}
		if (c == 'q')
			return 1;
		shown = 0;
	}
	return 0;
}
