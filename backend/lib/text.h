/*
 * text — the only place that knows display width, and the one sanitiser.
 * Width is the C library's wcwidth (what ncursesw draws with). Every string from the
 * database, a file or a user goes through text_sanitize (or a function here that calls
 * it) before it is drawn: C0 controls, DEL, C1 (U+0080-U+009F), bidi overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069) and invalid UTF-8 become visible replacements.
 * The process must have an UTF-8 LC_CTYPE (setlocale) before these are used.
 */
#ifndef RASHIN_TEXT_H
#define RASHIN_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };

/* Newly allocated, always valid UTF-8, with no control or bidi-control character left. */
char	*text_sanitize(const char *s);
/* Display width of s as it will be drawn (i.e. after sanitising). */
int	 text_width(const char *s);
/* Width of one code point as drawn; 0 for combining/zero-width, 2 for wide. */
int	 text_cp_width(wchar_t);
/*
 * How many bytes of the (already sanitised) string s fit in cols columns, never
 * splitting a character (and keeping combining marks with their base); *used, if not
 * NULL, gets the columns those bytes take.
 */
size_t	 text_fit(const char *s, int cols, int *used);
/*
 * A sanitised cell exactly cols columns wide: truncated with "…" if too wide (never
 * splitting a character; a wide character that would straddle the edge becomes a space),
 * padded with spaces by align. A truncated cell is the text that fits in cols - 1, then
 * "…", then that space if any (placed by align). cols <= 0 gives "". Newly allocated.
 */
char	*text_cell(const char *s, int cols, enum text_align align);
/*
 * Word-wrap s to lines of at most cols columns. s is split at "\n" (or "\r\n") first,
 * then each line is sanitised and wrapped: Japanese breaks anywhere between characters,
 * alphabetic words are kept whole where they fit and hard-broken where they do not;
 * spaces at a break are dropped, combining marks never start a line. A wide character
 * alone is wider than cols only when cols is 1. "" or NULL give 0 lines, a final "\n"
 * adds none. Returns the number of lines; *lines gets a newly allocated array of newly
 * allocated strings (free with text_wrap_free).
 */
int	 text_wrap(const char *s, int cols, char ***lines);
void	 text_wrap_free(char **lines, int n);
/* Is s valid UTF-8 (and free of NUL before len)? For input validation with messages. */
int	 text_valid_utf8(const char *s, size_t len);

/*
 * The one input rule, for every text field from every path (command line, console forms,
 * imports): valid UTF-8; no C0 control (U+0000-U+001F) but a tab where flags has
 * TEXT_IN_TAB and a line break (LF or CRLF) where it has TEXT_IN_NEWLINE; no DEL, no C1
 * (U+0080-U+009F), no bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069); at most max characters (max <= 0: no limit). 0, or -1 with *cause
 * (translated) naming field, the character (U+XXXX) and its position (1-based, in
 * characters): "note: character 5, U+001B (a control character), is not allowed".
 */
#define TEXT_IN_TAB		1
#define TEXT_IN_NEWLINE		2
#define TEXT_IN_MULTILINE	(TEXT_IN_TAB | TEXT_IN_NEWLINE)
int	 text_input_check(const char *field, const char *s, int flags, int max, char **cause);
/*
 * The same rule, for a caller that words its own message (a form's field, short): 0 when
 * s passes (*pos gets its length + 1, in characters); TEXT_BAD_CHAR with the refused
 * character's position (1-based), code point and kind (translated: "a C1 control
 * character"); TEXT_BAD_UTF8 with the position and the invalid byte in *cp.
 */
#define TEXT_BAD_CHAR		1
#define TEXT_BAD_UTF8		2
int	 text_input_find(const char *s, int flags, int *pos, uint32_t *cp, const char **kind);

#endif
