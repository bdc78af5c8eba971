/* The position tree: where nodes start, and where errors are placed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "yamlpos.h"

static void place(const char *text, size_t off, unsigned line, unsigned col)
{
	unsigned l, c;
	ytext_place(text, strlen(text), off, &l, &c);
	if (l != line || c != col)
		fail_msg("offset %zu of %s: got %u:%u, want %u:%u", off, text, l, c, line, col);
}

static void test_place(void **state)
{
	(void)state;
	place("ab\ncd\n", 0, 1, 1);
	place("ab\ncd\n", 4, 2, 2);
	/* Columns count characters, as libyaml's marks do. */
	place("é\xc3\xa9x\n", 4, 1, 3);
	/* Inside a character: its first byte. */
	place("a\xc3\xa9", 2, 1, 2);
	/* At or past the end: the last character of the last line that has
	 * one. Within the white space that ends the file: where it is. */
	place("ab\ncd\n", 6, 2, 2);
	place("ab\ncd\n\n\n  \n", 11, 2, 2);
	place("ab\ncd\n\n\n  \n", 9, 5, 2);
	/* Line breaks as libyaml counts them: CR, CR LF, NEL, LS; a BOM takes
	 * no column. */
	place("ab\rcd", 4, 2, 2);
	place("ab\r\ncd", 5, 2, 2);
	place("ab\xc2\x85" "cd", 5, 2, 2);
	place("ab\xe2\x80\xa8" "cd", 6, 2, 2);
	place("\xef\xbb\xbf" "ab", 4, 1, 2);
	place("ab\ncd\n", 1000, 2, 2);
	place("", 0, 1, 1);
	place("\n\n", 5, 1, 1);
}

static void test_tree(void **state)
{
	(void)state;
	struct diags d = {0};
	struct arena *mem = arena_new(0);
	const char *y = "a: 1\nb:\n  - x\n  - {c: ~}\n";
	struct ynode *root = ydoc_parse(y, strlen(y), &d, mem);

	assert_non_null(root);
	assert_int_equal(d.count, 0);
	assert_int_equal(root->type, YN_MAPPING);
	assert_int_equal(root->count, 4);
	struct ynode *b = ynode_value(root, "b");
	assert_int_equal(b->type, YN_SEQUENCE);
	assert_int_equal(b->line, 3);
	assert_int_equal(b->col, 3);
	assert_int_equal(b->count, 2);
	assert_string_equal(b->kids[0]->value, "x");
	struct ynode *c = ynode_value(b->kids[1], "c");
	assert_true(c->is_null);
	assert_int_equal(c->line, 4);
	assert_int_equal(c->col, 9);
	assert_int_equal(root->kids[2]->line, 2); /* the key b */
	assert_null(ynode_value(b, "a"));
	arena_release(mem);
}

static void test_keeps_going(void **state)
{
	(void)state;
	struct diags d = {0};
	struct arena *mem = arena_new(0);
	/* An alias and a second document are errors, but the first document
	 * is still there to check. */
	const char *y = "a: &x 1\nb: *x\n---\nc: 2\n";
	struct ynode *root = ydoc_parse(y, strlen(y), &d, mem);
	assert_non_null(root);
	assert_int_equal(d.count, 2);
	assert_string_equal(d.items[0].msg, "aliases are not allowed");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 4);
	assert_true(ynode_value(root, "b")->reported);
	assert_string_equal(d.items[1].msg, "a second YAML document: the file holds only one");
	assert_int_equal(d.items[1].line, 3);
	assert_null(ynode_value(root, "c"));
	diags_release(&d);
	arena_release(mem);

	/* Duplicate keys are the schema check's to judge: both are kept. */
	mem = arena_new(0);
	y = "a: 1\na: 2\n";
	root = ydoc_parse(y, strlen(y), &d, mem);
	assert_int_equal(d.count, 0);
	assert_int_equal(root->count, 4);
	arena_release(mem);
}

