/*
 * text — display width, fitting, cells, wrapping and the one sanitiser.
 *
 * UTF-8 is decoded strictly by backend/utf8.c (no overlongs, surrogates or > U+10FFFF):
 * every byte that does not start a valid sequence becomes one U+FFFD. Each decoded code
 * point then goes through text_map, which turns what must not reach the terminal into a
 * visible replacement, and its width comes from the C library's wcwidth, the function
 * ncursesw draws with. Nothing here allocates per character: the sanitiser sizes its
 * output once, text_cell allocates once, text_wrap once per output line.
 */
#include "backend/lib/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/utf8.h"
#include "backend/lib/util.h"

#define TEXT_ELLIPSIS		"\xe2\x80\xa6"	/* U+2026, one column */
#define TEXT_ELLIPSIS_LEN	3

/* Bidirectional formatting characters: they reorder what is drawn around them. */
static int
text_is_bidi(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The code point drawn for cp, and its width. */
static uint32_t
text_map(uint32_t cp, int *width)
{
	int	w;

	if (cp >= 0x20 && cp < 0x7F) {
		*width = 1;
		return cp;
	}
	if (cp < 0x20) {
		*width = 1;
		return 0x2400 + cp;	/* Control Pictures: ␀ .. ␟ */
	}
	if (cp == 0x7F) {
		*width = 1;
		return 0x2421;		/* ␡ */
	}
	if (cp <= 0x9F || text_is_bidi(cp) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		goto bad;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		goto bad;
	*width = w;
	return cp;
bad:
	w = wcwidth((wchar_t)UTF8_REPLACEMENT);
	*width = w < 0 ? 1 : w;
	return UTF8_REPLACEMENT;
}

/* Decode and map the next character of a NUL-terminated string. */
static size_t
text_next(const char *s, uint32_t *cp, int *width)
{
	uint32_t	raw;
	int		valid;
	size_t		n;

	n = utf8_decode((const unsigned char *)s, SIZE_MAX, &raw, &valid);
	*cp = text_map(raw, width);
	return n;
}

/* Bytes s[0..len) take once sanitised (each input byte gives at most 3). */
static size_t
text_sanitized_len(const char *s, size_t len, int *width)
{
	size_t		i = 0, n, out = 0;
	uint32_t	cp;
	int		w, total = 0;

	while (i < len) {
		n = text_next(s + i, &cp, &w);
		if (i + n > len)
			n = len - i;	/* callers cut at character boundaries */
		out += utf8_len(cp);
		total += w;
		i += n;
	}
	if (width != NULL)
		*width = total;
	return out;
}

/* Sanitise s[0..len) into out (which must have room); returns bytes written. */
static size_t
text_sanitize_into(const char *s, size_t len, char *out)
{
	size_t		i = 0, o = 0, n;
	uint32_t	cp;
	int		w;

	while (i < len) {
		n = text_next(s + i, &cp, &w);
		o += utf8_encode(cp, out + o);
		i += n;
	}
	return o;
}

char *
text_sanitize(const char *s)
{
	size_t	 len, outlen;
	char	*out;

	if (s == NULL)
		return xstrdup("");
	len = strlen(s);
	outlen = text_sanitized_len(s, len, NULL);
	out = xmalloc(outlen + 1);
	text_sanitize_into(s, len, out);
	out[outlen] = '\0';
	return out;
}

int
text_width(const char *s)
{
	uint32_t	cp;
	int		w, total = 0;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) {
			s++;
			total++;
			continue;
		}
		s += text_next(s, &cp, &w);
		total += w;
	}
	return total;
}

int
text_cp_width(wchar_t wc)
{
	int	w;

	if (wc < 0)
		wc = (wchar_t)UTF8_REPLACEMENT;
	text_map((uint32_t)wc, &w);
	return w;
}

size_t
text_fit(const char *s, int cols, int *used)
{
	size_t		i = 0, n;
	uint32_t	cp;
	int		w, u = 0;

	if (s != NULL) {
		while (s[i] != '\0') {
			n = text_next(s + i, &cp, &w);
			if (u + w > cols)
				break;
			u += w;
			i += n;
		}
	}
	if (used != NULL)
		*used = u;
	return i;
}

