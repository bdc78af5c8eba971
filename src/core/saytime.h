/* How long a text takes to say: an estimate of espeak-ng through
 * speech-dispatcher, from the syllables, consonants and pauses of the
 * text. Pure. Within SAYTIME_ERROR_PCT of espeak-ng on every shipped
 * utterance (tests/unit/test_saytime.c holds it to durations measured
 * with espeak-ng in tests/data/saytime.tsv; tests/e2e/speech.py keeps
 * that file current).
 *
 * A model fitted by least squares (relative error, reweighted toward the
 * worst case) on the shipped utterances at 170 words a minute,
 * speech-dispatcher's default rate for espeak-ng. */
#ifndef SELFCARE_SAYTIME_H
#define SELFCARE_SAYTIME_H

/* The most the estimate may be off, in percent, either way. */
#define SAYTIME_ERROR_PCT 15

/* speech-dispatcher's rate (-100 to 100, 0 its default) as espeak-ng's
 * words a minute, as its espeak-ng module maps it (80, 170, 449); any
 * other value is its default, 0. */
unsigned saytime_wpm(int rate);

/* Milliseconds to say text at rate. */
unsigned saytime_ms(const char *text, int rate);

#endif
