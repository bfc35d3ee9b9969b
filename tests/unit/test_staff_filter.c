/*
 * test_staff_filter — what a staff filter is matched against, by what was typed
 * (store_staff_filter_class): each class keeps the query on one index.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "backend/store/store_staff.h"

static void
test_classes(void **state)
{
	(void)state;
	assert_string_equal(store_staff_filter_class(""), "");
	/* the reading: hiragana, katakana, ー・ and spaces (ASCII and ideographic) */
	assert_string_equal(store_staff_filter_class("や"), "k");
	assert_string_equal(store_staff_filter_class("やまだ た"), "k");
	assert_string_equal(store_staff_filter_class("ヤマダ　タロウ"), "k");
	assert_string_equal(store_staff_filter_class("スー・チー"), "k");
	/* ASCII: login prefix or anywhere in the name */
	assert_string_equal(store_staff_filter_class("u12"), "a");
	assert_string_equal(store_staff_filter_class("John S"), "a");
	assert_string_equal(store_staff_filter_class("  "), "a");
	/* anything else: the name */
	assert_string_equal(store_staff_filter_class("山田"), "n");
	assert_string_equal(store_staff_filter_class("山だ"), "n");
	assert_string_equal(store_staff_filter_class("やa"), "n");
	assert_string_equal(store_staff_filter_class("ｱ"), "n");	/* half-width kana */
	assert_string_equal(store_staff_filter_class("\xe3\x81"), "n");	/* cut UTF-8 */
	assert_string_equal(store_staff_filter_class("\xff"), "n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
