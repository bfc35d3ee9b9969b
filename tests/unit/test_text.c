/*
 * test_text — widths, fitting, cells, wrapping and the sanitiser (tui/text.c).
 * Expectations are worked out by hand from the code points; UTF-8 is spelled as bytes so
 * that what is tested is visible.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/text.h"

#define FFFD	"\xef\xbf\xbd"

static int
setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

static void
check_sanitize(const char *in, const char *want)
{
	char	*out = text_sanitize(in);

	assert_string_equal(out, want);
	free(out);
}

/* Output must be valid UTF-8 with no C0, DEL, C1 or bidi control left in it. */
static void
check_clean(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len = strlen(s);

	assert_true(text_valid_utf8(s, len));
	for (i = 0; i < len; i++) {
		assert_true(p[i] >= 0x20);
		assert_true(p[i] != 0x7F);
		if (p[i] == 0xC2)
			assert_true(p[i + 1] >= 0xA0);
		if (p[i] == 0xE2 && p[i + 1] == 0x80)
			assert_false(p[i + 2] >= 0xAA && p[i + 2] <= 0xAE);
		if (p[i] == 0xE2 && p[i + 1] == 0x81)
			assert_false(p[i + 2] >= 0xA6 && p[i + 2] <= 0xA9);
	}
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86"), 6);	/* あいう */
	assert_int_equal(text_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);			/* 漢字 */
	assert_int_equal(text_width("\xef\xbd\xb1\xef\xbd\xb2\xef\xbd\xb3"), 3);	/* ｱｲｳ */
	assert_int_equal(text_width("e\xcc\x81"), 1);			/* e + U+0301 */
	assert_int_equal(text_width("\xcc\x81"), 0);			/* lone combining mark */
	assert_int_equal(text_width("\xe3\x81\x8b\xe3\x82\x99"), 2);	/* か + U+3099 */
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);		/* U+1F600 */
	/* U+1F468 ZWJ U+1F469: wcwidth counts each person */
	assert_int_equal(text_width("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"), 4);
	assert_int_equal(text_width("a\xe2\x80\x8b" "b"), 2);		/* zero-width space */
	assert_int_equal(text_width("\xe3\x80\x80"), 2);		/* ideographic space */
	/* as drawn: controls become one-column pictures, bad bytes one U+FFFD each */
	assert_int_equal(text_width("a\tb"), 3);
	assert_int_equal(text_width("\x1b[31m"), 5);
	assert_int_equal(text_width("\xff\xfe"), 2);
	assert_int_equal(text_width("\xe2\x80\xae"), 1);		/* U+202E as U+FFFD */
}

static void
test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width(L'A'), 1);
	assert_int_equal(text_cp_width(0x3042), 2);
	assert_int_equal(text_cp_width(0xFF71), 1);
	assert_int_equal(text_cp_width(0x0301), 0);
	assert_int_equal(text_cp_width(0x200B), 0);
	assert_int_equal(text_cp_width(0x200D), 0);
	assert_int_equal(text_cp_width(0x1F600), 2);
	assert_int_equal(text_cp_width(0x09), 1);
	assert_int_equal(text_cp_width(0x00), 1);
	assert_int_equal(text_cp_width(0x7F), 1);
	assert_int_equal(text_cp_width(0x85), 1);
	assert_int_equal(text_cp_width(0x202E), 1);
	assert_int_equal(text_cp_width(0x2066), 1);
	assert_int_equal(text_cp_width(0xD800), 1);
	assert_int_equal(text_cp_width(0x110000), 1);
	assert_int_equal(text_cp_width(-1), 1);
}

/* a あ ｱ e+U+0301 U+1F600 b: bytes 1,3,3,1+2,4,1 and widths 1,2,1,1,2,1 */
static void
test_fit(void **state)
{
	static const char *s = "a\xe3\x81\x82\xef\xbd\xb1" "e\xcc\x81\xf0\x9f\x98\x80" "b";
	static const struct { int cols; size_t bytes; int used; } t[] = {
		{ 0, 0, 0 }, { 1, 1, 1 }, { 2, 1, 1 }, { 3, 4, 3 }, { 4, 7, 4 },
		{ 5, 10, 5 }, { 6, 10, 5 }, { 7, 14, 7 }, { 8, 15, 8 }, { 9, 15, 8 },
		{ -3, 0, 0 },
	};
	size_t	i;
	int	used;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		used = -1;
		assert_int_equal(text_fit(s, t[i].cols, &used), t[i].bytes);
		assert_int_equal(used, t[i].used);
	}
	assert_int_equal(text_fit("\xe6\xbc\xa2\xe5\xad\x97", 3, NULL), 3);
	assert_int_equal(text_fit("\xe6\xbc\xa2\xe5\xad\x97", 1, &used), 0);
	assert_int_equal(used, 0);
	/* combining marks stay with their base: e+U+0301+U+0323 then x */
	assert_int_equal(text_fit("e\xcc\x81\xcc\xa3x", 1, &used), 5);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(NULL, 5, &used), 0);
	assert_int_equal(used, 0);
}