static void test_long_list(void **state)
{
	(void)state;
	/* Items past YAMLPOS_MAX_ITEMS are parsed but not kept, nested ones
	 * included; what follows the list is kept again. */
	size_t cap = 256 * 1024, o = 0;
	char *y = malloc(cap);
	o += (size_t)snprintf(y + o, cap - o, "l:\n");
	for (int i = 0; i < 3 * YAMLPOS_MAX_ITEMS; i++)
		o += (size_t)snprintf(y + o, cap - o, "  - {k: [%d, [%d]]}\n", i, i);
	o += (size_t)snprintf(y + o, cap - o, "after: yes\n");
	struct diags d = {0};
	struct arena *mem = arena_new(0);
	struct ynode *root = ydoc_parse(y, o, &d, mem);
	assert_non_null(root);
	assert_int_equal(d.count, 0);
	struct ynode *l = ynode_value(root, "l");
	assert_int_equal(l->count, YAMLPOS_MAX_ITEMS);
	assert_true(l->cut);
	assert_int_equal(l->cut_line, YAMLPOS_MAX_ITEMS + 2);
	assert_int_equal(l->cut_col, 5);
	struct ynode *after = ynode_value(root, "after");
	assert_non_null(after);
	assert_int_equal(after->line, 3 * YAMLPOS_MAX_ITEMS + 2);
	arena_release(mem);
	free(y);
}

static void test_many_keys_cut(void **state)
{
	(void)state;
	/* Keys past YAMLPOS_MAX_ITEMS are not kept either; their values, nested
	 * ones included, are skipped with them. */
	size_t cap = 256 * 1024, o = 0;
	char *y = malloc(cap);
	for (int i = 0; i < 2 * YAMLPOS_MAX_ITEMS; i++)
		o += (size_t)snprintf(y + o, cap - o, "k%d: {a: [1]}\n", i);
	struct diags d = {0};
	struct arena *mem = arena_new(0);
	struct ynode *root = ydoc_parse(y, o, &d, mem);
	assert_non_null(root);
	assert_int_equal(root->count, 2 * YAMLPOS_MAX_ITEMS);
	assert_true(root->cut);
	assert_int_equal(root->cut_line, YAMLPOS_MAX_ITEMS + 1);
	assert_int_equal(root->cut_col, 1);
	/* A NUL written as an escape is kept, and said. */
	const char *esc = "a: \"x\\0y\"\n";
	struct ynode *n = ydoc_parse(esc, strlen(esc), &d, mem);
	assert_non_null(n);
	assert_true(ynode_value(n, "a")->has_nul);
	arena_release(mem);
	free(y);
}

static void test_errors(void **state)
{
	(void)state;
	struct diags d = {0};
	struct arena *mem = arena_new(0);
	/* Syntax errors end the parse with one diag, and no tree. */
	assert_null(ydoc_parse("a: [1\n", 6, &d, mem));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 5);
	diags_release(&d);
	assert_null(ydoc_parse("a:\n\t- b\n", 8, &d, mem));
	assert_string_equal(d.items[0].msg, "tab characters are not allowed for indentation");
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 1);
	diags_release(&d);
	/* A tab that is not indentation is libyaml's to judge. */
	struct ynode *root = ydoc_parse("a:\tb\n", 5, &d, mem);
	assert_non_null(root);
	assert_string_equal(ynode_value(root, "a")->value, "b");
	assert_int_equal(d.count, 0);
	/* Nesting too deep ends it too. */
	char deep[200] = "a: ";
	for (int i = 0; i < 60; i++)
		strcat(deep, "[");
	assert_null(ydoc_parse(deep, strlen(deep), &d, mem));
	assert_string_equal(d.items[0].msg, "nesting is too deep");
	diags_release(&d);
	arena_release(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_keeps_going),
		cmocka_unit_test(test_long_list),
		cmocka_unit_test(test_many_keys_cut),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
