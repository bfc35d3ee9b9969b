/*
 * test_keymap — key names, the generic and screen keymaps, the action registry,
 * `:` completion and the screen registry look-ups.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tui/chrome.h"
#include "tui/keymap.h"
#include "tui/screen.h"

static void
test_parse_names(void **state)
{
	(void)state;
	assert_int_equal(keymap_parse_key("q"), 'q');
	assert_int_equal(keymap_parse_key("?"), '?');
	assert_int_equal(keymap_parse_key("C-s"), 0x13);
	assert_int_equal(keymap_parse_key("C-l"), 0x0c);
	assert_int_equal(keymap_parse_key("F2"), KEYMAP_KEY(KEY_F(2)));
	assert_int_equal(keymap_parse_key("F10"), KEYMAP_KEY(KEY_F(10)));
	assert_int_equal(keymap_parse_key("Esc"), 0x1b);
	assert_int_equal(keymap_parse_key("Enter"), '\r');
	assert_int_equal(keymap_parse_key("Space"), ' ');
	assert_int_equal(keymap_parse_key("PgDn"), KEYMAP_KEY(KEY_NPAGE));
	assert_int_equal(keymap_parse_key("M-x"), KEYMAP_META('x'));
	assert_int_equal(keymap_parse_key("\xe6\x96\xbd"), 0x65bd);	/* 施 */
	assert_int_equal(keymap_parse_key("F13"), KEYMAP_NONE);
	assert_int_equal(keymap_parse_key("F1x"), KEYMAP_NONE);
	assert_int_equal(keymap_parse_key("bogus"), KEYMAP_NONE);
	assert_int_equal(keymap_parse_key(""), KEYMAP_NONE);
	assert_int_equal(keymap_parse_key("C-"), KEYMAP_NONE);
	assert_int_equal(keymap_parse_key("\xff"), KEYMAP_NONE);
}

static void
test_key_names_round_trip(void **state)
{
	const char	*names[] = { "q", "?", "C-s", "F1", "F10", "Esc", "Enter", "Tab",
	    "BTab", "Up", "PgUp", "Home", "M-x", "\xe6\x96\xbd" };
	char		 buf[32];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		keymap_key_name(keymap_parse_key(names[i]), buf, sizeof buf);
		assert_string_equal(buf, names[i]);
	}
}

static void
test_generic_lookup(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup(NULL, 'q'), ACTION_BACK);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_ESC), ACTION_BACK);
	assert_int_equal(keymap_lookup(NULL, '?'), ACTION_HELP);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_F(1)), ACTION_HELP);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_F(2)), ACTION_SAVE);
	assert_int_equal(keymap_lookup(NULL, 0x13), ACTION_SAVE);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_F(10)), ACTION_QUIT);
	assert_int_equal(keymap_lookup(NULL, ':'), ACTION_COMMAND);
	assert_int_equal(keymap_lookup(NULL, '/'), ACTION_SEARCH);
	assert_int_equal(keymap_lookup(NULL, 's'), ACTION_SORT);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_KEY(KEY_DOWN)), ACTION_DOWN);
	assert_int_equal(keymap_lookup(NULL, 'j'), ACTION_DOWN);
	assert_int_equal(keymap_lookup(NULL, 'Z'), ACTION_NONE);
	assert_int_equal(keymap_lookup(NULL, KEYMAP_F(7)), ACTION_NONE);
}

static void
test_screen_keymap_first(void **state)
{
	static const struct keymap_bind binds[] = {
		{ "s", ACTION_GO_STAFF, 1 },
		{ "i", ACTION_GO_MIG, 1 },
		{ "i", ACTION_GO_VDI, 0 },	/* second binding of a key: ignored */
	};
	struct keymap	 km;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(keymap_build(&km, "dash", binds, 3, &cause), 0);
	assert_int_equal(km.n, 2);
	assert_int_equal(keymap_lookup(&km, 's'), ACTION_GO_STAFF);
	assert_int_equal(keymap_lookup(&km, 'i'), ACTION_GO_MIG);
	assert_int_equal(keymap_lookup(&km, 'q'), ACTION_BACK);	/* falls to generic */
	assert_int_equal(keymap_lookup(NULL, 's'), ACTION_SORT);	/* generic unchanged */
	keymap_free(&km);
}

static void
test_bad_key_name(void **state)
{
	static const struct keymap_bind binds[] = { { "x Hyper-q", ACTION_HELP, 0 } };
	struct keymap	 km;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(keymap_build(&km, "bad", binds, 1, &cause), -1);
	assert_string_equal(cause, "bad: unknown key \"Hyper-q\"");
	free(cause);
}

static void
test_keys_for(void **state)
{
	char	 buf[128];

	(void)state;
	keymap_keys_for(NULL, ACTION_HELP, buf, sizeof buf);
	assert_string_equal(buf, "? / F1");
	keymap_keys_for(NULL, ACTION_SAVE, buf, sizeof buf);
	assert_string_equal(buf, "C-s / F2");
	keymap_keys_for(NULL, ACTION_PAGE_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "C-f / Space / PgDn");
}

