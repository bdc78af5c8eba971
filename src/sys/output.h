/* Text written to a stream: the wrapped and quoted forms that the core
 * makes as strings. */
#ifndef SELFCARE_OUTPUT_H
#define SELFCARE_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/* text_wrapped(s, width, indent, NULL), written to f. */
void text_wrap(FILE *f, const char *s, size_t width, size_t indent);
/* The same, with the first line starting with first (padded to indent). */
void text_wrap_prefixed(FILE *f, const char *s, size_t width, size_t indent, const char *first);
/* s as a JSON string literal (with quotes), written to f. */
void json_string(FILE *f, const char *s);

#endif
