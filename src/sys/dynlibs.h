/* The desktop libraries (libnotify with GLib, libspeechd, libcanberra),
 * loaded with dlopen the first time a backend needs one, not by the
 * dynamic loader before main(). Loading them takes longer than the rest of
 * start-up together (about 28 shared objects, 5 ms here), and `list`,
 * `show` and `validate` never need them; `run` loads them on the worker
 * threads that use them, so the clock starts without waiting.
 *
 * Each library is one table of typed function pointers, named as the
 * library names them (t->notify_init(...)). A loader returns the table, or
 * NULL with *why saying what is missing; it loads once per process and is
 * safe to call from any thread. */
#ifndef SELFCARE_DYNLIBS_H
#define SELFCARE_DYNLIBS_H

#include <canberra.h>
#include <espeak-ng/speak_lib.h>
#include <gio/gio.h>
#include <libnotify/notify.h>
#include <libspeechd.h>
#include <opusenc.h>
#include <pocketsphinx.h>
#include <pulse/error.h>
#include <pulse/simple.h>
#include <samplerate.h>
#include <sndfile.h>
#include <sqlite3.h>

#include "dynlibs_gate.h"

/* libnotify, and the GLib functions its callers need (found through
 * libnotify's own dependencies). */
#define LIB_NOTIFY_SYMBOLS(X)                                                            \
	X(notify_init) X(notify_uninit) X(notify_is_initted) X(notify_get_server_caps)   \
	X(notify_get_server_info) X(notify_notification_new)                             \
	X(notify_notification_update) X(notify_notification_show)                        \
	X(notify_notification_close) X(notify_notification_get_closed_reason)            \
	X(notify_notification_set_category) X(notify_notification_set_urgency)           \
	X(notify_notification_set_hint) X(notify_notification_set_timeout)               \
	X(notify_notification_add_action) X(notify_notification_clear_actions)           \
	X(g_variant_new_string) X(g_variant_new_boolean) X(g_error_free)                 \
	X(g_io_error_quark) X(g_object_unref) X(g_free) X(g_list_free_full)              \
	X(g_log_set_handler) X(g_main_loop_new) X(g_main_loop_run) X(g_main_loop_quit)   \
	X(g_main_loop_unref) X(g_timeout_add_seconds) X(g_timeout_add)                   \
	X(g_source_remove) X(g_signal_connect_data) X(g_shell_parse_argv)                \
	X(g_strv_length) X(g_strfreev) X(g_spawn_async)

#define LIB_SPEECHD_SYMBOLS(X)                                                           \
	X(spd_get_default_address) X(SPDConnectionAddress__free) X(spd_open2)            \
	X(spd_close) X(spd_execute_command_with_reply) X(spd_send_data)        \
	X(spd_set_voice_rate) X(spd_cancel) X(spd_list_synthesis_voices) X(free_spd_voices)

#define LIB_CANBERRA_SYMBOLS(X)                                                          \
	X(ca_context_create) X(ca_context_change_props) X(ca_context_open)               \
	X(ca_context_play) X(ca_context_cache) X(ca_context_destroy) X(ca_strerror)

/* SQLite, for the history store: `run` writes it from a worker thread, and
 * only the commands that read it load it. */
#define LIB_SQLITE_SYMBOLS(X)                                                            \
	X(sqlite3_open_v2) X(sqlite3_close_v2) X(sqlite3_busy_timeout) X(sqlite3_exec)   \
	X(sqlite3_prepare_v2) X(sqlite3_finalize) X(sqlite3_step) X(sqlite3_reset)       \
	X(sqlite3_bind_int64) X(sqlite3_bind_text) X(sqlite3_bind_null)                  \
	X(sqlite3_column_int64) X(sqlite3_column_text) X(sqlite3_column_type)            \
	X(sqlite3_errmsg) X(sqlite3_errstr) X(sqlite3_extended_errcode)                  \
	X(sqlite3_last_insert_rowid) X(sqlite3_free) X(sqlite3_db_config)             \
	X(sqlite3_system_errno)

