#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void diags_add(struct diags *d, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (d->count == DIAGS_MAX) {
		d->dropped++;
		return;
	}
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xreallocarray(d->items, d->cap, sizeof(*d->items));
	}
	struct diag *g = &d->items[d->count++];
	g->line = line ? line : 1;
	g->col = col ? col : 1;
	va_start(ap, fmt);
	vsnprintf(g->msg, sizeof(g->msg), fmt, ap);
	va_end(ap);
}

void diags_sort(struct diags *d, size_t from)
{
	/* Insertion sort: stable, and there are at most DIAGS_MAX. */
	for (size_t i = from + 1; i < d->count; i++) {
		struct diag g = d->items[i];
		size_t j = i;
		while (j > from && (d->items[j - 1].line > g.line ||
				    (d->items[j - 1].line == g.line && d->items[j - 1].col > g.col))) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = g;
	}
}

void diags_release(struct diags *d)
{
	free(d->items);
	d->items = NULL;
	d->count = d->cap = d->dropped = 0;
}