static void
check_cell(const char *in, int cols, enum text_align align, const char *want)
{
	char	*out = text_cell(in, cols, align);

	assert_string_equal(out, want);
	assert_int_equal(text_width(out), cols < 0 ? 0 : cols);
	free(out);
}

static void
test_cell(void **state)
{
	(void)state;
	check_cell("abc", 5, TEXT_LEFT, "abc  ");
	check_cell("abc", 5, TEXT_RIGHT, "  abc");
	check_cell("abc", 6, TEXT_CENTER, " abc  ");
	check_cell("abc", 3, TEXT_LEFT, "abc");
	check_cell("abcdef", 4, TEXT_LEFT, "abc\xe2\x80\xa6");
	check_cell("abc", 1, TEXT_LEFT, "\xe2\x80\xa6");
	check_cell("abc", 0, TEXT_LEFT, "");
	check_cell("abc", -2, TEXT_LEFT, "");
	check_cell(NULL, 2, TEXT_LEFT, "  ");
	/* 漢字漢字: width 8 */
	check_cell("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 5, TEXT_LEFT,
	    "\xe6\xbc\xa2\xe5\xad\x97\xe2\x80\xa6");
	/* the second 漢 would straddle column 3: a space instead */
	check_cell("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 4, TEXT_LEFT,
	    "\xe6\xbc\xa2\xe2\x80\xa6 ");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97", 4, TEXT_RIGHT,
	    " \xe6\xbc\xa2\xe2\x80\xa6");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 4, TEXT_LEFT, "\xe6\xbc\xa2\xe5\xad\x97");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 5, TEXT_RIGHT, " \xe6\xbc\xa2\xe5\xad\x97");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 3, TEXT_RIGHT, "\xe6\xbc\xa2\xe2\x80\xa6");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 2, TEXT_LEFT, "\xe2\x80\xa6 ");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 2, TEXT_RIGHT, " \xe2\x80\xa6");
	check_cell("\xe6\xbc\xa2\xe5\xad\x97", 1, TEXT_LEFT, "\xe2\x80\xa6");
	/* the truncated part keeps its combining marks */
	check_cell("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, TEXT_LEFT, "e\xcc\x81\xe2\x80\xa6");
	/* sanitised on the way */
	check_cell("a\tb", 4, TEXT_LEFT, "a\xe2\x90\x89" "b ");
	check_cell("\x80", 2, TEXT_LEFT, FFFD " ");
}

/* Every cell of a mixed string is exactly cols wide, valid and a prefix of the whole. */
static void
test_cell_exact(void **state)
{
	static const char *strs[] = {
		"a\xe3\x81\x82\xef\xbd\xb1" "e\xcc\x81\xf0\x9f\x98\x80" "b\xe6\xbc\xa2",
		"\xe5\xb8\x82\xe5\xbd\xb9\xe6\x89\x80 IT \xe8\xaa\xb2",	/* 市役所 IT 課 */
		"x\t\x1b\x7f\xc2\x85\xe2\x80\xae\xff\xed\xa0\x80y",
		"\xef\xbd\xb6\xef\xbe\x9e\xef\xbd\xb7\xef\xbe\x9e",	/* ｶﾞｷﾞ */
	};
	enum text_align	 al[] = { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };
	size_t		 i, a;
	int		 cols;
	char		*c;

	(void)state;
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (a = 0; a < 3; a++) {
			for (cols = 0; cols <= 16; cols++) {
				c = text_cell(strs[i], cols, al[a]);
				assert_int_equal(text_width(c), cols);
				check_clean(c);
				free(c);
			}
		}
	}
}

static void
test_sanitize_c0_del(void **state)
{
	char	in[2], want[4];
	int	c;

	(void)state;
	for (c = 1; c < 0x20; c++) {
		in[0] = (char)c;
		in[1] = '\0';
		/* U+2400 + c is E2 90 (80 + c) */
		want[0] = '\xe2';
		want[1] = '\x90';
		want[2] = (char)(0x80 + c);
		want[3] = '\0';
		check_sanitize(in, want);
	}
	check_sanitize("a\tb", "a\xe2\x90\x89" "b");		/* ␉ */
	check_sanitize("a\nb", "a\xe2\x90\x8a" "b");		/* ␊ */
	check_sanitize("\x1b[2J", "\xe2\x90\x9b[2J");		/* ␛ */
	check_sanitize("\b\r", "\xe2\x90\x88\xe2\x90\x8d");
	check_sanitize("\x7f", "\xe2\x90\xa1");			/* ␡ */
}