/* Voice commands (run --listen): the keyword spotter, and the recording
 * it hears (pa_strerror is libpulse's, found through libpulse-simple). */
#define LIB_SPHINX_SYMBOLS(X)                                                            \
	X(cmd_ln_init) X(cmd_ln_free_r) X(ps_args) X(ps_init) X(ps_free)                 \
	X(ps_start_utt) X(ps_end_utt) X(ps_process_raw) X(ps_get_hyp)

#define LIB_PULSE_SIMPLE_SYMBOLS(X)                                                      \
	X(pa_simple_new) X(pa_simple_read) X(pa_simple_free) X(pa_strerror)

/* Audio export (selfcare export): the synthesizer, the Opus encoder with
 * its chapters, FLAC and WAV files and the theme's sounds, and the
 * resampler between their rates. */
#define LIB_ESPEAK_SYMBOLS(X)                                                            \
	X(espeak_Initialize) X(espeak_SetSynthCallback) X(espeak_SetVoiceByName)        \
	X(espeak_SetParameter) X(espeak_Synth) X(espeak_Synchronize) X(espeak_Terminate)

#define LIB_OPUSENC_SYMBOLS(X)                                                           \
	X(ope_comments_create) X(ope_comments_add) X(ope_comments_destroy)               \
	X(ope_encoder_create_callbacks) X(ope_encoder_write_float) X(ope_encoder_drain)  \
	X(ope_encoder_destroy) X(ope_encoder_ctl) X(ope_strerror)

#define LIB_SNDFILE_SYMBOLS(X)                                                           \
	X(sf_open) X(sf_open_virtual) X(sf_close) X(sf_readf_float) X(sf_writef_short)       \
	X(sf_set_string) X(sf_strerror) X(sf_error_number)

#define LIB_SAMPLERATE_SYMBOLS(X) X(src_simple) X(src_strerror)

#define LIB_MEMBER(f) __typeof__(f) *f;
struct lib_notify { LIB_NOTIFY_SYMBOLS(LIB_MEMBER) };
struct lib_speechd { LIB_SPEECHD_SYMBOLS(LIB_MEMBER) };
struct lib_canberra { LIB_CANBERRA_SYMBOLS(LIB_MEMBER) };
struct lib_sqlite { LIB_SQLITE_SYMBOLS(LIB_MEMBER) };
struct lib_sphinx { LIB_SPHINX_SYMBOLS(LIB_MEMBER) };
struct lib_pulse_simple { LIB_PULSE_SIMPLE_SYMBOLS(LIB_MEMBER) };
struct lib_espeak { LIB_ESPEAK_SYMBOLS(LIB_MEMBER) };
struct lib_opusenc { LIB_OPUSENC_SYMBOLS(LIB_MEMBER) };
struct lib_sndfile { LIB_SNDFILE_SYMBOLS(LIB_MEMBER) };
struct lib_samplerate { LIB_SAMPLERATE_SYMBOLS(LIB_MEMBER) };
#undef LIB_MEMBER

const struct lib_notify *lib_notify(const char **why);
/* libnotify logs its own warnings (such as "Failed to connect to proxy")
 * when there is no server; selfcare says what went wrong in its own words:
 * silence them. */
void lib_notify_silence(const struct lib_notify *L);
const struct lib_speechd *lib_speechd(const char **why);
const struct lib_canberra *lib_canberra(const char **why);
const struct lib_sqlite *lib_sqlite(const char **why);
const struct lib_sphinx *lib_sphinx(const char **why);
const struct lib_pulse_simple *lib_pulse_simple(const char **why);
const struct lib_espeak *lib_espeak(const char **why);
const struct lib_opusenc *lib_opusenc(const char **why);
const struct lib_sndfile *lib_sndfile(const char **why);
const struct lib_samplerate *lib_samplerate(const char **why);

#endif
