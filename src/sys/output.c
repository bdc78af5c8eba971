#include "output.h"

#include <stdlib.h>

#include "text.h"

void text_wrap_prefixed(FILE *f, const char *s, size_t width, size_t indent, const char *first)
{
	char *t = text_wrapped(s, width, indent, first);
	fputs(t, f);
	free(t);
}

void text_wrap(FILE *f, const char *s, size_t width, size_t indent)
{
	text_wrap_prefixed(f, s, width, indent, NULL);
}

void json_string(FILE *f, const char *s)
{
	char *q = json_quoted(s);
	fputs(q, f);
	free(q);
}