static void
test_sanitize_c1_bidi(void **state)
{
	char	in[4];
	int	c;

	(void)state;
	for (c = 0x80; c <= 0x9F; c++) {
		in[0] = '\xc2';
		in[1] = (char)c;
		in[2] = '\0';
		check_sanitize(in, FFFD);
	}
	for (c = 0x202A; c <= 0x202E; c++) {
		in[0] = '\xe2';
		in[1] = '\x80';
		in[2] = (char)(0x80 | (c & 0x3F));
		in[3] = '\0';
		check_sanitize(in, FFFD);
	}
	for (c = 0x2066; c <= 0x2069; c++) {
		in[0] = '\xe2';
		in[1] = '\x81';
		in[2] = (char)(0x80 | (c & 0x3F));
		in[3] = '\0';
		check_sanitize(in, FFFD);
	}
	check_sanitize("abc\xe2\x80\xae" "cba", "abc" FFFD "cba");
	/* U+00A0 (first after C1) stays */
	check_sanitize("\xc2\xa0", "\xc2\xa0");
}

static void
test_sanitize_invalid(void **state)
{
	(void)state;
	check_sanitize("\x80", FFFD);				/* lone continuation */
	check_sanitize("a\xbf" "b", "a" FFFD "b");
	check_sanitize("\xe3\x81", FFFD FFFD);			/* truncated at end */
	check_sanitize("\xe3\x81" "a", FFFD FFFD "a");		/* truncated mid-string */
	check_sanitize("\xf0\x9f\x98", FFFD FFFD FFFD);
	check_sanitize("\xc3", FFFD);
	check_sanitize("\xc0\xaf", FFFD FFFD);			/* overlong '/' */
	check_sanitize("\xc1\xbf", FFFD FFFD);
	check_sanitize("\xe0\x80\xaf", FFFD FFFD FFFD);
	check_sanitize("\xe0\x9f\xbf", FFFD FFFD FFFD);
	check_sanitize("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf0\x8f\xbf\xbf", FFFD FFFD FFFD FFFD);
	check_sanitize("\xed\xa0\x80", FFFD FFFD FFFD);		/* U+D800 */
	check_sanitize("\xed\xbf\xbf", FFFD FFFD FFFD);		/* U+DFFF */
	check_sanitize("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);	/* U+110000 */
	check_sanitize("\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
	check_sanitize("\xf8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD);
	check_sanitize("\xfe", FFFD);
	check_sanitize("\xff", FFFD);
	check_sanitize("\xfe\xfe\xff\xff", FFFD FFFD FFFD FFFD);
	/* not printable by wcwidth: U+0378 (unassigned), U+2028, U+FFFE, U+10FFFF */
	check_sanitize("\xcd\xb8", FFFD);
	check_sanitize("\xe2\x80\xa8", FFFD);
	check_sanitize("\xef\xbf\xbe", FFFD);
	check_sanitize("\xf4\x8f\xbf\xbf", FFFD);
}

static void
test_sanitize_keeps(void **state)
{
	(void)state;
	check_sanitize(NULL, "");
	check_sanitize("", "");
	check_sanitize("plain ASCII ~", "plain ASCII ~");
	check_sanitize("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	check_sanitize("\xcc\x81" "a", "\xcc\x81" "a");		/* combining mark first */
	check_sanitize("\xe2\x80\x8d\xe2\x80\x8b", "\xe2\x80\x8d\xe2\x80\x8b");	/* ZWJ, ZWSP */
	check_sanitize("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	check_sanitize("\xee\x80\x80", "\xee\x80\x80");		/* U+E000 private use */
	check_sanitize("\xed\x9f\xbb", "\xed\x9f\xbb");		/* U+D7FB, last before surrogates */
	check_sanitize("\xef\xbf\xbd", FFFD);
}

/* Random bytes: always clean, same width as drawn, and sanitising twice changes nothing. */
static void
test_sanitize_random(void **state)
{
	static const unsigned char	 pick[] = {
		0x00, 0x01, 0x09, 0x0a, 0x1b, 0x20, 0x41, 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xaa,
		0xae, 0xbf, 0xc0, 0xc1, 0xc2, 0xcc, 0xdf, 0xe0, 0xe2, 0xe3, 0xed, 0xef, 0xf0,
		0xf4, 0xf5, 0xfe, 0xff, 0x80, 0x81, 0x90, 0xa6,
	};
	char				 in[64], *out, *again;
	unsigned int			 seed = 12345;
	int				 iter, i;

	(void)state;
	for (iter = 0; iter < 5000; iter++) {
		for (i = 0; i < 63; i++) {
			seed = seed * 1103515245U + 12345U;
			in[i] = (char)pick[(seed >> 16) % sizeof pick];
			if (in[i] == '\0')
				in[i] = 'z';
		}
		in[(seed >> 8) % 63] = '\0';
		out = text_sanitize(in);
		check_clean(out);
		assert_int_equal(text_width(out), text_width(in));
		again = text_sanitize(out);
		assert_string_equal(again, out);
		free(again);
		free(out);
	}
}

static void
test_valid_utf8(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("abc", 3));
	assert_true(text_valid_utf8("", 0));
	assert_true(text_valid_utf8("\xe3\x81\x82", 3));
	assert_false(text_valid_utf8("\xe3\x81\x82", 2));	/* len cuts the sequence */
	assert_false(text_valid_utf8("a\0b", 3));
	assert_false(text_valid_utf8("\xc0\x80", 2));
	assert_false(text_valid_utf8("\xed\xa0\x80", 3));
	assert_true(text_valid_utf8("\xf4\x8f\xbf\xbf", 4));
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4));
	assert_false(text_valid_utf8("\xff", 1));
	assert_false(text_valid_utf8(NULL, 0));
}

static void
check_wrap(const char *in, int cols, int n, ...)
{
	va_list	  ap;
	char	**lines = NULL;
	int	  got, i;

	got = text_wrap(in, cols, &lines);
	assert_non_null(lines);
	assert_int_equal(got, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(lines[i], va_arg(ap, const char *));
	va_end(ap);
	text_wrap_free(lines, got);
}

static void
test_wrap(void **state)
{
	(void)state;
	check_wrap("hello world", 5, 2, "hello", "world");
	check_wrap("hello world", 11, 1, "hello world");
	check_wrap("hello world foo", 11, 2, "hello world", "foo");
	check_wrap("aa   bb", 3, 2, "aa", "bb");
	check_wrap("abcdefghij", 4, 3, "abcd", "efgh", "ij");
	check_wrap("a verylongword", 5, 4, "a", "veryl", "ongwo", "rd");
	check_wrap("  ab", 10, 1, "  ab");
	/* 日本語のテキスト: two per line in 5 columns */
	check_wrap("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad"
	    "\xe3\x82\xb9\xe3\x83\x88", 5, 4,
	    "\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e\xe3\x81\xae",
	    "\xe3\x83\x86\xe3\x82\xad", "\xe3\x82\xb9\xe3\x83\x88");
	/* "see 日本語" in 6: CJK breaks between characters, right after 日 */
	check_wrap("see \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, 2,
	    "see \xe6\x97\xa5", "\xe6\x9c\xac\xe8\xaa\x9e");
	/* ｱｲｳｴｵ (half-width) breaks anywhere too */
	check_wrap("\xef\xbd\xb1\xef\xbd\xb2\xef\xbd\xb3\xef\xbd\xb4\xef\xbd\xb5", 2, 3,
	    "\xef\xbd\xb1\xef\xbd\xb2", "\xef\xbd\xb3\xef\xbd\xb4", "\xef\xbd\xb5");
	/* a wide character alone on a line when cols is 1 */
	check_wrap("\xe6\xbc\xa2\xe5\xad\x97", 1, 2, "\xe6\xbc\xa2", "\xe5\xad\x97");
	/* combining marks never start a line */
	check_wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, 2, "e\xcc\x81" "e\xcc\x81", "e\xcc\x81");
	/* embedded line breaks */
	check_wrap("a\nb", 10, 2, "a", "b");
	check_wrap("a\n\nb", 10, 3, "a", "", "b");
	check_wrap("a\r\nb", 10, 2, "a", "b");
	check_wrap("a\n", 10, 1, "a");
	check_wrap("\n", 10, 1, "");
	check_wrap("", 10, 0);
	check_wrap(NULL, 10, 0);
	/* other controls are sanitised, not obeyed */
	check_wrap("a\tb\x1b", 10, 1, "a\xe2\x90\x89" "b\xe2\x90\x9b");
	check_wrap("ab\xff", 2, 2, "ab", FFFD);
	check_wrap("abc", 0, 3, "a", "b", "c");
}

/* Copy s without spaces and without the ␊ that a sanitised '\n' becomes. */
static void
squeeze(const char *s, char *out)
{
	while (*s != '\0') {
		if (strncmp(s, "\xe2\x90\x8a", 3) == 0)
			s += 3;
		else if (*s == ' ')
			s++;
		else
			*out++ = *s++;
	}
	*out = '\0';
}

/* No wrapped line is wider than cols (cols >= 2) and nothing but spaces is lost. */
static void
test_wrap_widths(void **state)
{
	static const char *s = "The \xe5\xb8\x82\xe5\xbd\xb9\xe6\x89\x80 budget for "
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4\xe5\xba\xa6 is under review; "
	    "supercalifragilistic \xef\xbd\xb1\xef\xbd\xb2 e\xcc\x81t\xc3\xa9\n"
	    "second\tline \xf0\x9f\x98\x80\xf0\x9f\x98\x80";
	char	**lines, *san, want[512], got[512], joined[512];
	int	  cols, n, i;

	(void)state;
	san = text_sanitize(s);
	squeeze(san, want);
	free(san);
	for (cols = 2; cols <= 40; cols++) {
		n = text_wrap(s, cols, &lines);
		assert_true(n >= 2);
		joined[0] = '\0';
		for (i = 0; i < n; i++) {
			assert_true(text_width(lines[i]) <= cols);
			check_clean(lines[i]);
			assert_true(strlen(joined) + strlen(lines[i]) < sizeof joined);
			strcat(joined, lines[i]);
		}
		squeeze(joined, got);
		assert_string_equal(got, want);
		text_wrap_free(lines, n);
	}
}

static void
expect_refused(const char *s, int flags, int max, const char *msg)
{
	char *cause = NULL;

	assert_int_equal(text_input_check("note", s, flags, max, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

/* The one input rule: what it refuses, and the character and position it names. */
static void
test_input_rule(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(text_input_check("note", "窓口 DX\u3000改善", 0, 0, &cause), 0);
	assert_int_equal(text_input_check("note", "a\tb\nc\r\nd", TEXT_IN_MULTILINE, 0, &cause), 0);
	assert_int_equal(text_input_check("note", "あいう", 0, 3, &cause), 0);
	expect_refused("a\033[2J", 0, 0, "note: character 2, U+001B (a control character), is not "
	    "allowed");
	expect_refused("ab\007", TEXT_IN_MULTILINE, 0, "note: character 3, U+0007 (a control "
	    "character), is not allowed");
	expect_refused("x\033]52;c;ZXZpbA==\007", 0, 0, "note: character 2, U+001B (a control "
	    "character), is not allowed");
	expect_refused("a\tb", 0, 0, "note: character 2, U+0009 (a control character), is not "
	    "allowed");
	expect_refused("a\nb", TEXT_IN_TAB, 0, "note: character 2, U+000A (a control character), "
	    "is not allowed");
	expect_refused("a\rb", TEXT_IN_MULTILINE, 0, "note: character 2, U+000D (a control "
	    "character), is not allowed");
	expect_refused("a\x7f", 0, 0, "note: character 2, U+007F (a control character), is not "
	    "allowed");
	expect_refused("あ\xc2\x85", 0, 0, "note: character 2, U+0085 (a C1 control character), is "
	    "not allowed");
	expect_refused("\xc2\x9b" "31m", 0, 0, "note: character 1, U+009B (a C1 control character), is "
	    "not allowed");
	expect_refused("ab\u202ec", TEXT_IN_MULTILINE, 0, "note: character 3, U+202E (a "
	    "bidirectional control), is not allowed");
	expect_refused("\u2066x", 0, 0, "note: character 1, U+2066 (a bidirectional control), is "
	    "not allowed");
	expect_refused("a\u200fb", 0, 0, "note: character 2, U+200F (a bidirectional control), is "
	    "not allowed");
	expect_refused("ab\xff", 0, 0, "note: character 3 is not valid UTF-8 (byte 0xFF)");
	expect_refused("\xed\xa0\x80", 0, 0, "note: character 1 is not valid UTF-8 (byte 0xED)");
	expect_refused("あいうえ", 0, 3, "note: too long (4 characters, at most 3)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_cell_exact),
		cmocka_unit_test(test_sanitize_c0_del),
		cmocka_unit_test(test_sanitize_c1_bidi),
		cmocka_unit_test(test_sanitize_invalid),
		cmocka_unit_test(test_sanitize_keeps),
		cmocka_unit_test(test_sanitize_random),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_input_rule),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_widths),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
