#include "catalog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "arena.h"
#include "util.h"

#ifndef SELFCARE_DATADIR
#define SELFCARE_DATADIR "/usr/local/share/selfcare/shipped"
#endif

void strv_push(struct strv *s, char *owned)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->count++] = owned;
}

void strv_release(struct strv *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->count = s->cap = 0;
}

static void add_dir(struct strv *dirs, char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	/* Relative XDG entries are invalid by the spec and ignored. */
	if (n == 0 || (dir[0] != '/' && dir[0] != '.')) {
		free(dir);
		return;
	}
	for (size_t i = 0; i < dirs->count; i++) {
		if (strcmp(dirs->v[i], dir) == 0) {
			free(dir);
			return;
		}
	}
	strv_push(dirs, dir);
}

static void add_list(struct strv *dirs, const char *list, const char *suffix)
{
	const char *p = list;

	while (p && *p) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		if (n > 0 && p[0] == '/')
			add_dir(dirs, xasprintf("%.*s%s", (int)n, p, suffix));
		else if (n > 0 && suffix[0] == '\0')
			add_dir(dirs, xasprintf("%.*s", (int)n, p));
		p = colon ? colon + 1 : NULL;
	}
}

void catalog_dirs(const struct catalog_env *env, struct strv *dirs)
{
	if (env->routines_path && *env->routines_path)
		add_list(dirs, env->routines_path, "");
	if (env->xdg_data_home && env->xdg_data_home[0] == '/')
		add_dir(dirs, xasprintf("%s/selfcare/routines", env->xdg_data_home));
	else if (env->home && env->home[0] == '/')
		add_dir(dirs, xasprintf("%s/.local/share/selfcare/routines", env->home));
	add_list(dirs,
		 env->xdg_data_dirs && *env->xdg_data_dirs ? env->xdg_data_dirs
							   : "/usr/local/share:/usr/share",
		 "/selfcare/routines");
	if (env->installed_dir)
		add_dir(dirs, xstrdup(env->installed_dir));
	if (env->beside_dir)
		add_dir(dirs, xstrdup(env->beside_dir));
	if (env->source_dir)
		add_dir(dirs, xstrdup(env->source_dir));
}

void catalog_env_from_process(struct catalog_env *env)
{
	static char exe_dir[PATH_MAX], beside[PATH_MAX + 32];

	env->routines_path = getenv("SELFCARE_ROUTINES_PATH");
	env->xdg_data_home = getenv("XDG_DATA_HOME");
	env->home = getenv("HOME");
	env->xdg_data_dirs = getenv("XDG_DATA_DIRS");
	env->installed_dir = SELFCARE_DATADIR;
	env->beside_dir = NULL;
	env->source_dir = NULL;
	ssize_t n = readlink("/proc/self/exe", exe_dir, sizeof(exe_dir) - 1);
	if (n <= 0)
		return;
	exe_dir[n] = '\0';
	char *slash = strrchr(exe_dir, '/');
	if (slash)
		*slash = '\0';
	/* PREFIX/bin/selfcare finds PREFIX/share/selfcare/shipped wherever
	 * PREFIX is now. */
	slash = strrchr(exe_dir, '/');
	if (slash && strcmp(slash, "/bin") == 0) {
		snprintf(beside, sizeof(beside), "%.*s/share/selfcare/shipped",
			 (int)(slash - exe_dir), exe_dir);
		env->beside_dir = beside;
	}
#if defined(SELFCARE_BUILD_DIR) && defined(SELFCARE_SOURCE_ROUTINES)
	/* Running from a build in the source tree: use its routines/. */
	if (strcmp(exe_dir, SELFCARE_BUILD_DIR) == 0)
		env->source_dir = SELFCARE_SOURCE_ROUTINES;
#endif
}

char *path_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%.*s", (int)n, base);
}

static void push_entry(struct catalog *cat, struct entry e)
{
	if (cat->count == cat->cap) {
		cat->cap = cat->cap ? cat->cap * 2 : 32;
		cat->items = xreallocarray(cat->items, cat->cap, sizeof(*cat->items));
	}
	cat->items[cat->count++] = e;
}

static int cmp_by_name_then_place(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a, *y = *(const struct entry *const *)b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x > y) - (x < y);
}

/* Of the entries with one name, the one found first wins. Sorting by name
 * finds them in n log n; looking each one up as it came was quadratic. */
