/* Finding the desktop session in environments: pure parsing and ranking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "session.h"

#define ENV(s) s, sizeof(s) - 1 /* a block of NUL-terminated strings */

static void test_from_environ(void **state)
{
	(void)state;
	struct session s;
	session_from_environ(ENV("PATH=/bin\0DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/dbus-1,guid=x\0"
				 "DISPLAY=:0\0XAUTHORITY=/home/a/.Xauthority\0SELFCARE_TERMINAL=xterm\0"),
			     &s);
	assert_string_equal(s.bus, "unix:path=/tmp/dbus-1,guid=x");
	assert_string_equal(s.display, ":0");
	assert_string_equal(s.xauthority, "/home/a/.Xauthority");
	assert_string_equal(s.terminal, "xterm");
	assert_string_equal(s.wayland, "");
	assert_int_equal(session_rank(&s), 2);
	/* A name that only starts like one is not it; a control character
	 * leaves the value out; a last string with no NUL is not trusted. */
	session_from_environ(ENV("DISPLAYX=:1\0DISPLAY=:1\x1b[2J\0WAYLAND_DISPLAY=wayland-0"), &s);
	assert_string_equal(s.display, "");
	assert_string_equal(s.wayland, "");
	assert_int_equal(session_rank(&s), 0);
}

static void test_rank(void **state)
{
	(void)state;
	struct session s = {0};
	strcpy(s.bus, "tcp:host=example.org,port=1");
	strcpy(s.display, ":0");
	assert_int_equal(session_rank(&s), 0); /* only unix: addresses */
	strcpy(s.bus, "unix:abstract=/tmp/dbus-x");
	assert_int_equal(session_rank(&s), 2);
	s.display[0] = '\0';
	assert_int_equal(session_rank(&s), 1);
	char path[64];
	assert_false(session_path_of_bus(s.bus, path, sizeof(path)));
	assert_true(session_path_of_bus("unix:path=/run/user/1000/bus", path, sizeof(path)));
	assert_string_equal(path, "/run/user/1000/bus");
	assert_true(session_path_of_bus("unix:guid=1,path=/tmp/b;unix:path=/x", path, sizeof(path)));
	assert_string_equal(path, "/tmp/b");
	assert_false(session_path_of_bus("unix:xpath=/tmp/b", path, sizeof(path)));
}

static void test_merge(void **state)
{
	(void)state;
	struct session mine = {0}, other = {0};
	strcpy(other.bus, "unix:path=/tmp/dbus-9");
	strcpy(other.display, ":9");
	strcpy(other.terminal, "foot");
	/* No bus of our own: the other's whole session. */
	session_merge(&mine, &other);
	assert_string_equal(mine.bus, "unix:path=/tmp/dbus-9");
	assert_string_equal(mine.display, ":9");
	assert_string_equal(mine.terminal, ""); /* another process's command: never */
	/* A bus of our own: a display only from a process on the same bus. */
	struct session own = {0}, far = {0};
	strcpy(own.bus, "unix:path=/run/user/1/bus");
	strcpy(far.bus, "unix:path=/tmp/dbus-other");
	strcpy(far.display, ":3");
	session_merge(&own, &far);
	assert_string_equal(own.display, "");
	assert_string_equal(own.terminal, "");
	strcpy(far.bus, "unix:path=/run/user/1//bus,guid=ab");
	session_merge(&own, &far);
	assert_string_equal(own.display, ":3"); /* the same socket */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_environ),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
