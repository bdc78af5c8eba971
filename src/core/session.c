#include "session.h"

#include <string.h>

#include "text.h"

static void take(char *dst, const char *value)
{
	size_t n = strlen(value);
	if (n >= SESSION_VALUE_MAX || text_has_control(value, false))
		return;
	memcpy(dst, value, n + 1);
}

void session_from_environ(const char *block, size_t len, struct session *out)
{
	static const struct {
		const char *name;
		size_t offset;
	} vars[] = {
		{"DBUS_SESSION_BUS_ADDRESS=", offsetof(struct session, bus)},
		{"DISPLAY=", offsetof(struct session, display)},
		{"WAYLAND_DISPLAY=", offsetof(struct session, wayland)},
		{"XAUTHORITY=", offsetof(struct session, xauthority)},
		{"SELFCARE_TERMINAL=", offsetof(struct session, terminal)},
		{"XDG_RUNTIME_DIR=", offsetof(struct session, runtime_dir)},
	};
	const char *p = block, *end = block + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL)
			break; /* a last string cut short: not trusted */
		for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
			size_t n = strlen(vars[i].name);
			if ((size_t)(nul - p) >= n && memcmp(p, vars[i].name, n) == 0)
				take((char *)out + vars[i].offset, p + n);
		}
		p = nul + 1;
	}
}

int session_rank(const struct session *s)
{
	if (strncmp(s->bus, "unix:", 5) != 0)
		return 0;
	return s->display[0] || s->wayland[0] ? 2 : 1;
}

/* "/run/user/1//bus" is "/run/user/1/bus". */
static char *squeeze_slashes(char *path)
{
	char *w = path;
	for (const char *r = path; *r; r++)
		if (!(*r == '/' && w > path && w[-1] == '/'))
			*w++ = *r;
	*w = '\0';
	return path;
}

bool session_same_bus(const char *a, const char *b)
{
	char pa[SESSION_VALUE_MAX], pb[SESSION_VALUE_MAX];
	if (session_path_of_bus(a, pa, sizeof(pa)) && session_path_of_bus(b, pb, sizeof(pb)))
		return strcmp(squeeze_slashes(pa), squeeze_slashes(pb)) == 0;
	return strcmp(a, b) == 0;
}

void session_merge(struct session *dst, const struct session *src)
{
	bool adopt = dst->bus[0] == '\0' && session_rank(src) > 0;
	bool same = dst->bus[0] && session_same_bus(dst->bus, src->bus) &&
		    !dst->display[0] && !dst->wayland[0];
	if (adopt)
		memcpy(dst->bus, src->bus, sizeof(dst->bus));
	if (adopt || same) {
		memcpy(dst->display, src->display, sizeof(dst->display));
		memcpy(dst->wayland, src->wayland, sizeof(dst->wayland));
		memcpy(dst->xauthority, src->xauthority, sizeof(dst->xauthority));
		if (src->wayland[0])
			memcpy(dst->runtime_dir, src->runtime_dir, sizeof(dst->runtime_dir));
	}
	/* Never src's SELFCARE_TERMINAL: a command line from another
	 * process (a sandboxed one, say) is not ours to run. */
}

bool session_path_of_bus(const char *bus, char *path, size_t len)
{
	const char *p = strstr(bus, "path=");
	if (strncmp(bus, "unix:", 5) != 0 || p == NULL || (p[-1] != ':' && p[-1] != ','))
		return false;
	p += 5;
	size_t n = strcspn(p, ",;");
	if (n == 0 || n >= len)
		return false;
	memcpy(path, p, n);
	path[n] = '\0';
	return true;
}
