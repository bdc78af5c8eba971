/* Text a page at a time on a terminal (the safety notes before a run),
 * so that nothing scrolls away unread. */
#ifndef SELFCARE_PAGER_H
#define SELFCARE_PAGER_H

#include <stdbool.h>

/* Is text taller than a page of this terminal? */
bool pager_needed(const char *text);
/* Print text to stdout; with paged, a page at a time, waiting for space
 * or Enter between pages (q stops). 0 when it has all been shown, 1 when
 * q stopped it, 2 at the end of input. */
int pager_show(const char *text, bool paged);

#endif
