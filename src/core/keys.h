/* The keys of the player, in one table: run dispatches on it, and the
 * screen's hint line and its "?" overlay are drawn from it, so the three
 * can never disagree. Pure data and lookups. */
#ifndef SELFCARE_KEYS_H
#define SELFCARE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum key_action {
	KEY_NONE,
	KEY_PAUSE,   /* pause, or resume when paused */
	KEY_NEXT,    /* next segment; during a prepare, the hold at once */
	KEY_BACK,
	KEY_RESTART,
	KEY_PLUS,
	KEY_MINUS,
	KEY_HELP,    /* the keys, over the paused routine */
	KEY_SAFETY,  /* the safety notes again, over the paused routine */
	KEY_QUIT,    /* asks first */
};

struct key_binding {
	enum key_action action;
	const char *chars;        /* the bytes that trigger it, e.g. "nN" */
	char arrow;               /* the final byte of ESC [ X that also does, or 0 */
	const char *name;         /* the key as the hint names it: "space" */
	const char *label;        /* what it does, in a word or two: "pause" */
	const char *paused_label; /* the label while paused, or NULL: "resume" */
	const char *help;         /* the "?" overlay's line */
	bool hint;                /* shown in the hint line */
};

extern const struct key_binding key_bindings[];
extern const size_t key_bindings_count;

/* The action of the key at buf[0] (n bytes available); *used says how many
 * bytes it took (an arrow key is three). A lone ESC is KEY_QUIT. */
enum key_action key_lookup(const char *buf, size_t n, size_t *used);

#endif
