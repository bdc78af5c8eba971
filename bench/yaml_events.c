/* The baseline for bench/list.sh: read each routine file in a directory and
 * run libyaml's event parser over it, doing nothing with the events. No
 * program that parses these files can cost fewer instructions, so
 * 'selfcare list' is measured against it.
 * Usage: yaml_events DIR... */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long parse_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long events = 0;
	yaml_parser_t parser;
	yaml_event_t ev;

	if (f == NULL)
		return -1;
	static char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			events = -1;
			break;
		}
		events++;
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return events;
}

static int parse_dir(const char *name, long *files, long *events)
{
	DIR *dir = opendir(name);
	if (dir == NULL) {
		perror(name);
		return -1;
	}
	for (struct dirent *de; (de = readdir(dir)) != NULL;) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", name, de->d_name);
		long e = parse_file(path);
		if (e < 0) {
			fprintf(stderr, "%s: not valid YAML\n", path);
			closedir(dir);
			return -1;
		}
		++*files;
		*events += e;
	}
	closedir(dir);
	return 0;
}

int main(int argc, char **argv)
{
	long files = 0, events = 0;

	if (argc < 2) {
		fputs("usage: yaml_events DIR...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (parse_dir(argv[i], &files, &events) < 0)
			return 1;
	printf("%ld files, %ld events\n", files, events);
	return 0;
}
