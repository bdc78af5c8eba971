/* The catalog: where routines live and which one a name means.
 * catalog_dirs() is pure (environment values passed in); the scanning
 * functions read directories and files. */
#ifndef SELFCARE_CATALOG_H
#define SELFCARE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "routine.h"

struct strv {
	char **v;
	size_t count, cap;
};

void strv_push(struct strv *s, char *owned);
void strv_release(struct strv *s);

struct catalog_env {
	const char *routines_path; /* $SELFCARE_ROUTINES_PATH or NULL */
	const char *xdg_data_home; /* or NULL */
	const char *home;          /* or NULL */
	const char *xdg_data_dirs; /* or NULL */
	const char *installed_dir; /* the installed shipped routines: DATADIR/selfcare/shipped */
	const char *beside_dir;    /* ../share/selfcare/shipped from the program, or NULL:
				    * an installed tree moved, or in a DESTDIR */
	const char *source_dir;    /* the source tree's routines/, or NULL */
};

/* The search path, first match wins; duplicates and empty entries dropped. */
void catalog_dirs(const struct catalog_env *env, struct strv *dirs);

/* Fill env from the process environment and the build's paths. */
void catalog_env_from_process(struct catalog_env *env);

struct entry {
	char *name;
	char *path;
	bool shadowed; /* an earlier directory has the same name */
};

struct catalog {
	struct entry *items;
	size_t count, cap;
	struct arena *mem; /* the entries' names and paths */
	size_t misnamed;   /* NAME.yaml files left out: NAME breaks the rule */
	const char *first_misnamed; /* the first one's path, or NULL */
};

/* List every NAME.yaml in dirs, in search order then by name. Files whose
 * stem breaks the name rule are reported through warn (may be NULL). */
enum catalog_problem {
	CATALOG_MISNAMED,   /* NAME.yaml whose NAME breaks the rule: left out */
	CATALOG_UNREADABLE, /* a directory that cannot be read */
};
void catalog_scan(const struct strv *dirs, struct catalog *cat,
		  void (*warn)(const char *path, enum catalog_problem what, const char *why));
void catalog_release(struct catalog *cat);
/* Sort entries by name, shadowing ones after the winner; pure. */
void catalog_sort(struct catalog *cat);

/* The first entry for name that is not shadowed, or NULL. */
const struct entry *catalog_find(const struct catalog *cat, const char *name);

/* Read and parse a routine file (size-capped). On failure adds diags (an
 * I/O failure is returned as -1 with errno set and no diag). Only a
 * regular file is read, without ever blocking: a directory is EISDIR, a
 * FIFO, socket or device FS_ENOTREG (fsutil.h; fs_strerror names both). */
int routine_load_file(const char *path, struct routine **out, struct diags *d);

/* routine_load_file() for a routine named by its file: the stem is the
 * routine's name and must pass the name rule. Breaking it is one more
 * diag, at 1:1 after the file's own, and no routine; so show, run and
 * validate refuse a FILE alike. */
int routine_load_named(const char *path, struct routine **out, struct diags *d);

/* The stem of a path: "dir/psoas-release.yaml" -> "psoas-release". */
char *path_stem(const char *path);

#endif
