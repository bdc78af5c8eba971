#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dynlibs.h"

/* The sonames of the ABIs built against; CMake may say otherwise. */
#ifndef SELFCARE_SONAME_NOTIFY
#define SELFCARE_SONAME_NOTIFY "libnotify.so.4"
#endif
#ifndef SELFCARE_SONAME_SPEECHD
#define SELFCARE_SONAME_SPEECHD "libspeechd.so.2"
#endif
#ifndef SELFCARE_SONAME_SQLITE
#define SELFCARE_SONAME_SQLITE "libsqlite3.so.0"
#endif
#ifndef SELFCARE_SONAME_SPHINX
#define SELFCARE_SONAME_SPHINX "libpocketsphinx.so.3"
#endif
#ifndef SELFCARE_SONAME_PULSE_SIMPLE
#define SELFCARE_SONAME_PULSE_SIMPLE "libpulse-simple.so.0"
#endif
#ifndef SELFCARE_SONAME_CANBERRA
#define SELFCARE_SONAME_CANBERRA "libcanberra.so.0"
#endif

#ifndef SELFCARE_SONAME_ESPEAK
#define SELFCARE_SONAME_ESPEAK "libespeak-ng.so.1"
#endif
#ifndef SELFCARE_SONAME_OPUSENC
#define SELFCARE_SONAME_OPUSENC "libopusenc.so.0"
#endif
#ifndef SELFCARE_SONAME_SNDFILE
#define SELFCARE_SONAME_SNDFILE "libsndfile.so.1"
#endif
#ifndef SELFCARE_SONAME_SAMPLERATE
#define SELFCARE_SONAME_SAMPLERATE "libsamplerate.so.0"
#endif

struct lib_symbol {
	const char *name;
	size_t offset; /* of its pointer in the table */
};

struct lib {
	const char *soname;
	const struct lib_symbol *symbols;
	size_t n_symbols;
	void *table;
	pthread_once_t once;
	const void *loaded; /* the table, once every symbol is in it */
	char why[256];
};

/* Fill l->table, or say in l->why what is missing. A library is never
 * unloaded: its threads (GLib's, libpulse's) may outlive any caller. */
static void lib_open(struct lib *l)
{
	void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(l->why, sizeof(l->why), "%s", e ? e : l->soname);
		return;
	}
	for (size_t i = 0; i < l->n_symbols; i++) {
		/* Searches h and the libraries it brought in (GLib for libnotify). */
		void *p = dlsym(h, l->symbols[i].name);
		if (p == NULL) {
			snprintf(l->why, sizeof(l->why), "%s has no %s", l->soname,
				 l->symbols[i].name);
			return;
		}
		/* POSIX: a function's address converts to and from void *. */
		memcpy((char *)l->table + l->symbols[i].offset, &p, sizeof(p));
	}
	l->loaded = l->table;
}

#define LIB_ENTRY(type, f) {#f, offsetof(type, f)},
#define NOTIFY_ENTRY(f) LIB_ENTRY(struct lib_notify, f)
#define SPEECHD_ENTRY(f) LIB_ENTRY(struct lib_speechd, f)
#define CANBERRA_ENTRY(f) LIB_ENTRY(struct lib_canberra, f)
#define SQLITE_ENTRY(f) LIB_ENTRY(struct lib_sqlite, f)
#define SPHINX_ENTRY(f) LIB_ENTRY(struct lib_sphinx, f)
#define PULSE_SIMPLE_ENTRY(f) LIB_ENTRY(struct lib_pulse_simple, f)
#define ESPEAK_ENTRY(f) LIB_ENTRY(struct lib_espeak, f)
#define OPUSENC_ENTRY(f) LIB_ENTRY(struct lib_opusenc, f)
#define SNDFILE_ENTRY(f) LIB_ENTRY(struct lib_sndfile, f)
#define SAMPLERATE_ENTRY(f) LIB_ENTRY(struct lib_samplerate, f)
static const struct lib_symbol notify_symbols[] = {LIB_NOTIFY_SYMBOLS(NOTIFY_ENTRY)};
static const struct lib_symbol speechd_symbols[] = {LIB_SPEECHD_SYMBOLS(SPEECHD_ENTRY)};
static const struct lib_symbol canberra_symbols[] = {LIB_CANBERRA_SYMBOLS(CANBERRA_ENTRY)};
static const struct lib_symbol sqlite_symbols[] = {LIB_SQLITE_SYMBOLS(SQLITE_ENTRY)};
static const struct lib_symbol sphinx_symbols[] = {LIB_SPHINX_SYMBOLS(SPHINX_ENTRY)};
static const struct lib_symbol pulse_simple_symbols[] = {LIB_PULSE_SIMPLE_SYMBOLS(PULSE_SIMPLE_ENTRY)};
static const struct lib_symbol espeak_symbols[] = {LIB_ESPEAK_SYMBOLS(ESPEAK_ENTRY)};
static const struct lib_symbol opusenc_symbols[] = {LIB_OPUSENC_SYMBOLS(OPUSENC_ENTRY)};
static const struct lib_symbol sndfile_symbols[] = {LIB_SNDFILE_SYMBOLS(SNDFILE_ENTRY)};
static const struct lib_symbol samplerate_symbols[] = {LIB_SAMPLERATE_SYMBOLS(SAMPLERATE_ENTRY)};