static void mark_shadowed(struct catalog *cat, size_t dirs_with_files)
{
	/* Names are unique within one directory. */
	if (cat->count < 2 || dirs_with_files < 2)
		return;
	const struct entry **by = xcalloc(cat->count, sizeof(*by));
	for (size_t i = 0; i < cat->count; i++)
		by[i] = &cat->items[i];
	qsort(by, cat->count, sizeof(*by), cmp_by_name_then_place);
	for (size_t i = 1; i < cat->count; i++)
		if (strcmp(by[i]->name, by[i - 1]->name) == 0)
			cat->items[by[i] - cat->items].shadowed = true;
	free(by);
}

static int cmp_entry_names(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* a, b and the first n bytes of c, in one string from mem. */
static char *join(struct arena *mem, const char *a, const char *b, const char *c, size_t n)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = arena_alloc(mem, la + lb + n + 1);
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, n);
	s[la + lb + n] = '\0';
	return s;
}

void catalog_scan(const struct strv *dirs, struct catalog *cat,
		  void (*warn)(const char *path, enum catalog_problem what, const char *why))
{
	size_t dirs_with_files = 0;

	/* Names and paths in a few blocks rather than two small allocations
	 * an entry: they live as long as the catalog, and scattered they
	 * left the heap in a shape that made every parse after them slower. */
	if (cat->mem == NULL)
		cat->mem = arena_new(16 * 1024);
	for (size_t i = 0; i < dirs->count; i++) {
		DIR *dir = opendir(dirs->v[i]);
		struct dirent *de;
		struct catalog here = {0};

		if (dir == NULL) {
			if (errno != ENOENT && errno != ENOTDIR && warn)
				warn(dirs->v[i], CATALOG_UNREADABLE, strerror(errno));
			continue;
		}
		while ((de = readdir(dir)) != NULL) {
			size_t n = strlen(de->d_name);
			if (de->d_name[0] == '.' || n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
				continue;
			push_entry(&here, (struct entry){
				.name = join(cat->mem, "", "", de->d_name, n - 5),
				.path = join(cat->mem, dirs->v[i], "/", de->d_name, n),
			});
		}
		closedir(dir);
		if (here.count > 1)
			qsort(here.items, here.count, sizeof(*here.items), cmp_entry_names);
		for (size_t j = 0; j < here.count; j++) {
			struct entry *e = &here.items[j];
			if (routine_name_valid(e->name)) {
				push_entry(cat, *e);
				continue;
			}
			if (cat->misnamed++ == 0)
				cat->first_misnamed = e->path;
			if (warn)
				warn(e->path, CATALOG_MISNAMED,
				     "name must match [a-z0-9][a-z0-9-]{0,63}; skipped");
		}
		dirs_with_files += here.count > 0;
		free(here.items);
	}
	mark_shadowed(cat, dirs_with_files);
}

static int cmp_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (int)x->shadowed - (int)y->shadowed;
}

void catalog_sort(struct catalog *cat)
{
	/* Only one entry per name is not shadowed, so this order is total
	 * enough: the winner first, then the ones it hides. */
	if (cat->count > 1)
		qsort(cat->items, cat->count, sizeof(*cat->items), cmp_entries);
}

const struct entry *catalog_find(const struct catalog *cat, const char *name)
{
	for (size_t i = 0; i < cat->count; i++)
		if (!cat->items[i].shadowed && strcmp(cat->items[i].name, name) == 0)
			return &cat->items[i];
	return NULL;
}

void catalog_release(struct catalog *cat)
{
	arena_release(cat->mem);
	free(cat->items);
	memset(cat, 0, sizeof(*cat));
}

int routine_load_file(const char *path, struct routine **out, struct diags *d)
{
	/* One buffer for every file read: list reads a thousand, and a
	 * fresh one each time costs more than reading them. */
	static struct buffer scratch;
	size_t len;

	*out = NULL;
	/* Read at most one byte past the cap: enough to know it is too big
	 * without trusting st_size (/proc). */
	if (read_regular_into(path, ROUTINE_FILE_MAX + 1, &scratch, &len) < 0)
		return -1;
	*out = routine_parse(scratch.data, len, d);
	return 0;
}

int routine_load_named(const char *path, struct routine **out, struct diags *d)
{
	size_t before = d->count;

	if (routine_load_file(path, out, d) < 0)
		return -1;
	char *name = path_stem(path);
	if (!routine_name_valid(name)) {
		diags_add(d, 1, 1,
			  "routine name '%s' (from the file name) must match "
			  "[a-z0-9][a-z0-9-]{0,63}",
			  name);
		routine_free(*out);
		*out = NULL;
		diags_sort(d, before); /* the file's name comes first */
	}
	free(name);
	return 0;
}