static size_t
text_pad(char *out, int n)
{
	if (n <= 0)
		return 0;
	memset(out, ' ', (size_t)n);
	return (size_t)n;
}

char *
text_cell(const char *s, int cols, enum text_align align)
{
	size_t	 len, outlen, o = 0, cut;
	char	*out;
	int	 width, used, left, right;

	if (s == NULL)
		s = "";
	if (cols < 0)
		cols = 0;
	len = strlen(s);
	outlen = text_sanitized_len(s, len, &width);
	if (width <= cols) {
		out = xmalloc(outlen + (size_t)(cols - width) + 1);
		left = align == TEXT_RIGHT ? cols - width :
		    align == TEXT_CENTER ? (cols - width) / 2 : 0;
		o += text_pad(out, left);
		o += text_sanitize_into(s, len, out + o);
		o += text_pad(out + o, cols - width - left);
		out[o] = '\0';
		return out;
	}

	/* Too wide: as much as fits in cols - 1, then the ellipsis, then padding. */
	out = xmalloc(outlen + TEXT_ELLIPSIS_LEN + (size_t)cols + 1);
	if (cols == 0) {
		out[0] = '\0';
		return out;
	}
	cut = text_fit(s, cols - 1, &used);
	right = cols - 1 - used;	/* 1 when a wide character would straddle */
	left = align == TEXT_RIGHT ? right : align == TEXT_CENTER ? right / 2 : 0;
	right -= left;
	o += text_pad(out, left);
	o += text_sanitize_into(s, cut, out + o);
	memcpy(out + o, TEXT_ELLIPSIS, TEXT_ELLIPSIS_LEN);
	o += TEXT_ELLIPSIS_LEN;
	o += text_pad(out + o, right);
	out[o] = '\0';
	return out;
}

int
text_valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;
	uint32_t		 cp;
	int			 valid;

	if (s == NULL)
		return 0;
	while (i < len) {
		if (p[i] == '\0')
			return 0;
		i += utf8_decode(p + i, len - i, &cp, &valid);
		if (!valid)
			return 0;
	}
	return 1;
}

/* What kind of character the input rule refuses, or NULL when cp may be stored. */
static const char *
text_refused_kind(uint32_t cp, const char *next, int flags)
{
	if (cp == '\t' && (flags & TEXT_IN_TAB))
		return NULL;
	if (cp == '\n' && (flags & TEXT_IN_NEWLINE))
		return NULL;
	if (cp == '\r' && (flags & TEXT_IN_NEWLINE) && *next == '\n')
		return NULL;	/* CRLF, as Excel writes a line break in a cell */
	if (cp < 0x20 || cp == 0x7F)
		return _("a control character");
	if (cp >= 0x80 && cp <= 0x9F)
		return _("a C1 control character");
	if (text_is_bidi(cp))
		return _("a bidirectional control");
	return NULL;
}

int
text_input_find(const char *s, int flags, int *pos, uint32_t *cp, const char **kind)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len = strlen(s), k;
	int			 valid;

	*pos = 0;
	while (i < len) {
		k = utf8_decode(p + i, len - i, cp, &valid);
		++*pos;
		if (!valid) {
			*cp = p[i];
			*kind = NULL;
			return TEXT_BAD_UTF8;
		}
		if ((*kind = text_refused_kind(*cp, s + i + k, flags)) != NULL)
			return TEXT_BAD_CHAR;
		i += k;
	}
	++*pos;
	return 0;
}

int
text_input_check(const char *field, const char *s, int flags, int max, char **cause)
{
	const char	*kind;
	uint32_t	 cp;
	int		 pos, n;

	switch (text_input_find(s, flags, &pos, &cp, &kind)) {
	case TEXT_BAD_UTF8:
		return set_cause(cause, _("%s: character %d is not valid UTF-8 (byte 0x%02X)"),
		    field, pos, (unsigned)cp);
	case TEXT_BAD_CHAR:
		return set_cause(cause, _("%s: character %d, U+%04X (%s), is not allowed"),
		    field, pos, (unsigned)cp, kind);
	}
	n = pos - 1;
	if (max > 0 && n > max)
		return set_cause(cause, _("%s: too long (%d characters, at most %d)"), field, n,
		    max);
	return 0;
}