/* Every action on an F-key is also on a key that is not an F-key (SSH-safe). */
static void
test_fkeys_have_letters(void **state)
{
	const struct keymap	*g = keymap_generic();
	int			 a;
	size_t			 i;

	(void)state;
	for (a = 1; a < ACTION__COUNT; a++) {
		int on_f = 0, on_other = 0;

		for (i = 0; i < g->n; i++) {
			int k = g->entries[i].key;

			if (g->entries[i].action != (enum action)a)
				continue;
			if ((k & KEYMAP_SPECIAL) && (k & ~KEYMAP_SPECIAL) >= KEY_F(1) &&
			    (k & ~KEYMAP_SPECIAL) <= KEY_F(12))
				on_f = 1;
			else
				on_other = 1;
		}
		if (on_f && !on_other)
			fail_msg("action %s has only an F-key", action_get((enum action)a)->name);
		if (action_get((enum action)a)->fkey != 0)
			assert_int_equal(keymap_lookup(NULL,
			    KEYMAP_F(action_get((enum action)a)->fkey)), a);
	}
}

static void
test_action_registry(void **state)
{
	(void)state;
	assert_int_equal(action_find("mig")->id, ACTION_GO_MIG);
	assert_int_equal(action_find("help")->id, ACTION_HELP);
	assert_null(action_find("nope"));
	assert_string_equal(action_get(ACTION_QUIT)->name, "quit");
	assert_int_equal(action_get(ACTION_QUIT)->fkey, 10);
	assert_int_equal(action_get((enum action)-3)->id, ACTION_NONE);
}

static const struct screen_info reg[] = {
	{ "dash",     "dashboard home", "Dashboard", ACTION_GO_DASHBOARD, NULL },
	{ "measures", "plan",           "Measures",  ACTION_GO_MEASURES,  NULL },
	{ "mig",      "migration",      "Migration", ACTION_GO_MIG,       NULL },
};

static void
test_screen_registry(void **state)
{
	char	**words;
	size_t	  n, i;
	int	  found = 0;

	(void)state;
	assert_ptr_equal(screen_find(reg, 3, "mig"), &reg[2]);
	assert_ptr_equal(screen_find(reg, 3, "migration"), &reg[2]);
	assert_ptr_equal(screen_find(reg, 3, "home"), &reg[0]);
	assert_null(screen_find(reg, 3, "migr"));
	assert_ptr_equal(screen_for_action(reg, 3, ACTION_GO_MEASURES), &reg[1]);
	assert_null(screen_for_action(reg, 3, ACTION_GO_AUDIT));
	n = screen_words(reg, 3, &words);
	for (i = 0; i < n; i++)
		found += strcmp(words[i], "plan") == 0 || strcmp(words[i], "q") == 0 ||
		    strcmp(words[i], "reload") == 0;
	assert_int_equal(found, 3);
	screen_words_free(words, n);
}

static void
test_help_lines(void **state)
{
	static const struct keymap_bind binds[] = { { "i", ACTION_GO_MIG, 1 } };
	struct keymap	 km;
	char		**lines;
	int		  n, i, mig = -1, here = -1, cmd = -1, every = -1;

	(void)state;
	assert_int_equal(keymap_build(&km, "dash", binds, 1, NULL), 0);
	n = chrome_help_lines(&km, reg, 3, &lines);
	for (i = 0; i < n; i++) {
		if (strcmp(lines[i], "On this screen") == 0)
			here = i;
		if (strcmp(lines[i], "Everywhere") == 0)
			every = i;
		if (strncmp(lines[i], "Commands", 8) == 0)
			cmd = i;
		if (strstr(lines[i], ":mig :migration") != NULL)
			mig = i;
	}
	assert_int_equal(here, 0);
	assert_string_equal(lines[1],
	    "  i                      Open the standardisation migration board");
	assert_true(every > here && cmd > every && mig > cmd);
	assert_string_equal(lines[mig], "  :mig :migration        Migration (coming)");
	assert_string_equal(lines[n - 1], "  :q                     Leave rashin");
	chrome_lines_free(lines, n);
	keymap_free(&km);
}

static void
test_complete(void **state)
{
	const char *words[] = { "measures", "mig", "migration", "dash", "q" };
	char	*out;

	(void)state;
	assert_int_equal(chrome_complete("mea", words, 5, &out), 1);
	assert_string_equal(out, "measures");
	free(out);
	assert_int_equal(chrome_complete("mi", words, 5, &out), 2);
	assert_string_equal(out, "mig");
	free(out);
	assert_int_equal(chrome_complete("m", words, 5, &out), 3);
	assert_string_equal(out, "m");
	free(out);
	assert_int_equal(chrome_complete("zz", words, 5, &out), 0);
	assert_string_equal(out, "zz");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_key_names_round_trip),
		cmocka_unit_test(test_generic_lookup),
		cmocka_unit_test(test_screen_keymap_first),
		cmocka_unit_test(test_bad_key_name),
		cmocka_unit_test(test_keys_for),
		cmocka_unit_test(test_fkeys_have_letters),
		cmocka_unit_test(test_action_registry),
		cmocka_unit_test(test_screen_registry),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_complete),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
