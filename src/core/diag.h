/* Diagnostics: data errors as FILE:LINE:COL: message. Pure. */
#ifndef SELFCARE_DIAG_H
#define SELFCARE_DIAG_H

#include <stddef.h>

#define DIAG_MSG_MAX 256

struct diag {
	unsigned line, col; /* 1-based */
	char msg[DIAG_MSG_MAX];
};

struct diags {
	struct diag *items;
	size_t count, cap;
};

void diags_add(struct diags *d, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diags_release(struct diags *d);

#endif
