#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "fsutil.h"

static void test_dirs_order(void **state)
{
	(void)state;
	struct catalog_env env = {
		.routines_path = "/p1:/p2/::relative:/p1",
		.xdg_data_home = "/home/u/data",
		.home = "/home/u",
		.xdg_data_dirs = "/x1:/x2",
		.installed_dir = "/usr/share/selfcare/routines",
		.source_dir = "/src/routines",
	};
	struct strv d = {0};
	catalog_dirs(&env, &d);
	const char *want[] = {"/p1", "/p2", "/home/u/data/selfcare/routines",
			      "/x1/selfcare/routines", "/x2/selfcare/routines",
			      "/usr/share/selfcare/routines", "/src/routines"};
	assert_int_equal(d.count, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < d.count; i++)
		assert_string_equal(d.v[i], want[i]);
	strv_release(&d);
}

static void test_dirs_defaults(void **state)
{
	(void)state;
	struct catalog_env env = {.home = "/home/u", .installed_dir = "/usr/share/selfcare/routines"};
	struct strv d = {0};
	catalog_dirs(&env, &d);
	assert_int_equal(d.count, 3);
	assert_string_equal(d.v[0], "/home/u/.local/share/selfcare/routines");
	assert_string_equal(d.v[1], "/usr/local/share/selfcare/routines");
	/* /usr/share/selfcare/routines appears once though named twice. */
	assert_string_equal(d.v[2], "/usr/share/selfcare/routines");
	strv_release(&d);
}

static char tmp[64];
static int warnings;

static enum catalog_problem last_problem;

static void count_warning(const char *path, enum catalog_problem what, const char *why)
{
	(void)path;
	(void)why;
	last_problem = what;
	warnings++;
}

static void put(const char *dir, const char *file)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s/%s", tmp, dir, file);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("title: T\n", f);
	fclose(f);
}

static void test_scan_shadowing(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/selfcare-test-XXXXXX");
	assert_non_null(mkdtemp(tmp));
	char a[128], b[128];
	snprintf(a, sizeof(a), "%s/user", tmp);
	snprintf(b, sizeof(b), "%s/shipped", tmp);
	mkdir(a, 0700);
	mkdir(b, 0700);
	put("user", "psoas-release.yaml");
	put("user", "Bad Name.yaml");
	put("user", "notes.txt");
	put("shipped", "psoas-release.yaml");
	put("shipped", "desk-reset.yaml");

	struct strv dirs = {0};
	strv_push(&dirs, strdup(a));
	strv_push(&dirs, strdup(b));
	strv_push(&dirs, strdup("/nonexistent/dir"));
	struct catalog cat = {0};
	warnings = 0;
	catalog_scan(&dirs, &cat, count_warning);
	assert_int_equal(warnings, 1); /* the bad name; a missing dir is fine */
	assert_int_equal(last_problem, CATALOG_MISNAMED); /* a code, not words */
	assert_int_equal(cat.count, 3);
	const struct entry *e = catalog_find(&cat, "psoas-release");
	assert_non_null(e);
	assert_true(strncmp(e->path, a, strlen(a)) == 0); /* the user's wins */
	assert_non_null(catalog_find(&cat, "desk-reset"));
	assert_null(catalog_find(&cat, "nothing"));
	catalog_sort(&cat);
	assert_string_equal(cat.items[0].name, "desk-reset");
	assert_string_equal(cat.items[1].name, "psoas-release");
	assert_false(cat.items[1].shadowed);
	assert_true(cat.items[2].shadowed);
	catalog_release(&cat);
	strv_release(&dirs);

	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	assert_int_equal(system(cmd), 0);
}

static void test_stem(void **state)
{
	(void)state;
	char *s = path_stem("/a/b/psoas-release.yaml");
	assert_string_equal(s, "psoas-release");
	free(s);
	s = path_stem("x.yaml");
	assert_string_equal(s, "x");
	free(s);
}

/* Only regular files are read, and nothing waits: a FIFO with no writer
 * would block a plain open() for ever, so alarm() turns a regression into
 * a failure instead of a hang. */
static void test_load_not_regular(void **state)
{
	(void)state;
	char dir[] = "/tmp/selfcare-test-XXXXXX", fifo[64], sub[64], good[64];
	struct routine *r = (struct routine *)1;
	struct diags d = {0};

	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/x.yaml", dir);
	snprintf(sub, sizeof(sub), "%s/d.yaml", dir);
	snprintf(good, sizeof(good), "%s/g.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	alarm(10);

	errno = 0;
	assert_int_equal(routine_load_file(fifo, &r, &d), -1);
	assert_int_equal(errno, FS_ENOTREG);
	assert_null(r);
	assert_int_equal(d.count, 0);
	assert_string_equal(fs_strerror(FS_ENOTREG), "not a regular file");

	assert_int_equal(routine_load_file(sub, &r, &d), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(routine_load_file("/dev/null", &r, &d), -1);
	assert_int_equal(errno, FS_ENOTREG);
	assert_null(read_small_file(fifo, 100));
	assert_int_equal(errno, FS_ENOTREG);

	/* A regular file still reads, NUL bytes and all. */
	FILE *f = fopen(good, "w");
	assert_non_null(f);
	fwrite("ab\0cd", 1, 5, f);
	fclose(f);
	size_t len = 0;
	char *text = read_regular_file(good, 100, &len);
	assert_non_null(text);
	assert_int_equal(len, 5);
	assert_memory_equal(text, "ab\0cd", 6);
	free(text);
	text = read_regular_file(good, 3, &len);
	assert_int_equal(len, 3);
	free(text);

	alarm(0);
	unlink(fifo);
	unlink(good);
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dirs_order),
		cmocka_unit_test(test_dirs_defaults),
		cmocka_unit_test(test_scan_shadowing),
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_load_not_regular),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
