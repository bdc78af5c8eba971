/* The gate in front of the loaders of dynlibs.h, in a header of its own so
 * that its callers need none of the desktop libraries' headers. */
#ifndef SELFCARE_DYNLIBS_GATE_H
#define SELFCARE_DYNLIBS_GATE_H

/* While held, the loaders wait. Loading the desktop libraries takes
 * milliseconds of CPU and holds the dynamic loader's lock, which
 * pthread_create needs too: run holds the loaders from before it starts
 * its backends' threads until its clock has started and the first segment
 * is out, so that start-up never waits for a library loading on another
 * thread. Released at start; releasing twice is harmless. */
void dynlibs_hold(void);
void dynlibs_release(void);

#endif
