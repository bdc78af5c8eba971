/* Diagnostics: data errors as FILE:LINE:COL: message. Pure. */
#ifndef SELFCARE_DIAG_H
#define SELFCARE_DIAG_H

#include <stddef.h>

#define DIAG_MSG_MAX 256
/* Past this many, errors are counted rather than kept (the earliest in the
 * file are the ones kept): nobody reads a thousand lines about one file,
 * and a hostile file could make millions. */
#define DIAGS_MAX 100

struct diag {
	unsigned line, col; /* 1-based */
	char msg[DIAG_MSG_MAX];
};

struct diags {
	struct diag *items;
	size_t count, cap;
	size_t dropped; /* errors past DIAGS_MAX, not kept */
};

void diags_add(struct diags *d, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Order the diags from index from on by position, keeping the order of
 * those at the same place. */
void diags_sort(struct diags *d, size_t from);
void diags_release(struct diags *d);

#endif
