#include "saytime.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The model, in milliseconds at 170 words a minute. */
#define MS_SYLLABLE 54.1
#define MS_CONSONANT 66.3
#define MS_WORD 4.1
#define MS_DIGRAPH 10.5   /* a vowel letter that follows another: "ea", "oo" */
#define MS_COMMA 295.1    /* , ; : */
#define MS_SENTENCE 409.1 /* . ! ? before a space, with more words after */
#define MS_BASE 455.0     /* the start, and the last sentence's end */
#define WPM_DEFAULT 170

unsigned saytime_wpm(int rate)
{
	if (rate < -100 || rate > 100)
		rate = 0; /* not set: speech-dispatcher's own, DefaultRate 0 */
	/* speech-dispatcher's espeak-ng.conf: EspeakMinRate 80,
	 * EspeakNormalRate 170, EspeakMaxRate 449. */
	return rate < 0 ? (unsigned)(WPM_DEFAULT + (WPM_DEFAULT - 80) * rate / 100)
			: (unsigned)(WPM_DEFAULT + (449 - WPM_DEFAULT) * rate / 100);
}

struct tally {
	unsigned syllables, consonants, words, digraphs, commas, sentences;
};

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ends_with(const char *w, size_t n, const char *end)
{
	size_t k = strlen(end);
	return n >= k && memcmp(w + n - k, end, k) == 0;
}

/* One word, lowercase letters and ': its syllables by vowel groups, less
 * the silent endings English spelling has. */
static void count_word(const char *w, size_t n, struct tally *t)
{
	unsigned groups = 0;
	bool in = false;

	for (size_t i = 0; i < n; i++) {
		bool v = is_vowel(w[i]);
		if (v && !in)
			groups++;
		else if (v)
			t->digraphs++;
		in = v;
		if (is_letter(w[i]) && !v)
			t->consonants++;
	}
	if (groups > 1 && ends_with(w, n, "e") && !ends_with(w, n, "le") && !ends_with(w, n, "ee"))
		groups--;
	else if (groups > 1 && ends_with(w, n, "ed") && !ends_with(w, n, "ted") &&
		 !ends_with(w, n, "ded"))
		groups--;
	else if (groups > 1 && ends_with(w, n, "es") && !ends_with(w, n, "ses") &&
		 !ends_with(w, n, "xes") && !ends_with(w, n, "zes") && !ends_with(w, n, "ches") &&
		 !ends_with(w, n, "shes") && !ends_with(w, n, "ces") && !ends_with(w, n, "ges"))
		groups--;
	t->syllables += groups ? groups : 1;
	t->words++;
}

static void count_words(const char *s, struct tally *t)
{
	while (*s) {
		while (*s == ' ')
			s++;
		const char *w = s;
		while (*s && *s != ' ')
			s++;
		if (s > w)
			count_word(w, (size_t)(s - w), t);
	}
}

static const char *const ones[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen",
};
static const char *const tens[] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

/* A number as espeak-ng says it: "forty five". */
static void count_number(unsigned long n, struct tally *t)
{
	if (n >= 1000) {
		count_number(n / 1000, t);
		count_words("thousand", t);
		if (n % 1000)
			count_number(n % 1000, t);
		return;
	}
	if (n >= 100) {
		count_words(ones[n / 100], t);
		count_words("hundred", t);
		if (n % 100)
			count_number(n % 100, t);
		return;
	}
	if (n >= 20) {
		count_words(tens[n / 10], t);
		if (n % 10)
			count_words(ones[n % 10], t);
		return;
	}
	count_words(ones[n], t);
}

unsigned saytime_ms(const char *text, int rate)
{
	struct tally t = {0};
	char word[64];

	for (const char *p = text; *p;) {
		char c = *p;
		if (is_letter(c) || c == '\'') {
			size_t n = 0;
			while (is_letter(*p) || *p == '\'') {
				if (n < sizeof(word) - 1)
					word[n++] = lower(*p);
				p++;
			}
			word[n] = '\0';
			count_word(word, n, &t);
		} else if (c >= '0' && c <= '9') {
			unsigned long v = 0;
			unsigned digits = 0;
			while (*p >= '0' && *p <= '9') {
				if (digits++ < 9)
					v = v * 10 + (unsigned long)(*p - '0');
				p++;
			}
			count_number(v, &t);
		} else {
			if (c == ',' || c == ';' || c == ':')
				t.commas++;
			else if ((c == '.' || c == '!' || c == '?') && (p[1] == ' ' || p[1] == '\n') &&
				 p[strspn(p + 1, " \n") + 1] != '\0')
				t.sentences++;
			p++;
		}
	}
	if (t.words == 0)
		return 0; /* nothing to say */
	double ms = MS_SYLLABLE * t.syllables + MS_CONSONANT * t.consonants +
		    MS_WORD * t.words + MS_DIGRAPH * t.digraphs + MS_COMMA * t.commas +
		    MS_SENTENCE * t.sentences + MS_BASE;
	return (unsigned)(ms * WPM_DEFAULT / saytime_wpm(rate) + 0.5);
}
