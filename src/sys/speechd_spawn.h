/* speech-dispatcher, started by us (speechd_spawn.c). */
#ifndef SELFCARE_SPEECHD_SPAWN_H
#define SELFCARE_SPEECHD_SPAWN_H

#include <stddef.h>

/* Start the daemon for the socket path, waiting until it has forked off:
 * 0, or -1 with why (its last line, when it said one). */
int speechd_spawn(const char *socket_path, char *why, size_t len);
/* Whether something listens on the socket path: 0 yes, -1 no. */
int speechd_probe_socket(const char *path);

#endif
