/* Allocation that cannot fail quietly. */
#ifndef SELFCARE_UTIL_H
#define SELFCARE_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A string that grows: s is NUL-terminated once anything was put. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sbuf_put(struct sbuf *b, const char *s, size_t n);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
