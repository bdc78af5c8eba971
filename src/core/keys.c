#include "keys.h"

#include <string.h>

const struct key_binding key_bindings[] = {
	{KEY_PAUSE, " ", 0, "space", "pause", "resume", "pause, or resume", true},
	{KEY_NEXT, "nN", 'C', "n", "next", NULL,
	 "next step (n or Right); while getting ready, start the hold now", true},
	{KEY_BACK, "bB", 'D', "b", "back", NULL, "back to the step before (b or Left)", true},
	{KEY_RESTART, "rR", 0, "r", "restart", NULL, "start this step again", true},
	{KEY_PLUS, "+=", 0, "+/-", "10s", NULL, "10 seconds more (+) or less (-)", true},
	{KEY_MINUS, "-_", 0, NULL, NULL, NULL, NULL, false},
	{KEY_SAFETY, "sS", 0, "s", "safety", NULL, "the safety notes again", false},
	{KEY_HELP, "?hH", 0, "?", "keys", NULL, "these keys", true},
	{KEY_QUIT, "qQ\033", 0, "q", "quit", NULL, "quit (q or Esc; asks first)", true},
};
const size_t key_bindings_count = sizeof(key_bindings) / sizeof(key_bindings[0]);

enum key_action key_lookup(const char *buf, size_t n, size_t *used)
{
	*used = n > 0 ? 1 : 0;
	if (n == 0 || buf[0] == '\0')
		return KEY_NONE;
	if (buf[0] == '\033' && n >= 3 && (buf[1] == '[' || buf[1] == 'O')) {
		*used = 3;
		for (size_t i = 0; i < key_bindings_count; i++)
			if (key_bindings[i].arrow && key_bindings[i].arrow == buf[2])
				return key_bindings[i].action;
		return KEY_NONE; /* another arrow or function key: ignored */
	}
	for (size_t i = 0; i < key_bindings_count; i++)
		if (strchr(key_bindings[i].chars, buf[0]))
			return key_bindings[i].action;
	return KEY_NONE;
}