/* For line breaking: a break may fall anywhere except between two WORD characters. */
enum text_class { TEXT_CLASS_NONE, TEXT_CLASS_SPACE, TEXT_CLASS_WORD, TEXT_CLASS_OTHER };

static enum text_class
text_class_of(uint32_t cp, int width)
{
	if (cp == ' ')
		return TEXT_CLASS_SPACE;
	/* Alphabetic scripts keep words whole; CJK and half-width kana break anywhere. */
	if (width == 1 && cp < 0x2E80)
		return TEXT_CLASS_WORD;
	return TEXT_CLASS_OTHER;
}

struct text_lines {
	char	**v;
	int	  n;
	int	  cap;
};

static void
text_lines_add(struct text_lines *l, const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof *l->v);
	}
	l->v[l->n++] = xstrndup(s, len);
}

/* Japanese line breaking (kinsoku): a line does not start with a closing mark. */
static int
text_no_line_start(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E:	/* 、。，． */
	case 0x300D: case 0x300F: case 0xFF09: case 0x3011:	/* 」』）】 */
	case 0x3009: case 0x300B: case 0x3015: case 0xFF3D:	/* 〉》〕］ */
	case 0xFF5D: case 0xFF01: case 0xFF1F: case 0x30FC:	/* ｝！？ー */
	case 0x3063: case 0x3083: case 0x3085: case 0x3087:	/* っゃゅょ */
	case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7:	/* ッャュョ */
	case 0x30FB: case 0xFF1A: case 0xFF1B:			/* ・：； */
	case ')': case ']': case '}': case ',': case '.': case ':': case ';':
	case '!': case '?':
		return 1;
	default:
		return 0;
	}
}

/* Wrap one sanitised line (no '\n') of len bytes. */
static void
text_wrap_line(struct text_lines *l, const char *s, size_t len, int cols)
{
	size_t		 ls = 0, p = 0, bp = 0, n;
	uint32_t	 cp;
	int		 w, lw = 0, emitted = 0;
	enum text_class	 prev = TEXT_CLASS_NONE, cur;

	while (p < len) {
		n = text_next(s + p, &cp, &w);
		if (w == 0) {		/* stays with the character before it */
			p += n;
			continue;
		}
		cur = text_class_of(cp, w);
		if (p > ls && !(prev == TEXT_CLASS_WORD && cur == TEXT_CLASS_WORD) &&
		    !text_no_line_start(cp))
			bp = p;
		if (lw + w > cols && p > ls) {
			if (bp <= ls)
				bp = p;	/* a word longer than the line: hard break */
			text_lines_add(l, s + ls, bp - ls);
			emitted = 1;
			ls = bp;
			while (ls < len && s[ls] == ' ')
				ls++;
			p = ls;
			lw = 0;
			prev = TEXT_CLASS_NONE;
			continue;
		}
		lw += w;
		prev = cur;
		p += n;
	}
	if (ls < len || !emitted)
		text_lines_add(l, s + ls, len - ls);
}

int
text_wrap(const char *s, int cols, char ***lines)
{
	struct text_lines	 l = { NULL, 0, 0 };
	const char		*nl;
	char			*buf = NULL;
	size_t			 seg, need, cap = 0, blen;

	if (cols < 1)
		cols = 1;
	while (s != NULL && *s != '\0') {
		nl = strchr(s, '\n');
		seg = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (seg > 0 && s[seg - 1] == '\r')
			seg--;		/* "\r\n" is a line break too */
		need = text_sanitized_len(s, seg, NULL) + 1;
		if (need > cap) {
			cap = need;
			free(buf);
			buf = xmalloc(cap);
		}
		blen = text_sanitize_into(s, seg, buf);
		text_wrap_line(&l, buf, blen, cols);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	free(buf);
	if (l.v == NULL)
		l.v = xmalloc(sizeof *l.v);
	*lines = l.v;
	return l.n;
}

void
text_wrap_free(char **lines, int n)
{
	int	i;

	if (lines == NULL)
		return;
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