static struct lib_notify notify_table;
static struct lib_speechd speechd_table;
static struct lib_canberra canberra_table;
static struct lib_sqlite sqlite_table;
static struct lib_sphinx sphinx_table;
static struct lib_pulse_simple pulse_simple_table;
static struct lib_espeak espeak_table;
static struct lib_opusenc opusenc_table;
static struct lib_sndfile sndfile_table;
static struct lib_samplerate samplerate_table;

#define LIB(soname, syms, tbl) \
	{soname, syms, sizeof(syms) / sizeof(syms[0]), &tbl, PTHREAD_ONCE_INIT, NULL, ""}
static struct lib libs[] = {
	LIB(SELFCARE_SONAME_NOTIFY, notify_symbols, notify_table),
	LIB(SELFCARE_SONAME_SPEECHD, speechd_symbols, speechd_table),
	LIB(SELFCARE_SONAME_CANBERRA, canberra_symbols, canberra_table),
	LIB(SELFCARE_SONAME_SQLITE, sqlite_symbols, sqlite_table),
	LIB(SELFCARE_SONAME_SPHINX, sphinx_symbols, sphinx_table),
	LIB(SELFCARE_SONAME_PULSE_SIMPLE, pulse_simple_symbols, pulse_simple_table),
	LIB(SELFCARE_SONAME_ESPEAK, espeak_symbols, espeak_table),
	LIB(SELFCARE_SONAME_OPUSENC, opusenc_symbols, opusenc_table),
	LIB(SELFCARE_SONAME_SNDFILE, sndfile_symbols, sndfile_table),
	LIB(SELFCARE_SONAME_SAMPLERATE, samplerate_symbols, samplerate_table),
};

static void open_notify(void) { lib_open(&libs[0]); }
static void open_speechd(void) { lib_open(&libs[1]); }
static void open_canberra(void) { lib_open(&libs[2]); }
static void open_sqlite(void) { lib_open(&libs[3]); }
static void open_sphinx(void) { lib_open(&libs[4]); }
static void open_pulse_simple(void) { lib_open(&libs[5]); }
static void open_espeak(void) { lib_open(&libs[6]); }
static void open_opusenc(void) { lib_open(&libs[7]); }
static void open_sndfile(void) { lib_open(&libs[8]); }
static void open_samplerate(void) { lib_open(&libs[9]); }

static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static bool gate_held;

void dynlibs_hold(void)
{
	pthread_mutex_lock(&gate_mu);
	gate_held = true;
	pthread_mutex_unlock(&gate_mu);
}

void dynlibs_release(void)
{
	pthread_mutex_lock(&gate_mu);
	gate_held = false;
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_mu);
}

static const void *lib_get(struct lib *l, void (*open)(void), const char **why)
{
	pthread_mutex_lock(&gate_mu);
	while (gate_held)
		pthread_cond_wait(&gate_cv, &gate_mu);
	pthread_mutex_unlock(&gate_mu);
	pthread_once(&l->once, open);
	if (l->loaded == NULL && why)
		*why = l->why;
	return l->loaded;
}

const struct lib_notify *lib_notify(const char **why)
{
	return lib_get(&libs[0], open_notify, why);
}

static void ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
		       gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

void lib_notify_silence(const struct lib_notify *L)
{
	L->g_log_set_handler("libnotify", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, ignore_log,
			     NULL);
}

const struct lib_speechd *lib_speechd(const char **why)
{
	return lib_get(&libs[1], open_speechd, why);
}

const struct lib_canberra *lib_canberra(const char **why)
{
	return lib_get(&libs[2], open_canberra, why);
}

const struct lib_sqlite *lib_sqlite(const char **why)
{
	return lib_get(&libs[3], open_sqlite, why);
}

const struct lib_sphinx *lib_sphinx(const char **why)
{
	return lib_get(&libs[4], open_sphinx, why);
}

const struct lib_pulse_simple *lib_pulse_simple(const char **why)
{
	return lib_get(&libs[5], open_pulse_simple, why);
}

const struct lib_espeak *lib_espeak(const char **why)
{
	return lib_get(&libs[6], open_espeak, why);
}

const struct lib_opusenc *lib_opusenc(const char **why)
{
	return lib_get(&libs[7], open_opusenc, why);
}

const struct lib_sndfile *lib_sndfile(const char **why)
{
	return lib_get(&libs[8], open_sndfile, why);
}

const struct lib_samplerate *lib_samplerate(const char **why)
{
	return lib_get(&libs[9], open_samplerate, why);
}
