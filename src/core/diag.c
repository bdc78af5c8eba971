#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static bool later(const struct diag *a, const struct diag *b)
{
	return a->line > b->line || (a->line == b->line && a->col > b->col);
}

void diags_add(struct diags *d, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (d->count == DIAGS_MAX) {
		/* Keep the earliest in the file: drop the latest placed of
		 * those kept, or this one. */
		size_t last = 0;
		for (size_t i = 1; i < d->count; i++)
			if (later(&d->items[i], &d->items[last]))
				last = i;
		d->dropped++;
		struct diag probe = {.line = line ? line : 1, .col = col ? col : 1};
		if (!later(&d->items[last], &probe))
			return;
		memmove(&d->items[last], &d->items[last + 1],
			(d->count - last - 1) * sizeof(*d->items));
		d->count--;
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
		while (j > from && later(&d->items[j - 1], &g)) {
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
