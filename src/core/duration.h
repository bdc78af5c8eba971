/* Durations: a strict parser and a formatter. Pure, no I/O. */
#ifndef SELFCARE_DURATION_H
#define SELFCARE_DURATION_H

#include <stddef.h>

#define DURATION_MAX_HOLD (4u * 3600u)

/* Parse "90", "90s", "1m30s", "2m", "1h", "1h5m10s" into seconds.
 * Units come in h, m, s order, each at most once; after a larger unit,
 * minutes and seconds stay under 60. No signs, spaces or trailing junk.
 * Returns 0 on success, -1 with a message in err (lowercase, no full stop). */
int duration_parse(const char *text, unsigned *seconds, char *err, size_t errlen);

/* Format seconds as "45s", "1m30s", "2m", "1h5m". Returns buf. */
char *duration_format(unsigned seconds, char *buf, size_t len);

/* Format seconds as a clock: "0:45", "12:00", "1:02:03". Returns buf. */
char *duration_clock(unsigned seconds, char *buf, size_t len);

#endif
