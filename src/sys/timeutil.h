/* Clock arithmetic the backends share. */
#ifndef SELFCARE_TIMEUTIL_H
#define SELFCARE_TIMEUTIL_H

#include <time.h>

/* clock's time ms from now: a deadline for pthread_cond_timedwait (on a
 * condition variable of that clock). */
struct timespec clock_after_ms(clockid_t clock, int ms);
/* Milliseconds on CLOCK_MONOTONIC, for how long something has taken. */
long long monotonic_ms(void);

#endif
